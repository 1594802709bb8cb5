/// The shape of one sample flowing between layers (the batch axis is never part of it).
///
/// Images are height x width x channels; a `vector` is what `flatten` and `dense`
/// produce. The engine chooses its own memory layout; this type only fixes sizes.
public enum Shape: Hashable, Sendable {
    case image(height: Int, width: Int, channels: Int)
    case vector(Int)

    /// Number of scalars in one sample.
    public var elementCount: Int {
        switch self {
        case let .image(h, w, c): return h * w * c
        case let .vector(n): return n
        }
    }

    /// Sizes in the order the spec language writes them: `[H, W, C]` or `[N]`.
    public var dimensions: [Int] {
        switch self {
        case let .image(h, w, c): return [h, w, c]
        case let .vector(n): return [n]
        }
    }

    /// Channels of an image, features of a vector: the axis batchnorm and softmax act on.
    public var channels: Int {
        switch self {
        case let .image(_, _, c): return c
        case let .vector(n): return n
        }
    }

    public var isImage: Bool {
        if case .image = self { return true }
        return false
    }
}

extension Shape: CustomStringConvertible {
    /// `28x28x1` for images, `10` for vectors, as the spec language writes them.
    public var description: String { dimensions.map(String.init).joined(separator: "x") }
}
