/// Unwraps gzip files (RFC 1952), as MNIST is distributed: header, DEFLATE data, CRC-32 and size.
///
/// Decompression is capped: a few megabytes of gzip can inflate to terabytes, so every call has a
/// limit on the output (by default `defaultLimit`) checked while inflating.
enum Gzip {
    /// The most any gzip input may inflate to unless its format announces less (2 GiB).
    static let defaultLimit = 2 << 30

    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes of all members of the gzip file `bytes`, each checked against its CRC-32.
    ///
    /// Throws `FormatError.exceedsLimit` (with `remedy` in its message) as soon as the output
    /// would pass `limit` bytes.
    static func decompress(_ bytes: [UInt8], path: String, limit: Int = defaultLimit,
                           remedy: String = defaultRemedy) throws -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        repeat {
            let (member, end) = try decompressMember(bytes, from: start, path: path,
                                                     limit: limit - output.count, totalLimit: limit, remedy: remedy)
            output += member
            start = end
        } while start < bytes.count && isCompressed(Array(bytes[start...].prefix(2)))
        guard start == bytes.count else {
            throw FormatError.trailingBytes(path: path, format: "gzip", expectedBytes: start, actualBytes: bytes.count)
        }
        return output
    }

    static let defaultRemedy = "gzip input is capped at \(defaultLimit >> 30) GiB; decompress it with gunzip first"
        + " if it really is this large"

    /// The first `count` decompressed bytes of the first member (fewer if it is shorter), unchecked:
    /// enough to read a header that says how large the whole may be.
    static func prefix(_ bytes: [UInt8], count: Int, path: String) throws -> [UInt8] {
        Inflate.prefix(bytes, from: try dataStart(bytes, from: 0, path: path), count: count)
    }

    /// The offset of the DEFLATE data of the member whose header starts at `start`.
    private static func dataStart(_ bytes: [UInt8], from start: Int, path: String) throws -> Int {
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
        return reader.offset
    }

    private static func decompressMember(_ bytes: [UInt8], from start: Int, path: String,
                                         limit: Int, totalLimit: Int, remedy: String) throws -> ([UInt8], Int) {
        let (output, end): ([UInt8], Int)
        do {
            (output, end) = try Inflate.decompress(bytes, from: try dataStart(bytes, from: start, path: path), limit: limit)
        } catch Inflate.Failure.truncated {
            throw FormatError.truncated(path: path, part: "compressed data",
                                        neededBytes: bytes.count + 1, availableBytes: bytes.count)
        } catch let Inflate.Failure.corrupt(reason) {
            throw FormatError.badValue(path: path, problem: "corrupt gzip data: \(reason)")
        } catch Inflate.Failure.exceedsLimit {
            throw FormatError.exceedsLimit(path: path, subject: "the decompressed gzip data", limit: totalLimit,
                                           remedy: remedy)
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
