import CNNModel

/// `add`, `concat` or `mul` and its operands: `add { conv 64 3x3 p1 }`, `concat @a @b`.
///
/// With one operand the current value (the output of the statement before) is the first operand:
/// `add { f }` is the residual `x + f(x)`.
public struct MergeStatement: Hashable, Sendable {
    public var name: LayerName?
    public var kind: MergeKind
    public var keywordSpan: SourceSpan
    public var operands: [Operand]
    /// From the name (or keyword) to the end of the last operand.
    public var span: SourceSpan

    public init(name: LayerName?, kind: MergeKind, keywordSpan: SourceSpan, operands: [Operand], span: SourceSpan) {
        self.name = name
        self.kind = kind
        self.keywordSpan = keywordSpan
        self.operands = operands
        self.span = span
    }
}

/// One operand of a merge.
public enum Operand: Hashable, Sendable {
    /// `{ statements }`, starting from the current value; `{}` is that value unchanged.
    case branch(statements: [Statement], span: SourceSpan)
    /// `@name`: an earlier value.
    case reference(Reference)

    public var span: SourceSpan {
        switch self {
        case let .branch(_, span): return span
        case let .reference(reference): return reference.span
        }
    }
}

/// `@name`: an earlier value by its name, the name of a layer, a merge or a block call
/// (`@fire2`, or `@fire2.conv1` for a layer inside the call).
public struct Reference: Hashable, Sendable {
    /// Without the `@`.
    public var name: String
    /// Including the `@`.
    public var span: SourceSpan

    public init(name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }
}

/// `output @a @b ...`, the last statement of a spec with several outputs.
public struct OutputStatement: Hashable, Sendable {
    public var keywordSpan: SourceSpan
    public var references: [Reference]

    public init(keywordSpan: SourceSpan, references: [Reference]) {
        self.keywordSpan = keywordSpan
        self.references = references
    }

    public var span: SourceSpan { references.reduce(keywordSpan) { $0.through($1.span) } }
}
