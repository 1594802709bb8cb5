/// The safetensors dtype names this reader converts to float32, and their element types.
enum SafetensorsDtype {
    /// Every convertible dtype; integers and booleans convert exactly up to 2^24 (PyTorch's
    /// batchnorm stores `num_batches_tracked` as I64).
    static let scalarTypes: [String: ScalarType] = [
        "BOOL": .bool, "U8": .uint8, "I8": .int8, "U16": .uint16, "I16": .int16,
        "U32": .uint32, "I32": .int32, "U64": .uint64, "I64": .int64,
        "F16": .float16, "BF16": .bfloat16, "F32": .float32, "F64": .float64,
    ]

    /// The supported names in a fixed order for error messages.
    static let supportedNames = ["F32", "F16", "BF16", "F64", "I64", "I32", "I16", "I8",
                                 "U64", "U32", "U16", "U8", "BOOL"]
}
