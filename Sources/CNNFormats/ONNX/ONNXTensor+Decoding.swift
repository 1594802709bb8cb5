/// TensorProto and ValueInfoProto from their bytes.
extension ONNXTensor {
    /// TensorProto.DataType values that a CNN's weights and shape constants use.
    private enum DataType: Int64 { case float = 1, int32 = 6, int64 = 7, float16 = 10, double = 11, bfloat16 = 16 }

    init(_ bytes: ArraySlice<UInt8>, path: String) throws(FormatError) {
        var reader = ProtobufReader(bytes, path: path, part: "TensorProto")
        var name = "", dimensions: [Int64] = [], type: Int64 = 0
        var raw: ArraySlice<UInt8>?, floats: [Float] = [], integers: [Int64] = [], doubles: [Double] = []
        var isExternal = false
        while let (number, payload) = try reader.nextField() {
            switch number {
            case 1: dimensions += try payload.integers(reader)
            case 2: type = try payload.integer(reader)
            case 4: floats += try payload.floats(reader)
            case 5, 7: integers += try payload.integers(reader)       // int32_data (also float16 bits), int64_data
            case 8: name = try payload.string(reader)
            case 9: raw = try payload.data(reader)
            case 10: doubles += try payload.doubles(reader)
            case 14: isExternal = try payload.integer(reader) == 1
            default: break
            }
        }
        guard !isExternal else {
            throw .unsupportedFeature(path: path, feature: "tensor '\(name)' stored in an external file",
                                      remedy: "save the model with its weights inside (onnx.save(model, path, save_as_external_data=False))")
        }
        guard dimensions.allSatisfy({ $0 >= 0 && $0 <= Int64(Int32.max) }) else {
            throw .badTensor(path: path, tensor: name, problem: "dimensions \(dimensions) are out of range")
        }
        var count = 1
        for dimension in dimensions {
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(dimension))
            guard !overflow, product <= bytes.count * 8 + 8 else {
                throw .badTensor(path: path, tensor: name, problem: "dimensions \(dimensions) hold more values than the file")
            }
            count = product
        }
        let data: Data
        switch DataType(rawValue: type) {
        case .float:
            data = .float(try raw.map { raw throws(FormatError) in try Self.littleEndian(raw, width: 4, name: name, path: path)
                .map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) } } ?? floats)
        case .double:
            data = .float(try raw.map { raw throws(FormatError) in try Self.littleEndian(raw, width: 8, name: name, path: path)
                .map { Float(Double(bitPattern: $0)) } } ?? doubles.map(Float.init))
        case .float16, .bfloat16:
            let widen = type == DataType.float16.rawValue ? HalfPrecision.float(fromHalfBits:) : HalfPrecision.float(fromBFloat16Bits:)
            let bits = try raw.map { raw throws(FormatError) in try Self.littleEndian(raw, width: 2, name: name, path: path) }
                ?? integers.map { UInt64(truncatingIfNeeded: $0) }
            data = .float(bits.map { widen(UInt16(truncatingIfNeeded: $0)) })
        case .int64:
            data = .int64(try raw.map { raw throws(FormatError) in try Self.littleEndian(raw, width: 8, name: name, path: path)
                .map { Int64(bitPattern: $0) } } ?? integers)
        case .int32:
            data = .int64(try raw.map { raw throws(FormatError) in try Self.littleEndian(raw, width: 4, name: name, path: path)
                .map { Int64(Int32(truncatingIfNeeded: $0)) } } ?? integers)
        case nil:
            throw .unsupportedDtype(path: path, tensor: name, dtype: "ONNX data type \(type)",
                                    supported: ["float", "float16", "bfloat16", "double", "int32", "int64"])
        }
        guard data.count == count else {
            throw .badTensor(path: path, tensor: name, problem: "shape \(dimensions) needs \(count) values, the file has \(data.count)")
        }
        self.init(name: name, dimensions: dimensions.map { Int($0) }, data: data)
    }

    /// `raw` as little-endian integers of `width` bytes.
    private static func littleEndian(_ raw: ArraySlice<UInt8>, width: Int, name: String,
                                     path: String) throws(FormatError) -> [UInt64] {
        guard raw.count % width == 0 else {
            throw .badTensor(path: path, tensor: name, problem: "raw_data of \(raw.count) bytes is no whole number of values")
        }
        return stride(from: raw.startIndex, to: raw.endIndex, by: width).map { start in
            (0..<width).reduce(UInt64(0)) { $0 | UInt64(raw[start + $1]) << UInt64(8 * $1) }
        }
    }
}

extension ONNXTensor.Data {
    public var count: Int {
        switch self {
        case let .float(values): return values.count
        case let .int64(values): return values.count
        }
    }
}

extension ONNXValueInfo {
    init(_ bytes: ArraySlice<UInt8>, path: String) throws(FormatError) {
        var reader = ProtobufReader(bytes, path: path, part: "ValueInfoProto")
        var name = "", dimensions: [Dimension] = []
        while let (number, payload) = try reader.nextField() {
            switch number {
            case 1: name = try payload.string(reader)
            case 2: dimensions = try Self.shape(inType: try payload.data(reader), path: path)
            default: break
            }
        }
        self.init(name: name, dimensions: dimensions)
    }

    /// TypeProto.tensor_type.shape.dim, each a size or a symbol (an unnamed one is "?").
    private static func shape(inType bytes: ArraySlice<UInt8>, path: String) throws(FormatError) -> [Dimension] {
        func field(_ number: Int, of bytes: ArraySlice<UInt8>, part: String) throws(FormatError) -> [ArraySlice<UInt8>] {
            var reader = ProtobufReader(bytes, path: path, part: part)
            var found: [ArraySlice<UInt8>] = []
            while let (field, payload) = try reader.nextField() {
                if field == number { found.append(try payload.data(reader)) }
            }
            return found
        }
        guard let tensor = try field(1, of: bytes, part: "TypeProto").first,
              let shape = try field(2, of: tensor, part: "TypeProto.Tensor").first else { return [] }
        return try field(1, of: shape, part: "TensorShapeProto").map { dim throws(FormatError) in
            var reader = ProtobufReader(dim, path: path, part: "TensorShapeProto.Dimension")
            var dimension = Dimension.symbol("?")
            while let (number, payload) = try reader.nextField() {
                if number == 1 { dimension = .size(Int(clamping: try payload.integer(reader))) }
                if number == 2 { dimension = .symbol(try payload.string(reader)) }
            }
            return dimension
        }
    }
}
