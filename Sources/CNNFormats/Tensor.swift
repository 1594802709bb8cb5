/// A dense float32 array with a shape, outermost axis first (row-major).
///
/// The engine keeps activations in NHWC (batch, height, width, channels): channels are contiguous,
/// so a convolution's im2col rows and a dense layer's inputs are unit-stride. File formats and
/// weights use whatever layout their shape says (PyTorch's `[F, C, KH, KW]` for conv weights).
///
/// `shape` and `scalars` change only together, through an initialiser that checks them, so the
/// kernels can trust `count == shape.product` without checking again.
public struct Tensor: Hashable, Sendable {
    public private(set) var shape: [Int]
    public private(set) var scalars: [Float]

    /// A tensor of `shape` holding `scalars`; their counts must agree.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == scalars.count,
                     "shape \(shape) does not hold \(scalars.count) scalars")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    public var count: Int { scalars.count }

    /// The same scalars under another shape of the same count (an `(N, H, W)` array as
    /// `(N, H, W, 1)`, say).
    public func reshaped(to shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: scalars)
    }
}
