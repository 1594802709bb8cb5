/// Reads Protocol Buffers' wire format field by field, bounds-checked: a malformed or
/// truncated message is a `FormatError`, never a crash or an over-read.
///
/// `nextField()` yields each field's number and payload in file order; a message's fields may
/// come in any order and repeat, and unknown fields are skipped, as protobuf's own readers do.
public struct ProtobufReader {
    public enum Payload {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        case bytes(ArraySlice<UInt8>)
    }

    private let bytes: ArraySlice<UInt8>
    private var offset: Int
    let path: String
    /// What is being read (`ModelProto.graph.node`), for errors.
    let part: String

    public init(_ bytes: ArraySlice<UInt8>, path: String, part: String) {
        self.bytes = bytes
        self.offset = bytes.startIndex
        self.path = path
        self.part = part
    }

    /// The next field, or nil at the end of the message.
    public mutating func nextField() throws(FormatError) -> (number: Int, payload: Payload)? {
        guard offset < bytes.endIndex else { return nil }
        let key = try varint()
        let number = key >> 3
        guard number > 0, number < 1 << 29 else { throw problem("field number \(number) is out of range") }
        switch key & 7 {
        case 0: return (Int(number), .varint(try varint()))
        case 1: return (Int(number), .fixed64(UInt64(littleEndian: try take(8))))
        case 2:
            let length = try varint()
            guard length <= UInt64(bytes.endIndex - offset) else {
                throw .truncated(path: path, part: part, neededBytes: Int(clamping: length),
                                 availableBytes: bytes.endIndex - offset)
            }
            let start = offset
            offset += Int(length)
            return (Int(number), .bytes(bytes[start..<offset]))
        case 5: return (Int(number), .fixed32(UInt32(truncatingIfNeeded: try take(4))))
        default: throw problem("wire type \(key & 7) (groups or garbage) is not supported")
        }
    }

    private mutating func varint() throws(FormatError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard offset < bytes.endIndex else {
                throw .truncated(path: path, part: part, neededBytes: offset + 1, availableBytes: offset)
            }
            let byte = bytes[offset]
            offset += 1
            guard shift < 63 || byte <= 1 else { throw problem("a varint is longer than 64 bits") }
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        throw problem("a varint is longer than 10 bytes")
    }

    /// `count` little-endian bytes as an integer.
    private mutating func take(_ count: Int) throws(FormatError) -> UInt64 {
        guard bytes.endIndex - offset >= count else {
            throw .truncated(path: path, part: part, neededBytes: count, availableBytes: bytes.endIndex - offset)
        }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        offset += count
        return value
    }

    func problem(_ text: String) -> FormatError {
        .badHeader(path: path, format: "protobuf", problem: "\(part): \(text)")
    }
}

extension ProtobufReader.Payload {
    /// The payload as an integer field (int32, int64, enum, bool).
    func integer(_ reader: ProtobufReader) throws(FormatError) -> Int64 {
        guard case let .varint(value) = self else { throw reader.problem("an integer field has the wrong wire type") }
        return Int64(bitPattern: value)
    }

    func data(_ reader: ProtobufReader) throws(FormatError) -> ArraySlice<UInt8> {
        guard case let .bytes(value) = self else { throw reader.problem("a length-delimited field has the wrong wire type") }
        return value
    }

    func string(_ reader: ProtobufReader) throws(FormatError) -> String {
        guard let text = String(validating: try data(reader), as: UTF8.self) else {
            throw reader.problem("a string is not valid UTF-8")
        }
        return text
    }

    func float(_ reader: ProtobufReader) throws(FormatError) -> Float {
        guard case let .fixed32(bits) = self else { throw reader.problem("a float field has the wrong wire type") }
        return Float(bitPattern: bits)
    }

    /// A `repeated int64` field, packed (one length-delimited run) or not (one varint).
    func integers(_ reader: ProtobufReader) throws(FormatError) -> [Int64] {
        switch self {
        case let .varint(value): return [Int64(bitPattern: value)]
        case let .bytes(run):
            var packed = ProtobufReader(run, path: reader.path, part: reader.part)
            var values: [Int64] = []
            while let value = try packed.nextPackedVarint() { values.append(Int64(bitPattern: value)) }
            return values
        default: throw reader.problem("a repeated integer field has the wrong wire type")
        }
    }

    /// A `repeated float` field, packed or not.
    func floats(_ reader: ProtobufReader) throws(FormatError) -> [Float] {
        switch self {
        case let .fixed32(bits): return [Float(bitPattern: bits)]
        case let .bytes(run):
            guard run.count % 4 == 0 else { throw reader.problem("packed floats are not a multiple of 4 bytes") }
            return stride(from: run.startIndex, to: run.endIndex, by: 4).map { start in
                Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(run[start + $1]) << UInt32(8 * $1) })
            }
        default: throw reader.problem("a repeated float field has the wrong wire type")
        }
    }

    /// A `repeated double` field, packed or not.
    func doubles(_ reader: ProtobufReader) throws(FormatError) -> [Double] {
        switch self {
        case let .fixed64(bits): return [Double(bitPattern: bits)]
        case let .bytes(run):
            guard run.count % 8 == 0 else { throw reader.problem("packed doubles are not a multiple of 8 bytes") }
            return stride(from: run.startIndex, to: run.endIndex, by: 8).map { start in
                Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(run[start + $1]) << UInt64(8 * $1) })
            }
        default: throw reader.problem("a repeated double field has the wrong wire type")
        }
    }
}

extension ProtobufReader {
    /// The next varint of a packed run, or nil at its end.
    mutating func nextPackedVarint() throws(FormatError) -> UInt64? {
        offset < bytes.endIndex ? try varint() : nil
    }
}
