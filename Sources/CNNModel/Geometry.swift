/// The shape rules of sliding windows, shared by the checker, the engine and the emitters.
public enum Geometry {
    /// Output length of a window of (dilated) extent `kernel` over `length` padded by
    /// `padding` in total: `floor((n + p - k) / s) + 1`, or nil when the window does not fit.
    public static func outputLength(_ length: Int, kernel: Int, stride: Int, padding: Int) -> Int? {
        let padded = length + padding
        guard padded >= kernel, stride > 0 else { return nil }
        return (padded - kernel) / stride + 1
    }

    /// Padding before and after on one axis, as `mode` asks, for a window of (dilated) extent `kernel`.
    /// `same` follows TensorFlow: total `max((ceil(n/s) - 1) * s + k - n, 0)`, the odd pixel after.
    public static func padding(_ mode: PaddingMode, axis: Axis, length: Int, kernel: Int, stride: Int)
        -> (before: Int, after: Int)
    {
        switch mode {
        case .valid:
            return (0, 0)
        case .full:
            return (kernel - 1, kernel - 1)
        case let .explicit(size):
            let p = axis == .height ? size.height : size.width
            return (p, p)
        case .same:
            let out = (length + stride - 1) / stride
            let total = max((out - 1) * stride + kernel - length, 0)
            return (total / 2, total - total / 2)
        }
    }

    public enum Axis: Hashable, Sendable { case height, width }

    /// Resolves `mode` on both axes of an `input` for a window of (dilated) extent `kernel`.
    public static func insets(_ mode: PaddingMode, input: Size2, kernel: Size2, stride: Size2) -> Insets {
        let rows = padding(mode, axis: .height, length: input.height, kernel: kernel.height, stride: stride.height)
        let cols = padding(mode, axis: .width, length: input.width, kernel: kernel.width, stride: stride.width)
        return Insets(top: rows.before, bottom: rows.after, left: cols.before, right: cols.after)
    }
}
