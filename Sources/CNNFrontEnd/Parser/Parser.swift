import CNNDiagnostics
import CNNModel

/// Builds the syntax tree of a spec and reports every syntax error, recovering at the next statement.
///
/// A statement ends at a newline, `;`, `}` or the end of the file; after a `}` (a repeat, a
/// branch, a block) the next may follow at once. After an error the parser skips to the next
/// separator (jumping over a whole `{ ... }` block), so one mistake yields one diagnostic and the
/// statements after it are still checked. Nesting is limited, so no spec can exhaust the stack.
struct Parser {
    private let tokens: [Token]
    private var index = 0
    var sink: DiagnosticSink
    /// The first `input` statement, to report a second one.
    var firstInputSpan: SourceSpan?
    /// Whether any statement came before, to report an `input` that is not first.
    var hasSeenStatement = false
    /// The parameters a `$name` may stand for, while a `def` body is read.
    var parameterScope: ParameterScope?
    /// The blocks defined so far, by name: what a call may use.
    var blocks: [String: BlockDefinition] = [:]
    /// Where each block is defined, found before parsing, to tell a call that comes too early.
    let definitions: [String: SourceSpan]
    /// Blocks, branches and repeats open around the current statement.
    private var depth = 0
    /// Suggestions for unknown layer words already seen, keyed by the block count too (a new
    /// block is a new candidate): a flood of one typo costs one search.
    private var layerSuggestions: [String: String?] = [:]
    /// Set after nesting beyond the limit: the rest of the file is not read.
    private var abandoned = false

    /// Deeper than this, nesting is an error rather than a stack overflow.
    static let maximumNesting = 100

    init(source: SourceText) {
        tokens = Lexer(source.utf8).tokenize()
        sink = DiagnosticSink(source: source)
        var definitions: [String: SourceSpan] = [:]
        for (position, token) in tokens.enumerated().dropLast() where token.kind == .word && tokens[position + 1].kind == .word {
            if sink.text(token.span) == "def" {
                let name = tokens[position + 1].span
                if definitions[sink.text(name)] == nil { definitions[sink.text(name)] = name }
            }
        }
        self.definitions = definitions
    }

    /// The whole spec; statements with errors are left out (the diagnostics say why).
    mutating func parseSpec() -> Spec {
        Spec(statements: parseBlock(.top).statements)
    }

    // MARK: Blocks

    /// What a `{ ... }` belongs to, for messages.
    enum BlockKind: Equatable {
        case top
        case repeatBody(opening: SourceSpan)
        case branch(opening: SourceSpan)
        case definition(opening: SourceSpan)

        var noun: String {
            switch self {
            case .top: return "spec"
            case .repeatBody: return "repeat block"
            case .branch: return "branch"
            case .definition: return "block"
            }
        }

        var opening: SourceSpan? {
            switch self {
            case .top: return nil
            case let .repeatBody(opening), let .branch(opening), let .definition(opening): return opening
            }
        }
    }

    /// Statements up to the `}` that closes `kind` (after its opening brace), or to the end of the
    /// file at the top level; the closing brace, nil when it is missing.
    mutating func parseBlock(_ kind: BlockKind) -> (statements: [Statement], closing: SourceSpan?) {
        if let opening = kind.opening {
            guard depth < Parser.maximumNesting else {
                sink.report(.nestingTooDeep(Parser.maximumNesting), at: opening)
                abandoned = true
                return ([], nil)
            }
            depth += 1
        }
        defer { if kind.opening != nil { depth -= 1 } }
        var statements: [Statement] = []
        var output: SourceSpan?
        while !abandoned {
            switch current.kind {
            case .newline, .semicolon:
                advance()
            case .end:
                if let opening = kind.opening {
                    sink.report(.unterminatedBlock(kind.noun), at: lastTokenEnd,
                                notes: [sink.note(.noteBlockOpened(kind.noun), at: opening)])
                }
                return (statements, nil)
            case .closeBrace:
                let brace = current.span
                advance()
                if kind.opening != nil { return (statements, brace) }
                sink.report(.unexpectedToken("}", help: "this '}' closes no block"), at: brace)
            default:
                if let output, kind == .top {
                    sink.report(.outputNotLast(), at: current.span, notes: [sink.note(.noteOutputHere(), at: output)])
                }
                guard let statement = parseStatement(in: kind) else {
                    recover()
                    continue
                }
                statements.append(statement)
                if case let .output(written) = statement { output = written.keywordSpan }
                // After a closing brace the next statement may follow on the same line.
                if index > 0, tokens[index - 1].kind == .closeBrace { continue }
                if ![.newline, .semicolon, .closeBrace, .end].contains(current.kind) {
                    sink.report(.unexpectedToken(sink.text(current.span), help: "end the statement with a new line or ';'"),
                                at: current.span)
                    recover()
                }
            }
        }
        return (statements, nil)
    }

