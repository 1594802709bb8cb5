/// The tensors and string metadata of one safetensors file.
public struct SafetensorsContents: Hashable, Sendable {
    /// Tensors by name, converted to float32, each in the shape the file gives (row-major).
    public var tensors: [String: Tensor]
    /// The free-form `__metadata__` map (empty if the file has none).
    public var metadata: [String: String]
    /// The dtype each tensor had in the file ("F32", "F16", ...), for reports of lossy conversions.
    public var dtypes: [String: String]

    public init(tensors: [String: Tensor], metadata: [String: String] = [:], dtypes: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
        self.dtypes = dtypes
    }
}
