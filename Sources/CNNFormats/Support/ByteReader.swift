/// A cursor over a file's bytes whose reads throw `truncated` instead of trapping at the end.
struct ByteReader {
    let bytes: [UInt8]
    let path: String
    private(set) var offset = 0

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    var remainingCount: Int { bytes.count - offset }

    /// The next byte without consuming it, or nil at the end.
    func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Consumes `count` bytes of `part` (named in the error when the file is too short).
    mutating func take(_ count: Int, part: String) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= remainingCount else {
            let (sum, overflow) = offset.addingReportingOverflow(count)
            let needed = count < 0 || overflow ? Int.max : sum
            throw FormatError.truncated(path: path, part: part, neededBytes: needed,
                                        availableBytes: bytes.count)
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func uint8(part: String) throws -> UInt8 {
        try take(1, part: part).first ?? 0
    }

    mutating func uint16LittleEndian(part: String) throws -> UInt16 {
        UInt16(truncatingIfNeeded: try unsignedInteger(byteCount: 2, bigEndian: false, part: part))
    }

    mutating func uint32LittleEndian(part: String) throws -> UInt32 {
        UInt32(truncatingIfNeeded: try unsignedInteger(byteCount: 4, bigEndian: false, part: part))
    }

    mutating func uint32BigEndian(part: String) throws -> UInt32 {
        UInt32(truncatingIfNeeded: try unsignedInteger(byteCount: 4, bigEndian: true, part: part))
    }

    mutating func uint64LittleEndian(part: String) throws -> UInt64 {
        try unsignedInteger(byteCount: 8, bigEndian: false, part: part)
    }

    private mutating func unsignedInteger(byteCount: Int, bigEndian: Bool, part: String) throws -> UInt64 {
        let slice = try take(byteCount, part: part)
        return ByteReader.assemble(slice, bigEndian: bigEndian)
    }

    /// The unsigned integer stored in `slice` (at most 8 bytes) in the given byte order.
    static func assemble(_ slice: ArraySlice<UInt8>, bigEndian: Bool) -> UInt64 {
        var value: UInt64 = 0
        if bigEndian {
            for byte in slice { value = value << 8 | UInt64(byte) }
        } else {
            for byte in slice.reversed() { value = value << 8 | UInt64(byte) }
        }
        return value
    }
}
