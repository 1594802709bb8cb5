/// SplitMix64: a tiny, fast generator whose stream depends only on its seed, so initial weights
/// are bit-identical on every run and machine (the standard library's generator is not seedable).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A float uniform in `[0, 1)` from the top 24 bits: exact in float32, no rounding differences.
    public mutating func nextUnit() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A float uniform in `[-limit, limit)`.
    public mutating func nextSymmetric(_ limit: Float) -> Float {
        (2 * nextUnit() - 1) * limit
    }
}
