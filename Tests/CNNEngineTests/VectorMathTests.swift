@testable import CNNEngine
import Foundation
import Testing

/// The vectorised transcendental functions against Foundation's, over the range activations see.
@Suite struct VectorMathTests {
    /// 20,001 points from -`limit` to `limit`, and some values near zero.
    static func points(_ limit: Float) -> [Float] {
        (0...20_000).map { -limit + 2 * limit * Float($0) / 20_000 } + [1e-6, -1e-6, 1e-3, -3e-4, 0]
    }

    private func expectAgreement(_ vector: @escaping @Sendable (SIMD8<Float>) -> SIMD8<Float>, _ scalar: (Float) -> Float,
                                 limit: Float, _ name: String) {
        let xs = Self.points(limit)
        var values = xs
        values.withUnsafeMutableBufferPointer { VectorMath.map($0.baseAddress!, count: $0.count, vector) }
        var worst: Float = 0, at: Float = 0
        for (x, value) in zip(xs, values) {
            let expected = scalar(x)
            let error = abs(value - expected) / max(abs(expected), 1e-30)
            if error > worst { (worst, at) = (error, x) }
        }
        #expect(worst < 1e-6, "\(name): relative error \(worst) at \(at)")
    }

    @Test func expMatchesFoundation() {
        expectAgreement(VectorMath.exp, { Foundation.exp($0) }, limit: 87, "exp")
    }

    @Test func activationsMatchFoundation() {
        expectAgreement(VectorMath.sigmoid, { 1 / (1 + Foundation.exp(-$0)) }, limit: 80, "sigmoid")
        expectAgreement(VectorMath.tanh, { Foundation.tanh($0) }, limit: 40, "tanh")
        expectAgreement(VectorMath.mish, { x in
            x * Foundation.tanh(x > 20 ? x : Foundation.log1p(Foundation.exp(x)))
        }, limit: 80, "mish")
    }

    /// The tail of a count that is not a multiple of eight is computed, and nothing past it is touched.
    @Test func mapHandlesTheTailOnly() {
        var values: [Float] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99]
        values.withUnsafeMutableBufferPointer { VectorMath.map($0.baseAddress!, count: 11) { $0 * 2 } }
        #expect(values == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 99])
    }
}
