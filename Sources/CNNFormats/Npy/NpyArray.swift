/// The contents of an `.npy` file: its shape, its numpy type and the values as Float.
///
/// Values are kept unscaled; `imageTensor` applies the images rule (uint8 0...255 -> [0, 1]) and
/// `labels(path:)` the labels rule (exact non-negative integers).
public struct NpyArray: Hashable, Sendable {
    /// numpy's shape, outermost first; `[]` for a 0-d array.
    public var shape: [Int]
    /// numpy's type string as the file gives it, e.g. `<f4`, `|u1`, `<i8`.
    public var descr: String
    /// The values in row-major order, converted to Float but not scaled.
    public var scalars: [Float]

    public init(shape: [Int], descr: String, scalars: [Float]) {
        self.shape = shape
        self.descr = descr
        self.scalars = scalars
    }

    /// Whether the values are unsigned bytes (the usual storage of 8-bit images).
    public var isUInt8: Bool { descr.hasSuffix("u1") }

    /// The values as a tensor of `shape`, unscaled.
    public var tensor: Tensor { Tensor(shape: shape, scalars: scalars) }

    /// The values as image data of `shape`: uint8 divided by 255 into [0, 1], other types unchanged.
    public var imageTensor: Tensor {
        guard isUInt8 else { return tensor }
        // A byte's value is exact in Float, so this equals dividing the byte by 255.
        return Tensor(shape: shape, scalars: scalars.map { $0 / 255 })
    }

    /// The values as class labels: every value must be a non-negative integer below 2^24 (exact in Float).
    ///
    /// `path` names the file in the error for a value such as 2.5 or -1.
    public func labels(path: String) throws -> [Int] {
        try scalars.enumerated().map { index, value in
            guard value >= 0, value < 16_777_216, value.rounded() == value else {
                throw FormatError.badValue(path: path, problem: "label \(index) is \(value), not a non-negative integer")
            }
            return Int(value)
        }
    }
}
