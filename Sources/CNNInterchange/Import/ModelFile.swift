import CNNFormats

/// The other tools' model files cnnc reads, told apart by extension: what `cnnc import` reads
/// and what `check`, `summary` and `graph` accept in place of a spec.
public enum ModelFile {
    public enum Kind: String, Sendable, CaseIterable {
        case onnx
        /// A Darknet `.cfg`; its weights come separately (`--darknet-weights W.weights`).
        case darknet
    }

    /// `.onnx` or `.cfg` (any case); nil for a spec or anything else.
    public static func kind(ofPath path: String) -> Kind? {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".onnx") { return .onnx }
        if lowered.hasSuffix(".cfg") { return .darknet }
        return nil
    }

    /// The model in the file's `bytes`; `path` names it in messages. A Darknet `.cfg` brings its
    /// weights only with `darknetWeights` (the `.weights` file's bytes and path).
    public static func importModel(_ kind: Kind, bytes: [UInt8], path: String,
                                   darknetWeights: (bytes: [UInt8], path: String)? = nil) throws -> ImportedModel {
        switch kind {
        case .onnx:
            return try ONNXImporter.importModel(bytes: bytes, path: path)
        case .darknet:
            guard let cfg = String(validating: bytes, as: UTF8.self) else {
                throw ImportError(path: path, place: "the file", message: "a Darknet .cfg is text, and this is not UTF-8")
            }
            if let darknetWeights {
                return try DarknetImporter.importModel(cfg: cfg, path: path, weights: darknetWeights.bytes,
                                                       weightsPath: darknetWeights.path)
            }
            return try DarknetImporter.importModel(cfg: cfg, path: path)
        }
    }
}
