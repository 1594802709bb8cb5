import CNNModel

/// One layer as written: its settings (defaults filled in) and where each of them was written.
public struct LayerStatement: Hashable, Sendable {
    /// `c1` in `c1: conv 6 5x5`; nil means an automatic `<keyword><n>` name.
    public var name: LayerName?
    public var operation: Operation
    public var keywordSpan: SourceSpan
    /// Only settings the spec wrote have an entry; defaults have none.
    public var argumentSpans: [LayerArgument: SourceSpan]

    public init(name: LayerName?, operation: Operation, keywordSpan: SourceSpan,
                argumentSpans: [LayerArgument: SourceSpan]) {
        self.name = name
        self.operation = operation
        self.keywordSpan = keywordSpan
        self.argumentSpans = argumentSpans
    }

    /// From the name (or the keyword) to the last argument.
    public var span: SourceSpan {
        argumentSpans.values.reduce(name?.span.through(keywordSpan) ?? keywordSpan) { $0.through($1) }
    }

    /// Where `argument` was written, or the keyword when it was left at its default.
    public func span(of argument: LayerArgument) -> SourceSpan {
        argumentSpans[argument] ?? keywordSpan
    }
}

/// An explicit layer name and where it was written.
public struct LayerName: Hashable, Sendable {
    public var text: String
    public var span: SourceSpan

    public init(text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

/// The settings a layer statement can write, each with its own source span.
public enum LayerArgument: Hashable, Sendable, CaseIterable {
    case filters, kernel, window, stride, padding, dilation, groups, activation, bias, weights
    case units, rate, size, alpha
}
