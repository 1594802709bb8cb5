/// How a spec asks for padding; the checker resolves it into `Insets` per layer.
public enum PaddingMode: Hashable, Sendable {
    /// No padding (the default, as in Keras and Darknet's `pad=0`).
    case valid
    /// Output `ceil(n / s)`; the odd pixel goes to the bottom/right, as in TensorFlow.
    case same
    /// `d * (k - 1)` on every side: every partial overlap produces an output.
    case full
    /// `pN` or `pNxM`: N rows top and bottom, M columns left and right.
    case explicit(Size2)
}

extension PaddingMode: CustomStringConvertible {
    public var description: String {
        switch self {
        case .valid: return "valid"
        case .same: return "same"
        case .full: return "full"
        case let .explicit(size): return "p" + size.compact
        }
    }
}

/// Resolved padding of a layer, in pixels on each side. `same` may be asymmetric.
public struct Insets: Hashable, Sendable {
    public var top: Int
    public var bottom: Int
    public var left: Int
    public var right: Int

    public init(top: Int, bottom: Int, left: Int, right: Int) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }

    public static let zero = Insets(top: 0, bottom: 0, left: 0, right: 0)

    public var isZero: Bool { self == .zero }
    /// True when top == bottom and left == right, so a framework's symmetric padding argument suffices.
    public var isSymmetric: Bool { top == bottom && left == right }
}
