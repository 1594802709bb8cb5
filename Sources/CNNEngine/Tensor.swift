/// A dense float32 array with a shape, outermost axis first (row-major).
///
/// The engine keeps activations in NHWC (batch, height, width, channels): channels are contiguous,
/// so a convolution's im2col rows and a dense layer's inputs are unit-stride. File formats and
/// weights use whatever layout their shape says (PyTorch's `[F, C, KH, KW]` for conv weights).
public struct Tensor: Hashable, Sendable {
    public var shape: [Int]
    public var scalars: [Float]

    /// A tensor of `shape` holding `scalars`; their counts must agree.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.reduce(1, *) == scalars.count, "shape \(shape) does not hold \(scalars.count) scalars")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    public var count: Int { scalars.count }
}
