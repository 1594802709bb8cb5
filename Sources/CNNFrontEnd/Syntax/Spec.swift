/// The syntax tree of a whole spec: its statements in source order, nothing expanded yet
/// (`repeat`, branches and block calls are expanded once, by the checker).
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
    /// `add`, `concat` or `mul` with its operands.
    case merge(MergeStatement)
    /// `@name` alone: the chain goes on from that value.
    case reference(Reference)
    /// `output @a @b ...`: the model's outputs.
    case output(OutputStatement)
    /// `def NAME PARAMS { BODY }`.
    case definition(BlockDefinition)
    /// `NAME ARGS` where NAME is a block.
    case call(CallStatement)

    /// From the first to the last token of the statement.
    public var span: SourceSpan {
        switch self {
        case let .input(statement): return statement.span
        case let .layer(statement): return statement.span
        case let .repeatBlock(statement): return statement.span
        case let .merge(statement): return statement.span
        case let .reference(reference): return reference.span
        case let .output(statement): return statement.span
        case let .definition(definition): return definition.span
        case let .call(statement): return statement.span
        }
    }
}
