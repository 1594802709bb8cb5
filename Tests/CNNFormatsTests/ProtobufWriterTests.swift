import CNNFormats
import Testing

/// The wire format byte for byte, as protobuf's encoding guide spells it out.
@Suite struct ProtobufWriterTests {
    @Test func varintsAndKeys() {
        var writer = ProtobufWriter()
        writer.integer(1, 150)          // the guide's example: 08 96 01
        writer.integer(2, 300)
        writer.integer(3, -1)           // ten bytes, two's complement
        #expect(writer.bytes == [0x08, 0x96, 0x01, 0x10, 0xAC, 0x02,
                                 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    @Test func lengthDelimitedAndFixed32() {
        var writer = ProtobufWriter()
        writer.string(2, "testing")     // 12 07 74 65 73 74 69 6e 67
        writer.float(5, 1)              // 2d 00 00 80 3f
        writer.packedIntegers(4, [3, 270, 86942])
        writer.message(16) { $0.integer(1, 1) }
        #expect(writer.bytes == [0x12, 0x07] + Array("testing".utf8) + [0x2D, 0x00, 0x00, 0x80, 0x3F]
                + [0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05] + [0x82, 0x01, 0x02, 0x08, 0x01])
    }
}
