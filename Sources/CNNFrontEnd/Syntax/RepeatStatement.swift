/// `repeat N { ... }`: the statements of the body, N times in a row (VGG's blocks).
public struct RepeatStatement: Hashable, Sendable {
    public var count: Int
    public var body: [Statement]
    public var keywordSpan: SourceSpan
    public var countSpan: SourceSpan
    /// From `repeat` to the closing brace.
    public var span: SourceSpan

    public init(count: Int, body: [Statement], keywordSpan: SourceSpan, countSpan: SourceSpan, span: SourceSpan) {
        self.count = count
        self.body = body
        self.keywordSpan = keywordSpan
        self.countSpan = countSpan
        self.span = span
    }
}