    // MARK: Statements

    /// One statement, or nil after reporting why it is not one.
    private mutating func parseStatement(in block: BlockKind) -> Statement? {
        defer { hasSeenStatement = true }
        var name: LayerName?
        if current.kind == .word, peek.kind == .colon {
            let written = LayerName(text: sink.text(current.span), span: current.span)
            advance()
            let colon = current.span
            advance()
            guard current.kind == .word else {
                sink.report(.missingLayer(after: written.text), at: colon.endPoint)
                return nil
            }
            name = written
        }
        guard current.kind == .word else {
            let help = current.kind == .colon ? "a name goes before ':', as in 'c1: conv 6 5x5'"
                : "'{' follows 'repeat N', a merge ('add', 'concat', 'mul') or 'def NAME'"
            sink.report(.unexpectedToken(sink.text(current.span), help: help), at: current.span)
            return nil
        }
        let keywordSpan = current.span
        let keyword = sink.text(keywordSpan)
        let isReference = keyword.hasPrefix("@")
        if let name, isReference || ["input", "repeat", "def", "output"].contains(keyword) {
            sink.report(.nameNotAllowed(keyword), at: name.span)
            return nil
        }
        var nameIsValid = true
        if let name, !Parser.isIdentifier(name.text) {
            sink.report(.invalidName(name.text), at: name.span)
            nameIsValid = false
        }
        let statement: Statement?
        switch keyword {
        case "input": return parseInput()
        case "repeat": return parseRepeat()
        case "def": return parseDefinition(in: block)
        case "output": return parseOutput(in: block)
        case _ where isReference:
            advance()
            return reference(at: keywordSpan).map(Statement.reference)
        case _ where MergeKind(rawValue: keyword) != nil:
            statement = parseMerge(MergeKind(rawValue: keyword)!, name: name)
        case _ where LayerKeyword(keyword) != nil:
            advance()
            let arguments = collectWords()
            statement = parseLayer(LayerKeyword(keyword)!, name: name, keywordSpan: keywordSpan, arguments: arguments)
                .map(Statement.layer)
        default:
            statement = parseCall(keyword, name: name)
        }
        return nameIsValid ? statement : nil
    }

    // MARK: Tokens

    /// The keyword or block name closest to an unknown `word`, if any is close.
    mutating func layerSuggestion(for word: String) -> String? {
        let key = "\(blocks.count) \(word)"
        if let known = layerSuggestions[key] { return known }
        let suggestion = Suggestion.closest(to: word, among: LayerKeyword.statementWords + blocks.keys.sorted())
        layerSuggestions[key] = suggestion
        return suggestion
    }

    var current: Token { tokens[index] }
    var peek: Token { tokens[min(index + 1, tokens.count - 1)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// Just after the last token that is not a newline: where a missing `}` belongs.
    var lastTokenEnd: SourceSpan {
        tokens[..<index].last { $0.kind != .newline }?.span.endPoint ?? current.span
    }

    /// Skips newlines when what follows them is `{` (or, with `orReference`, an `@name`): a
    /// statement that goes on on the next line.
    mutating func skipNewlinesBeforeContinuation(orReference: Bool = false) {
        var ahead = index
        while tokens[ahead].kind == .newline, ahead < tokens.count - 1 { ahead += 1 }
        let next = tokens[ahead]
        if next.kind == .openBrace || (orReference && next.kind == .word && sink.text(next.span).hasPrefix("@")) {
            index = ahead
        }
    }

    /// The words up to the end of the statement: a layer's arguments and options.
    mutating func collectWords() -> [SourceSpan] {
        var words: [SourceSpan] = []
        while current.kind == .word {
            words.append(current.span)
            advance()
        }
        return words
    }

    /// Skips to the end of the broken statement: the next separator, a `}` that closes the
    /// enclosing block, or the end; whole `{ ... }` blocks on the way are skipped too.
    mutating func recover() {
        var depth = 0
        while current.kind != .end {
            switch current.kind {
            case .newline, .semicolon:
                if depth == 0 { return }
            case .closeBrace:
                if depth == 0 { return }
                depth -= 1
            case .openBrace:
                depth += 1
            default:
                break
            }
            advance()
        }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`: names become weight names and Python attributes.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, !isDigit(first) else { return false }
        return text.utf8.allSatisfy { isDigit($0) || $0 == UInt8(ascii: "_") || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
