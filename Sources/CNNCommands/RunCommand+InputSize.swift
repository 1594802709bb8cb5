import CNNDiagnostics
import CNNFrontEnd
import CNNModel

extension RunCommand {
    /// The model to run on images of `shape` (one sample's dimensions) from `file`.
    ///
    /// The spec's own model when the shapes agree. A fully convolutional spec (no dense, no
    /// flatten: `Model.acceptsAnySpatialSize`) is compiled again at the file's height and width,
    /// as `--input` would, so that `edges.cnn` takes a photo of any size; its channels must still
    /// match. Any other difference is the mismatch error naming both shapes. The recompile's
    /// warnings were already printed for the spec's size, so only its first error is reported.
    static func model(of spec: LoadedSpec, fitting shape: [Int], from file: String) throws -> Model {
        let model = spec.model
        guard shape != model.input.dimensions else { return model }
        let holds = "\(file) holds images of shape \(shapeText(shape[...]))"
        guard model.acceptsAnySpatialSize, shape.count == 3, shape[2] == model.input.channels else {
            throw CommandFailure("\(holds) but \(spec.path) expects \(model.input);"
                + " resize the images or change the spec's input")
        }
        let sized = Shape.image(height: shape[0], width: shape[1], channels: shape[2])
        let result = Compiler.compile(source: SourceText(utf8: Array(spec.text.utf8)), input: sized)
        guard let resized = result.model else {
            let reason = result.diagnostics.first { $0.severity == .error }?.message ?? "it does not check"
            throw CommandFailure("\(holds); \(spec.path) takes any HxW but not \(sized): \(reason)")
        }
        return resized
    }
}
