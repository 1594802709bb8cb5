import CNNModel

/// One layer as written: its settings (defaults filled in) and where each of them was written.
public struct LayerStatement: Hashable, Sendable {
    /// `c1` in `c1: conv 6 5x5`; nil means an automatic `<keyword><n>` name.
    public var name: LayerName?
    /// The settings; inside a block, each setting written as `$param` holds 1 until a call binds it.
    public var operation: Operation
    public var keywordSpan: SourceSpan
    /// Only settings the spec wrote have an entry; defaults have none.
    public var argumentSpans: [Setting: SourceSpan]
    /// Settings written as a block parameter (`conv $f 3x3`, `s$s`): the parameter's name.
    public var parameters: [Setting: String]

    public init(name: LayerName?, operation: Operation, keywordSpan: SourceSpan,
                argumentSpans: [Setting: SourceSpan], parameters: [Setting: String] = [:]) {
        self.name = name
        self.operation = operation
        self.keywordSpan = keywordSpan
        self.argumentSpans = argumentSpans
        self.parameters = parameters
    }

    /// From the name (or the keyword) to the last argument.
    public var span: SourceSpan {
        argumentSpans.values.reduce(name?.span.through(keywordSpan) ?? keywordSpan) { $0.through($1) }
    }

    /// Where `setting` was written, or the keyword when it was left at its default.
    public func span(of setting: Setting) -> SourceSpan {
        argumentSpans[setting] ?? keywordSpan
    }
}

/// An explicit name and where it was written.
public struct LayerName: Hashable, Sendable {
    public var text: String
    public var span: SourceSpan

    public init(text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }
}
