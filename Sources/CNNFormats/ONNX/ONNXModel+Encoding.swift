/// Protobuf encoding of `ONNXModel`, with onnx.proto's field numbers.
extension ONNXModel {
    /// TensorProto.DataType values.
    enum DataType: Int64 { case float = 1, int64 = 7 }

    public func serialized() -> [UInt8] {
        var model = ProtobufWriter()
        model.integer(1, irVersion)                                   // ir_version
        model.string(2, producerName)                                 // producer_name
        if !producerVersion.isEmpty { model.string(3, producerVersion) }
        model.message(7) { graph.encode(into: &$0) }                  // graph
        model.message(8) { opset in                                   // opset_import
            opset.string(1, "")                                       // domain: the default one
            opset.integer(2, opsetVersion)
        }
        return model.bytes
    }
}

extension ONNXGraph {
    func encode(into writer: inout ProtobufWriter) {
        for node in nodes { writer.message(1) { node.encode(into: &$0) } }
        writer.string(2, name)
        for tensor in initializers { writer.message(5) { tensor.encode(into: &$0) } }
        for input in inputs { writer.message(11) { input.encode(into: &$0) } }
        for output in outputs { writer.message(12) { output.encode(into: &$0) } }
    }
}

extension ONNXNode {
    func encode(into writer: inout ProtobufWriter) {
        for input in inputs { writer.string(1, input) }
        for output in outputs { writer.string(2, output) }
        writer.string(3, name)
        writer.string(4, opType)
        for attribute in attributes { writer.message(5) { attribute.encode(into: &$0) } }
    }
}

extension ONNXAttribute {
    /// AttributeProto.AttributeType values.
    enum Kind: Int64 { case float = 1, integer = 2, string = 3, tensor = 4, floats = 6, integers = 7 }

    func encode(into writer: inout ProtobufWriter) {
        writer.string(1, name)
        switch value {
        case let .float(value):
            writer.float(2, value)
            writer.integer(20, Kind.float.rawValue)
        case let .integer(value):
            writer.integer(3, value)
            writer.integer(20, Kind.integer.rawValue)
        case let .string(value):
            writer.string(4, value)
            writer.integer(20, Kind.string.rawValue)
        case let .floats(values):
            writer.packedFloats(7, values)
            writer.integer(20, Kind.floats.rawValue)
        case let .integers(values):
            writer.packedIntegers(8, values)
            writer.integer(20, Kind.integers.rawValue)
        case let .tensor(tensor):
            writer.message(5) { tensor.encode(into: &$0) }
            writer.integer(20, Kind.tensor.rawValue)
        }
    }
}

extension ONNXTensor {
    func encode(into writer: inout ProtobufWriter) {
        writer.packedIntegers(1, dimensions.map(Int64.init))          // dims
        switch data {
        case let .float(values):
            writer.integer(2, ONNXModel.DataType.float.rawValue)
            writer.string(8, name)
            var raw = [UInt8]()
            raw.reserveCapacity(values.count * 4)
            for value in values {
                let bits = value.bitPattern
                raw += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
            }
            writer.data(9, raw)                                       // raw_data, little-endian
        case let .int64(values):
            writer.integer(2, ONNXModel.DataType.int64.rawValue)
            writer.string(8, name)
            writer.packedIntegers(7, values)                          // int64_data
        }
    }
}

extension ONNXValueInfo {
    func encode(into writer: inout ProtobufWriter) {
        writer.string(1, name)
        writer.message(2) { type in                                   // TypeProto
            type.message(1) { tensor in                               // tensor_type
                tensor.integer(1, ONNXModel.DataType.float.rawValue)  // elem_type
                tensor.message(2) { shape in                          // TensorShapeProto
                    for dimension in dimensions {
                        shape.message(1) { dim in
                            switch dimension {
                            case let .size(size): dim.integer(1, Int64(size))
                            case let .symbol(symbol): dim.string(2, symbol)
                            }
                        }
                    }
                }
            }
        }
    }
}
