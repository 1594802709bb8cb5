/// Protocol Buffers' wire format, the subset ONNX needs: varints, 32-bit floats and
/// length-delimited fields (strings, bytes, packed repeated scalars, nested messages).
///
/// A field is a key `(number << 3) | wireType` as a varint, then its payload: wire type 0 a varint,
/// 2 a varint length and that many bytes, 5 four little-endian bytes. Fields are written in the
/// order given; readers accept any order.
public struct ProtobufWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    enum WireType: UInt64 { case varint = 0, lengthDelimited = 2, fixed32 = 5 }

    /// An int32, int64 or enum field; negative values take ten bytes, as protobuf's two's complement.
    public mutating func integer(_ field: Int, _ value: Int64) {
        key(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    public mutating func float(_ field: Int, _ value: Float) {
        key(field, .fixed32)
        littleEndian(value.bitPattern)
    }

    public mutating func string(_ field: Int, _ value: String) {
        data(field, Array(value.utf8))
    }

    public mutating func data(_ field: Int, _ value: [UInt8]) {
        key(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes += value
    }

    public mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        build(&nested)
        data(field, nested.bytes)
    }

    /// A packed `repeated int64`: one length-delimited field of varints.
    public mutating func packedIntegers(_ field: Int, _ values: [Int64]) {
        var packed = ProtobufWriter()
        for value in values { packed.varint(UInt64(bitPattern: value)) }
        data(field, packed.bytes)
    }

    /// A packed `repeated float`: one length-delimited field of little-endian floats.
    public mutating func packedFloats(_ field: Int, _ values: [Float]) {
        var packed = ProtobufWriter()
        for value in values { packed.littleEndian(value.bitPattern) }
        data(field, packed.bytes)
    }

    private mutating func key(_ field: Int, _ type: WireType) {
        varint(UInt64(field) << 3 | type.rawValue)
    }

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private mutating func littleEndian(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
