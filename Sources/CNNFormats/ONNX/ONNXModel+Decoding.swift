/// Reading an ONNX file into `ONNXModel`: the fields a CNN uses, with onnx.proto's numbers;
/// everything else (metadata, doc strings, value_info, training info) is skipped. Float16 and
/// double tensors become float, int32 becomes int64; external data is refused.
extension ONNXModel {
    public init(bytes: [UInt8], path: String) throws(FormatError) {
        var reader = ProtobufReader(bytes[...], path: path, part: "ModelProto")
        var graph: ONNXGraph?
        var opset: Int64?
        self.init(graph: ONNXGraph(name: ""))
        while let (number, payload) = try reader.nextField() {
            switch number {
            case 1: irVersion = try payload.integer(reader)
            case 2: producerName = try payload.string(reader)
            case 3: producerVersion = try payload.string(reader)
            case 7: graph = try ONNXGraph(try payload.data(reader), path: path)
            case 8:
                var entry = ProtobufReader(try payload.data(reader), path: path, part: "ModelProto.opset_import")
                var domain = "", version: Int64 = 0
                while let (field, value) = try entry.nextField() {
                    if field == 1 { domain = try value.string(entry) }
                    if field == 2 { version = try value.integer(entry) }
                }
                if domain.isEmpty || domain == "ai.onnx" { opset = version }
            default: break
            }
        }
        guard let graph else { throw .badHeader(path: path, format: "ONNX", problem: "the model has no graph") }
        self.graph = graph
        opsetVersion = opset ?? 0
    }
}

extension ONNXGraph {
    init(_ bytes: ArraySlice<UInt8>, path: String) throws(FormatError) {
        var reader = ProtobufReader(bytes, path: path, part: "GraphProto")
        self.init(name: "")
        while let (number, payload) = try reader.nextField() {
            switch number {
            case 1: nodes.append(try ONNXNode(try payload.data(reader), path: path))
            case 2: name = try payload.string(reader)
            case 5: initializers.append(try ONNXTensor(try payload.data(reader), path: path))
            case 11: inputs.append(try ONNXValueInfo(try payload.data(reader), path: path))
            case 12: outputs.append(try ONNXValueInfo(try payload.data(reader), path: path))
            default: break
            }
        }
    }
}

extension ONNXNode {
    init(_ bytes: ArraySlice<UInt8>, path: String) throws(FormatError) {
        var reader = ProtobufReader(bytes, path: path, part: "NodeProto")
        self.init(name: "", opType: "", inputs: [], outputs: [])
        var domain = ""
        while let (number, payload) = try reader.nextField() {
            switch number {
            case 1: inputs.append(try payload.string(reader))
            case 2: outputs.append(try payload.string(reader))
            case 3: name = try payload.string(reader)
            case 4: opType = try payload.string(reader)
            case 5: attributes.append(try ONNXAttribute(try payload.data(reader), path: path))
            case 7: domain = try payload.string(reader)
            default: break
            }
        }
        // Operators of other domains keep their domain in the name, so that they are refused by it.
        if !domain.isEmpty && domain != "ai.onnx" { opType = "\(domain).\(opType)" }
    }
}

extension ONNXAttribute {
    init(_ bytes: ArraySlice<UInt8>, path: String) throws(FormatError) {
        var reader = ProtobufReader(bytes, path: path, part: "AttributeProto")
        var name = "", kind: Int64 = 0
        var float: Float = 0, integer: Int64 = 0, string = "", tensor: ONNXTensor?
        var floats: [Float] = [], integers: [Int64] = []
        while let (number, payload) = try reader.nextField() {
            switch number {
            case 1: name = try payload.string(reader)
            case 2: float = try payload.float(reader)
            case 3: integer = try payload.integer(reader)
            case 4: string = String(decoding: try payload.data(reader), as: UTF8.self)
            case 5: tensor = try ONNXTensor(try payload.data(reader), path: path)
            case 7: floats += try payload.floats(reader)
            case 8: integers += try payload.integers(reader)
            case 20: kind = try payload.integer(reader)
            default: break
            }
        }
        let value: Value
        switch Kind(rawValue: kind) {
        case .float: value = .float(float)
        case .integer: value = .integer(integer)
        case .string: value = .string(string)
        case .floats: value = .floats(floats)
        case .integers: value = .integers(integers)
        case .tensor:
            guard let tensor else { throw reader.problem("attribute '\(name)' is a tensor without one") }
            value = .tensor(tensor)
        case nil:
            throw .unsupportedFeature(path: path, feature: "attribute '\(name)' of type \(kind)",
                                      remedy: "only float, int, string, tensor, floats and ints attributes are read")
        }
        self.init(name, value)
    }
}
