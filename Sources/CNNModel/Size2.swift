/// A height x width pair: kernel and window sizes, strides, dilations, receptive fields.
public struct Size2: Hashable, Sendable {
    public var height: Int
    public var width: Int

    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// A square size, as `conv 6 5` means 5x5.
    public init(square: Int) { self.init(square, square) }

    public static let one = Size2(1, 1)

    public var isSquare: Bool { height == width }
    public var area: Int { height * width }
}

extension Size2: CustomStringConvertible {
    /// `5x5`, or `3x5` when not square, matching the spec language.
    public var description: String { "\(height)x\(width)" }
}

extension Size2 {
    /// `2` for a square size, `2x1` otherwise: how the language writes strides, windows and dilations.
    public var compact: String { isSquare ? "\(height)" : "\(self)" }
}
