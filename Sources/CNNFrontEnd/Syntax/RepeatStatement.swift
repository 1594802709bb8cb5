/// `repeat N { ... }`: the statements of the body, N times in a row (VGG's blocks).
public struct RepeatStatement: Hashable, Sendable {
    public var count: IntegerArgument
    public var body: [Statement]
    public var keywordSpan: SourceSpan
    /// From `repeat` to the closing brace.
    public var span: SourceSpan

    public init(count: IntegerArgument, body: [Statement], keywordSpan: SourceSpan, span: SourceSpan) {
        self.count = count
        self.body = body
        self.keywordSpan = keywordSpan
        self.span = span
    }
}

/// A whole number that may be a block parameter: a repeat count, a block call's argument.
public struct IntegerArgument: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case literal(Int)
        /// `$name`, bound when the block is called.
        case parameter(String)
    }

    public var value: Value
    public var span: SourceSpan

    public init(_ value: Value, span: SourceSpan) {
        self.value = value
        self.span = span
    }
}
