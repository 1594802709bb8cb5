import CNNModel

/// `input HxWxC` (or `HxW`, one channel): the shape of one sample entering the network.
public struct InputStatement: Hashable, Sendable {
    public var shape: Shape
    public var keywordSpan: SourceSpan
    public var shapeSpan: SourceSpan

    public init(shape: Shape, keywordSpan: SourceSpan, shapeSpan: SourceSpan) {
        self.shape = shape
        self.keywordSpan = keywordSpan
        self.shapeSpan = shapeSpan
    }

    public var span: SourceSpan { keywordSpan.through(shapeSpan) }
}
