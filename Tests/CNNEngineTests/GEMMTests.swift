@testable import CNNEngine
import CNNReference
import Testing

/// The packed SIMD GEMM against the naive triple loop, on sizes that hit every tail.
@Suite struct GEMMTests {
    @Test(arguments: [(1, 1, 1), (1, 16, 7), (5, 3, 2), (6, 16, 8), (7, 17, 9), (13, 33, 5),
                      (49, 40, 31), (61, 1, 70), (2, 70, 3), (100, 21, 64), (17, 8, 11), (8, 9, 4)])
    func matchesNaiveProduct(size: (m: Int, n: Int, k: Int)) {
        let (m, n, k) = size
        let a = randomValues(m * k, seed: 1), b = randomValues(k * n, seed: 2), bias = randomValues(n, seed: 3)
        let packed = PackedPanels(matrix: b, depth: k, columns: n, stride: n, bias: bias)
        let c = FloatBuffer(count: m * n)
        GEMM.multiply(a: FloatBuffer(a), gather: .matrix(stride: k, depth: k), rows: m, b: packed, c: c, ldc: n,
                      activation: .none)
        var expected = ReferenceKernels.matrixProduct(a, b, m: m, n: n, k: k)
        for i in expected.indices { expected[i] += bias[i % n] }
        expectClose(c.array(), expected, "m \(m) n \(n) k \(k)")
    }

    @Test func fusedActivationsAndStridedOutput() {
        let (m, n, k, ldc, offset) = (9, 11, 13, 20, 4)
        let a = randomValues(m * k, seed: 4), b = randomValues(k * n, seed: 5)
        let packed = PackedPanels(matrix: b, depth: k, columns: n, stride: n)
        let product = ReferenceKernels.matrixProduct(a, b, m: m, n: n, k: k)
        for (activation, f) in [(FusedActivation.relu, { (x: Float) in max(x, 0) }),
                                (.leakyReLU(0.1), { (x: Float) in x < 0 ? 0.1 * x : x })] {
            let c = FloatBuffer([Float](repeating: 42, count: m * ldc))
            GEMM.multiply(a: FloatBuffer(a), gather: .matrix(stride: k, depth: k), rows: m, b: packed, c: c,
                          cOffset: offset, ldc: ldc, activation: activation)
            let all = c.array()
            for row in 0..<m {
                let written = Array(all[row * ldc + offset..<row * ldc + offset + n])
                expectClose(written, product[row * n..<(row + 1) * n].map(f), "\(activation) row \(row)")
                // Columns outside the block are untouched.
                #expect(all[row * ldc..<row * ldc + offset].allSatisfy { $0 == 42 })
                #expect(all[row * ldc + offset + n..<(row + 1) * ldc].allSatisfy { $0 == 42 })
            }
        }
    }

    /// Big enough to take the multi-threaded paths: two parts, then several parts per core.
    @Test(arguments: [(150, 35, 80), (400, 40, 260)])
    func largeProblemSplitOverCoresMatches(size: (m: Int, n: Int, k: Int)) {
        let (m, n, k) = size
        let a = randomValues(m * k, seed: 6), b = randomValues(k * n, seed: 7)
        #expect(Parallel.parts(forWork: m * n * k, limit: m / 6) == min(m / 6, Parallel.coreCount
            * (m * n * k >= Parallel.finelySplitWork ? 4 : 1)))
        #expect(m * n * k >= Parallel.minimumParallelWork)
        let packed = PackedPanels(matrix: b, depth: k, columns: n, stride: n)
        let c = FloatBuffer(count: m * n)
        GEMM.multiply(a: FloatBuffer(a), gather: .matrix(stride: k, depth: k), rows: m, b: packed, c: c, ldc: n,
                      activation: .none)
        expectClose(c.array(), ReferenceKernels.matrixProduct(a, b, m: m, n: n, k: k))
    }

    @Test func parallelRangesCoverEveryRowOnce() {
        for count in [0, 1, 5, 6, 7, 100] {
            for parts in 1...3 {
                let ranges = (0..<parts).map { Parallel.range(part: $0, of: parts, count: count, granule: 6) }
                #expect(ranges.flatMap { Array($0) } == Array(0..<count), "count \(count) parts \(parts)")
                #expect(ranges.dropLast().allSatisfy { $0.upperBound % 6 == 0 || $0.upperBound == count })
            }
        }
    }
}
