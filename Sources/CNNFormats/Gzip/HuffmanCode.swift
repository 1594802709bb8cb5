/// A canonical Huffman code (RFC 1951 section 3.2.2) built from code lengths, decoded bit by bit.
struct HuffmanCode {
    /// `counts[n]`: how many symbols have a code of `n` bits (n = 1...15).
    private var counts = [Int](repeating: 0, count: 16)
    /// Symbols ordered by code length, then by symbol value: the canonical code order.
    private var symbols: [Int] = []

    /// The code for `lengths[symbol]` (0 = symbol unused); an over-subscribed set of lengths is corrupt.
    init(lengths: [Int]) throws {
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        var available = 1
        for length in 1...15 {
            available = available * 2 - counts[length]
            guard available >= 0 else { throw Inflate.Failure.corrupt("over-subscribed Huffman code") }
        }
        // Incomplete codes are allowed (a single distance code is common); unused codes fail in `decode`.
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }

    /// Reads one code from `input`, most significant code bit first, and returns its symbol.
    func decode(_ input: inout BitReader) throws -> Int {
        var code = 0, first = 0, index = 0
        for length in 1...15 {
            code |= try input.bits(1)
            let count = counts[length]
            if code - first < count { return symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw Inflate.Failure.corrupt("invalid Huffman code")
    }

    static let fixedLiterals: HuffmanCode = {
        let lengths = [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
            + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)
        // The fixed lengths form a complete code; construction cannot fail.
        guard let code = try? HuffmanCode(lengths: lengths) else { preconditionFailure("fixed literal code") }
        return code
    }()

    static let fixedDistances: HuffmanCode = {
        guard let code = try? HuffmanCode(lengths: [Int](repeating: 5, count: 30)) else {
            preconditionFailure("fixed distance code")
        }
        return code
    }()
}
