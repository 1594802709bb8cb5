/// Decompresses a raw DEFLATE stream (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Written for clarity over speed: codes are decoded one bit at a time the canonical way
/// (as zlib's reference decoder `puff` does), fast enough for MNIST's 10 MB of gzip.
///
/// The output never grows past `limit` bytes: a small stream can announce gigabytes (a
/// decompression bomb), so the check runs as bytes are produced, and nothing is allocated from
/// sizes the stream claims.
struct Inflate {
    enum Failure: Error, Equatable {
        /// The stream ends inside a block.
        case truncated
        /// The stream breaks a rule of the format.
        case corrupt(String)
        /// The output would grow past the limit.
        case exceedsLimit
    }

    private var input: BitReader
    private let limit: Int
    private(set) var output: [UInt8] = []

    private init(bytes: [UInt8], from start: Int, limit: Int) {
        input = BitReader(bytes: bytes, position: start)
        self.limit = max(0, limit)
        // A guess from the input's size (deflate rarely gains more than 4x on weights and images).
        output.reserveCapacity(min(self.limit, 4 * max(0, bytes.count - start)))
    }

    /// The decompressed bytes of the stream starting at `start`, and the byte offset just after it;
    /// `Failure.exceedsLimit` as soon as the output would pass `limit` bytes.
    static func decompress(_ bytes: [UInt8], from start: Int, limit: Int = Int.max) throws -> (output: [UInt8], end: Int) {
        var inflate = Inflate(bytes: bytes, from: start, limit: limit)
        try inflate.run()
        return (inflate.output, inflate.input.byteAlignedEnd)
    }

    /// The first `count` decompressed bytes (fewer if the stream ends or breaks before), unchecked:
    /// enough to read a header before deciding how much the whole stream may inflate to.
    static func prefix(_ bytes: [UInt8], from start: Int, count: Int) -> [UInt8] {
        var inflate = Inflate(bytes: bytes, from: start, limit: count)
        do { try inflate.run() } catch {}
        return inflate.output
    }

    private mutating func run() throws {
        var isLast = false
        while !isLast {
            isLast = try input.bits(1) == 1
            switch try input.bits(2) {
            case 0: try storedBlock()
            case 1: try huffmanBlock(literals: HuffmanCode.fixedLiterals, distances: HuffmanCode.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicCodes()
                try huffmanBlock(literals: literals, distances: distances)
            default: throw Failure.corrupt("block type 3 is reserved")
            }
        }
    }

    /// Throws `exceedsLimit` when `count` more bytes would not fit.
    private func checkRoom(_ count: Int) throws {
        if count > limit - output.count { throw Failure.exceedsLimit }
    }

    private mutating func storedBlock() throws {
        input.alignToByte()
        let length = try input.bits(16)
        let complement = try input.bits(16)
        guard length == ~complement & 0xFFFF else { throw Failure.corrupt("stored block length check failed") }
        let bytes = try input.bytes(length)
        // What fits goes out first, so that `prefix` sees every byte up to the limit.
        let room = limit - output.count
        output.append(contentsOf: bytes.prefix(room))
        if bytes.count > room { throw Failure.exceedsLimit }
    }

    private static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                      35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                          3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7,
                                            8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private mutating func huffmanBlock(literals: HuffmanCode, distances: HuffmanCode) throws {
        while true {
            let symbol = try literals.decode(&input)
            if symbol < 256 {
                try checkRoom(1)
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Inflate.lengthBases.count else { throw Failure.corrupt("invalid length symbol \(symbol)") }
            let length = Inflate.lengthBases[lengthIndex] + (try input.bits(Inflate.lengthExtraBits[lengthIndex]))
            let distanceSymbol = try distances.decode(&input)
            guard distanceSymbol < Inflate.distanceBases.count else {
                throw Failure.corrupt("invalid distance symbol \(distanceSymbol)")
            }
            let distance = Inflate.distanceBases[distanceSymbol] + (try input.bits(Inflate.distanceExtraBits[distanceSymbol]))
            guard distance <= output.count else {
                throw Failure.corrupt("distance \(distance) reaches before the start of the output (\(output.count) bytes)")
            }
            // Byte by byte: a match may overlap the bytes it is producing. What fits goes out first.
            let room = limit - output.count
            var from = output.count - distance
            for _ in 0..<min(length, room) {
                output.append(output[from])
                from += 1
            }
            if length > room { throw Failure.exceedsLimit }
        }
    }

    /// The order in which a dynamic block lists the code lengths of the code-length code.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private mutating func dynamicCodes() throws -> (HuffmanCode, HuffmanCode) {
        let literalCount = try input.bits(5) + 257
        let distanceCount = try input.bits(5) + 1
        let codeLengthCount = try input.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw Failure.corrupt("too many length or distance codes")
        }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[Inflate.codeLengthOrder[index]] = try input.bits(3)
        }
        let codeLengthCode = try HuffmanCode(lengths: codeLengthLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthCode.decode(&input)
            let (value, repeats): (Int, Int)
            switch symbol {
            case 0...15: (value, repeats) = (symbol, 1)
            case 16:
                guard let previous = lengths.last else { throw Failure.corrupt("repeat with no previous length") }
                (value, repeats) = (previous, 3 + (try input.bits(2)))
            case 17: (value, repeats) = (0, 3 + (try input.bits(3)))
            default: (value, repeats) = (0, 11 + (try input.bits(7)))
            }
            guard lengths.count + repeats <= literalCount + distanceCount else {
                throw Failure.corrupt("code lengths overflow their count")
            }
            lengths.append(contentsOf: repeatElement(value, count: repeats))
        }
        guard lengths[256] != 0 else { throw Failure.corrupt("no code for the end of the block") }
        return (try HuffmanCode(lengths: Array(lengths[..<literalCount])),
                try HuffmanCode(lengths: Array(lengths[literalCount...])))
    }
}
