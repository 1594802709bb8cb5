import CNNModel

/// Pooling cases whose outputs were worked out by hand: padding never wins a max and is never
/// counted in an average, even beyond PyTorch's half-window limit and when asymmetric. Shared by
/// the reference, engine and PyTorch-module tests, so all three answer to the same numbers.
public struct PoolingByHand: Sendable, CustomStringConvertible {
    public var kind: PoolKind
    public var window: Int
    public var stride: Int
    public var padding: PaddingMode
    /// One channel, `side x side`, row-major.
    public var input: [Float]
    public var side: Int
    public var expected: [Float]

    public var description: String { "\(kind) \(window) s\(stride) \(padding) on \(side)x\(side)" }

    /// The one-layer model: `side x side x 1` in, the pooling.
    public func model() throws -> Model {
        try Model(input: .image(height: side, width: side, channels: 1), operations: [
            .pooling(Pooling(kind: kind, window: Size2(square: window), stride: Size2(square: stride), padding: padding)),
        ])
    }

    public static let cases: [PoolingByHand] = [
        // 3x3 input 1...9, window 2, stride 2, `same`: padding (0, 1) on both axes.
        PoolingByHand(kind: .average, window: 2, stride: 2, padding: .same, input: (1...9).map { Float($0) }, side: 3,
                      expected: [3, 4.5, 7.5, 9]),
        PoolingByHand(kind: .max, window: 2, stride: 2, padding: .same, input: (1...9).map { -Float($0) }, side: 3,
                      expected: [-1, -3, -7, -9]),
        // 2x2 input, window 3, stride 1, p2 (more than half the window): 4x4 output.
        PoolingByHand(kind: .average, window: 3, stride: 1, padding: .explicit(Size2(2, 2)), input: [1, 2, 3, 4],
                      side: 2, expected: [1, 1.5, 1.5, 2, 2, 2.5, 2.5, 3, 2, 2.5, 2.5, 3, 3, 3.5, 3.5, 4]),
        PoolingByHand(kind: .max, window: 3, stride: 1, padding: .explicit(Size2(2, 2)), input: [-1, -2, -3, -4],
                      side: 2, expected: [-1, -1, -1, -2, -1, -1, -1, -2, -1, -1, -1, -2, -3, -3, -3, -4]),
        // Symmetric padding within half the window: PyTorch's own module arguments.
        PoolingByHand(kind: .average, window: 3, stride: 1, padding: .same, input: [1, 2, 3, 4], side: 2,
                      expected: [2.5, 2.5, 2.5, 2.5]),
        PoolingByHand(kind: .max, window: 3, stride: 1, padding: .same, input: [-1, -2, -3, -4], side: 2,
                      expected: [-1, -1, -1, -1]),
    ]
}
