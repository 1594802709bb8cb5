@testable import CNNEngine
import CNNModel
import CNNReference
import Testing

/// Max and average pooling against the naive definition; padded taps never count.
@Suite struct PoolingTests {
    static let cases: [(kind: PoolKind, input: (Int, Int, Int), window: Size2, stride: Size2?, padding: PaddingMode)] = [
        (.max, (6, 6, 3), Size2(square: 2), nil, .valid),
        (.average, (6, 6, 3), Size2(square: 2), nil, .valid),
        (.max, (7, 5, 9), Size2(square: 3), Size2(square: 2), .same),
        (.average, (7, 5, 9), Size2(square: 3), Size2(square: 2), .same),
        (.average, (5, 6, 2), Size2(2, 3), Size2(1, 2), .explicit(Size2(1, 1))),
        (.max, (4, 4, 17), Size2(square: 3), .one, .full),
        (.average, (8, 8, 1), Size2(square: 2), .one, .same),
    ]

    @Test(arguments: cases.indices)
    func matchesNaivePooling(index: Int) throws {
        let test = PoolingTests.cases[index]
        let pool = Pooling(kind: test.kind, window: test.window, stride: test.stride, padding: test.padding)
        let layer = try checkedLayer(.pooling(pool), input: .image(height: test.input.0, width: test.input.1,
                                                                    channels: test.input.2))
        let geometry = try #require(PoolingGeometry(layer))
        let batch = 3
        let input = randomValues(batch * geometry.inputCount, seed: 21)
        let output = FloatBuffer(count: batch * geometry.outputCount)
        PoolingLayer(layer).forward(FloatBuffer(input), into: output, batch: batch)
        expectClose(output.array(), ReferenceKernels.pooling(input, batch: batch, layer: layer),
                    tolerance: 1e-6, "case \(index)")
    }

    @Test func paddingNeverWinsMaxNorCountsInAverage() throws {
        // All values negative: a padded zero would win the max; average over 2x2 corner windows of -4.
        let input = [Float](repeating: -4, count: 9)
        for (kind, expected) in [(PoolKind.max, Float(-4)), (.average, -4)] {
            let layer = try checkedLayer(.pooling(Pooling(kind: kind, window: Size2(square: 2), stride: .one,
                                                          padding: .same)),
                                         input: .image(height: 3, width: 3, channels: 1))
            let output = FloatBuffer(count: 9)
            PoolingLayer(layer).forward(FloatBuffer(input), into: output, batch: 1)
            #expect(output.array() == [Float](repeating: expected, count: 9), "\(kind)")
        }
    }

    @Test(arguments: [PoolKind.max, .average])
    func globalPoolingReducesEachChannel(kind: PoolKind) throws {
        let layer = try checkedLayer(.globalPooling(kind), input: .image(height: 2, width: 3, channels: 2))
        let input: [Float] = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6]
        let output = FloatBuffer(count: 4)
        PoolingLayer(layer).forward(FloatBuffer(input + input.map { $0 * 2 }), into: output, batch: 2)
        #expect(output.array() == (kind == .max ? [6, -1, 12, -2] : [3.5, -3.5, 7, -7]))
    }

    /// A window whose inputs are all -inf or NaN sends its gradient into the window (its first
    /// input), never to pixel 0 of the image, which lies outside it.
    @Test(arguments: [-Float.infinity, .nan])
    func maxPoolBackwardKeepsAHopelessWindowsGradientInside(value: Float) throws {
        let layer = try checkedLayer(.pooling(Pooling(kind: .max, window: Size2(square: 2), stride: nil,
                                                      padding: .valid)),
                                     input: .image(height: 2, width: 4, channels: 1))
        // Row-major 2x4: the left window holds 1, 2, 3, 4; the right one only `value`.
        let input: [Float] = [1, 2, value, value, 3, 4, value, value]
        let inputGradient = FloatBuffer(count: 8)
        PoolingLayer(layer).backward(input: FloatBuffer(input), output: FloatBuffer(count: 2),
                                     gradient: FloatBuffer([10, 100]), inputGradient: inputGradient,
                                     batch: 1, beforeSoftmax: false)
        #expect(inputGradient.array() == [0, 0, 100, 0, 0, 10, 0, 0])
    }
}
