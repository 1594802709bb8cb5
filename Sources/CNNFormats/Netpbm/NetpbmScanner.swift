/// Tokenises a Netpbm header and its samples: decimal numbers, whitespace and `#` comments.
struct NetpbmScanner {
    private var reader: ByteReader
    private let path: String

    init(bytes: [UInt8], path: String) {
        reader = ByteReader(bytes: bytes, path: path)
        self.path = path
    }

    mutating func skip(_ count: Int) { _ = try? reader.take(count, part: "magic") }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    private mutating func skipWhitespaceAndComments() {
        while let byte = reader.peek() {
            if NetpbmScanner.isWhitespace(byte) {
                _ = try? reader.take(1, part: "")
            } else if byte == UInt8(ascii: "#") {
                while let next = reader.peek(), next != 0x0A, next != 0x0D { _ = try? reader.take(1, part: "") }
            } else {
                return
            }
        }
    }

    /// The next decimal number, or nil at the end of the file; throws on anything but digits.
    private mutating func number(_ what: String) throws -> Int? {
        skipWhitespaceAndComments()
        guard let first = reader.peek() else { return nil }
        guard first >= 0x30 && first <= 0x39 else {
            throw FormatError.badValue(path: path, problem:
                "expected \(what) at byte \(reader.offset), found \(MagicText.describe([first]))")
        }
        var value = 0
        while let byte = reader.peek(), byte >= 0x30 && byte <= 0x39 {
            _ = try? reader.take(1, part: "")
            // Saturate instead of overflowing; any such value is rejected by the range checks.
            value = min(value * 10 + Int(byte - 0x30), 1 << 40)
        }
        return value
    }

    /// A header field; the file must not end before it.
    mutating func headerNumber(_ field: String) throws -> Int {
        guard let value = try number(field) else {
            throw FormatError.badHeader(path: path, format: "PGM/PPM", problem: "the file ends before the \(field)")
        }
        return value
    }

    /// `count` whitespace-separated decimal samples (P2, P3).
    mutating func asciiSamples(count: Int) throws -> [Int] {
        var samples = [Int]()
        // Each sample takes at least two bytes, so a lying header cannot make us reserve more than the file.
        samples.reserveCapacity(min(count, reader.remainingCount / 2 + 1))
        while samples.count < count {
            guard let sample = try number("a sample") else {
                throw FormatError.badValue(path: path, problem:
                    "the pixel data ends after \(samples.count) of \(count) samples (the file is truncated)")
            }
            samples.append(sample)
        }
        return samples
    }

    /// `count` raw samples (P5, P6) after the single whitespace byte that ends the header;
    /// 2 big-endian bytes each when `wide`.
    mutating func binarySamples(count: Int, wide: Bool) throws -> [Int] {
        guard let separator = reader.peek(), NetpbmScanner.isWhitespace(separator) else {
            throw FormatError.badHeader(path: path, format: "PGM/PPM",
                                        problem: "maxval must be followed by one whitespace byte")
        }
        _ = try reader.take(1, part: "header")
        let bytesPerSample = wide ? 2 : 1
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: bytesPerSample)
        let raw = try reader.take(overflow ? Int.max : byteCount, part: "pixel data")
        guard wide else { return raw.map { Int($0) } }
        return stride(from: raw.startIndex, to: raw.endIndex, by: 2).map { Int(raw[$0]) << 8 | Int(raw[$0 + 1]) }
    }
}
