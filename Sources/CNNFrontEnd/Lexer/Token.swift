/// One token of a spec. Everything that is not punctuation is a `word` (keyword, number, size,
/// option, name); the parser reads a word's bytes according to where it stands.
public struct Token: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case word
        case colon
        case semicolon
        case newline
        case openBrace
        case closeBrace
        case end
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// Newlines and `;` end a statement.
    public var isSeparator: Bool { kind == .newline || kind == .semicolon }
}
