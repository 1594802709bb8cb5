/// The syntax tree of a whole spec: its statements in source order, `repeat` blocks not yet expanded.
public struct Spec: Hashable, Sendable {
    public var statements: [Statement]

    public init(statements: [Statement]) {
        self.statements = statements
    }
}

/// One statement of the language.
public indirect enum Statement: Hashable, Sendable {
    case input(InputStatement)
    case layer(LayerStatement)
    case repeatBlock(RepeatStatement)

    /// From the first to the last token of the statement.
    public var span: SourceSpan {
        switch self {
        case let .input(statement): return statement.span
        case let .layer(statement): return statement.span
        case let .repeatBlock(statement): return statement.span
        }
    }
}
