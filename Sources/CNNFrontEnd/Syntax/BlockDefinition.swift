/// `def NAME [PARAM ...] { BODY }`: a block of statements with integer parameters, used as `NAME ARG ...`.
public struct BlockDefinition: Hashable, Sendable {
    public var name: String
    public var nameSpan: SourceSpan
    /// In order; the body writes them as `$name`.
    public var parameters: [Parameter]
    public var body: [Statement]
    /// From `def` to the closing brace.
    public var span: SourceSpan

    /// One parameter name and where the `def` writes it.
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var span: SourceSpan

        public init(name: String, span: SourceSpan) {
            self.name = name
            self.span = span
        }
    }

    public init(name: String, nameSpan: SourceSpan, parameters: [Parameter], body: [Statement], span: SourceSpan) {
        self.name = name
        self.nameSpan = nameSpan
        self.parameters = parameters
        self.body = body
        self.span = span
    }

    /// `fire s e`: how a call is written, for messages.
    public var usage: String { ([name] + parameters.map(\.name)).joined(separator: " ") }
}

/// `NAME ARG ...` for a defined block: its statements, with its parameters bound to the arguments.
public struct CallStatement: Hashable, Sendable {
    /// `e1` in `e1: down 64`; nil means the automatic `<block><n>`.
    public var name: LayerName?
    public var block: String
    public var blockSpan: SourceSpan
    public var arguments: [IntegerArgument]

    public init(name: LayerName?, block: String, blockSpan: SourceSpan, arguments: [IntegerArgument]) {
        self.name = name
        self.block = block
        self.blockSpan = blockSpan
        self.arguments = arguments
    }

    public var span: SourceSpan {
        arguments.reduce(name?.span.through(blockSpan) ?? blockSpan) { $0.through($1.span) }
    }
}
