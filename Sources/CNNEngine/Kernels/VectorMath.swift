/// Transcendental functions on eight floats at once, for the activations that need `exp`
/// (sigmoid, silu, tanh, mish): a scalar `Foundation.exp` per element costs more than the memory
/// traffic of the whole pass. The slow twins are Foundation's functions, which the tests compare
/// against (relative error below 1e-6).
enum VectorMath {
    typealias Vector = SIMD8<Float>

    /// `e^x`, Cephes' method: `x = n ln 2 + r` with `|r| <= ln 2 / 2`, a degree-6 polynomial for
    /// `e^r`, and `2^n` built in the exponent bits. Inputs are clamped to where a float is finite
    /// and normal (`e^88.7` is near `Float.greatestFiniteMagnitude`; below -87.3 the result is ~1e-38).
    @inline(__always)
    static func exp(_ x: Vector) -> Vector {
        let x = x.replacing(with: 88.7, where: x .> 88.7).replacing(with: -87.3, where: x .< -87.3)
        // Rounding by the 1.5 * 2^23 trick: the sum's low mantissa bits are n itself, which also
        // gives 2^n without a float-to-int conversion (Swift's SIMD conversions go lane by lane).
        let shifted = x * 1.442695041 + 12_582_912
        let n = shifted - 12_582_912
        // ln 2 in two parts, so that n * ln2 is exact enough.
        var r = x - n * 0.693359375
        r = r + n * 2.12194440e-4
        var p = Vector(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * r * r + r + 1
        let bits = unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- 0x4B40_0000 &+ 127
        return p * unsafeBitCast(bits &<< 23, to: Vector.self)
    }

    /// `1 / (1 + e^-x)`.
    @inline(__always)
    static func sigmoid(_ x: Vector) -> Vector { 1 / (1 + exp(-x)) }

    /// `tanh x = 1 - 2 / (e^2x + 1)`, exact in the limits (e^2x stops at the clamp, not inf); for
    /// `|x| < 0.625`, where that difference would cancel, Cephes' odd polynomial.
    @inline(__always)
    static func tanh(_ x: Vector) -> Vector {
        let z = x * x
        var p = Vector(repeating: -5.70498872745e-3)
        p = p * z + 2.06390887954e-2
        p = p * z - 5.37397155531e-2
        p = p * z + 1.33314422036e-1
        p = p * z - 3.33332819422e-1
        let small = p * z * x + x
        let large = 1 - 2 / (exp(2 * x) + 1)
        return large.replacing(with: small, where: (x .< 0.625) .& (x .> -0.625))
    }

    /// `x tanh(softplus x)`, with one exp: `tanh(log(1 + e)) = n / (n + 2)` for `n = e (e + 2)`;
    /// `x` itself beyond 20, where that ratio is 1 in float.
    @inline(__always)
    static func mish(_ x: Vector) -> Vector {
        let e = exp(x.replacing(with: 0, where: x .> 20))
        let n = e * (e + 2)
        return (x * n / (n + 2)).replacing(with: x, where: x .> 20)
    }

    /// Applies `function` in place to `count` floats, eight at a time (the tail padded with
    /// zeros), split over the cores when there are enough of them.
    @inline(__always)
    static func map(_ p: UnsafeMutablePointer<Float>, count: Int, _ function: @escaping @Sendable (Vector) -> Vector) {
        let parts = Parallel.parts(forWork: count * 16, limit: max(count / 8192, 1))
        let values = SendablePointer(pointer: p)
        Parallel.run(parts: parts) { part in
            let range = Parallel.range(part: part, of: parts, count: count, granule: 8)
            mapSerially(values.pointer + range.lowerBound, count: range.count, function)
        }
    }

    @inline(__always)
    private static func mapSerially(_ p: UnsafeMutablePointer<Float>, count: Int, _ function: (Vector) -> Vector) {
        var i = 0
        while i + 8 <= count {
            let raw = UnsafeMutableRawPointer(p + i)
            raw.storeBytes(of: function(raw.loadUnaligned(as: Vector.self)), as: Vector.self)
            i += 8
        }
        guard i < count else { return }
        var tail = Vector()
        for k in 0..<count - i { tail[k] = p[i + k] }
        let result = function(tail)
        for k in 0..<count - i { p[i + k] = result[k] }
    }

    /// A pointer handed to the worker threads, each of which touches its own range.
    private struct SendablePointer: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Float>
    }
}
