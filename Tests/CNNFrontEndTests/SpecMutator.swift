import CNNFrontEnd

/// SplitMix64: a tiny seeded generator, so every run of the fuzz test sees the same specs.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Derives broken and almost-right specs from good ones: byte flips, token deletions,
/// duplications and swaps, and numbers replaced by edge cases (0, limits, values beyond `Int`).
struct SpecMutator {
    var random: SplitMix64

    static let numbers = ["0", "1", "2", "-1", "3x0", "0x0x0", "16777216", "16777217", "2147483648",
                          "9223372036854775807", "9223372036854775808", "99999999999999999999999999", "0.5",
                          "1.0", ".", "1e9", "4096x4096x4096", "9999", "65536x65536"]
    static let bytes: [UInt8] = Array("\n;{}:#\t x0123456789.-=sdgp@$".utf8) + [0xC3, 0xA9, 0xE6, 0x97, 0xA5, 0x00, 0xFF]
    /// Graph words spliced in whole: merges, references, parameters, blocks, outputs.
    static let words = ["add {", "concat @input", "mul {}", "@conv1", "@nothere", "$f", "output @add1", "def b f {",
                        "}", "{ relu }", "b 2", "upsample 2", "deconv 2 3 s2", "ceil", "eps=1e-3", "repeat $f {"]

    /// `spec` with one to four random mutations applied.
    mutating func mutate(_ spec: String) -> String {
        var bytes = Array(spec.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            bytes = mutateOnce(bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func mutateOnce(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let words = Lexer(bytes).tokenize().filter { $0.kind == .word }.map { $0.span.start..<$0.span.end }
        guard !bytes.isEmpty, !words.isEmpty else { return Array("relu".utf8) }
        let word = words[Int.random(in: 0..<words.count, using: &random)]
        switch Int.random(in: 0..<8, using: &random) {
        case 7:
            let words = Array(pick(SpecMutator.words).utf8) + [0x20]
            bytes.insert(contentsOf: words, at: Int.random(in: 0...bytes.count, using: &random))
        case 0:
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = pick(SpecMutator.bytes)
        case 1:
            bytes.insert(pick(SpecMutator.bytes), at: Int.random(in: 0...bytes.count, using: &random))
        case 2:
            bytes.removeSubrange(word)
        case 3:
            bytes.insert(contentsOf: Array(bytes[word]) + [0x20], at: word.lowerBound)
        case 4:
            let other = words[Int.random(in: 0..<words.count, using: &random)]
            let (first, second) = word.lowerBound < other.lowerBound ? (word, other) : (other, word)
            guard first.upperBound <= second.lowerBound else { break }
            let swapped = Array(bytes[second]) + bytes[first.upperBound..<second.lowerBound] + Array(bytes[first])
            bytes.replaceSubrange(first.lowerBound..<second.upperBound, with: swapped)
        case 5:
            let numeric = words.filter { bytes[$0].first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            let target = numeric.isEmpty ? word : numeric[Int.random(in: 0..<numeric.count, using: &random)]
            bytes.replaceSubrange(target, with: Array(pick(SpecMutator.numbers).utf8))
        default:
            bytes.removeSubrange(word.lowerBound..<min(bytes.count, word.upperBound + Int.random(in: 0...20, using: &random)))
        }
        return bytes
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &random)]
    }
}
