/// Unwraps gzip files (RFC 1952), as MNIST is distributed: header, DEFLATE data, CRC-32 and size.
enum Gzip {
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes of all members of the gzip file `bytes`, each checked against its CRC-32.
    static func decompress(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        repeat {
            let (member, end) = try decompressMember(bytes, from: start, path: path)
            output += member
            start = end
        } while start < bytes.count && isCompressed(Array(bytes[start...].prefix(2)))
        guard start == bytes.count else {
            throw FormatError.trailingBytes(path: path, format: "gzip", expectedBytes: start, actualBytes: bytes.count)
        }
        return output
    }

    private static func decompressMember(_ bytes: [UInt8], from start: Int, path: String) throws -> ([UInt8], Int) {
        func problem(_ text: String) -> FormatError { .badHeader(path: path, format: "gzip", problem: text) }
        var reader = ByteReader(bytes: bytes, path: path)
        _ = try reader.take(start + 2, part: "gzip header")
        guard try reader.uint8(part: "gzip header") == 8 else { throw problem("compression method is not deflate") }
        let flags = try reader.uint8(part: "gzip header")
        guard flags & 0xE0 == 0 else { throw problem("reserved flag bits are set") }
        _ = try reader.take(6, part: "gzip header")  // modification time, extra flags, operating system
        if flags & 0x04 != 0 {
            let extraLength = Int(try reader.uint16LittleEndian(part: "gzip extra field"))
            _ = try reader.take(extraLength, part: "gzip extra field")
        }
        for (flag, part) in [(UInt8(0x08), "gzip file name"), (0x10, "gzip comment")] where flags & flag != 0 {
            while try reader.uint8(part: part) != 0 {}
        }
        if flags & 0x02 != 0 { _ = try reader.take(2, part: "gzip header checksum") }

        let (output, end): ([UInt8], Int)
        do {
            (output, end) = try Inflate.decompress(bytes, from: reader.offset)
        } catch Inflate.Failure.truncated {
            throw FormatError.truncated(path: path, part: "compressed data",
                                        neededBytes: bytes.count + 1, availableBytes: bytes.count)
        } catch let Inflate.Failure.corrupt(reason) {
            throw FormatError.badValue(path: path, problem: "corrupt gzip data: \(reason)")
        }
        var trailer = ByteReader(bytes: bytes, path: path)
        _ = try trailer.take(end, part: "compressed data")
        let storedCRC = try trailer.uint32LittleEndian(part: "gzip trailer")
        let storedSize = try trailer.uint32LittleEndian(part: "gzip trailer")
        guard storedCRC == CRC32.checksum(output), storedSize == UInt32(truncatingIfNeeded: output.count) else {
            throw FormatError.badValue(path: path, problem: "corrupt gzip data: the checksum does not match the data")
        }
        return (output, trailer.offset)
    }
}
