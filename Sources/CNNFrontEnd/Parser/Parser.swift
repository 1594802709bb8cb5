import CNNDiagnostics
import CNNModel

/// Builds the syntax tree of a spec and reports every syntax error, recovering at the next statement.
///
/// A statement ends at a newline, `;`, `}` or the end of the file. After an error the parser
/// skips to the next such separator (jumping over a whole `{ ... }` block), so one mistake
/// yields one diagnostic and the statements after it are still checked.
struct Parser {
    private let tokens: [Token]
    private var index = 0
    var sink: DiagnosticSink
    /// The first `input` statement, to report a second one.
    private var firstInput: SourceSpan?
    /// Whether any statement came before, to report an `input` that is not first.
    private var sawStatement = false

    init(source: SourceText) {
        tokens = Lexer(source.utf8).tokenize()
        sink = DiagnosticSink(source: source)
    }

    /// The whole spec; statements with errors are left out (the diagnostics say why).
    mutating func parseSpec() -> Spec {
        Spec(statements: parseBlock(opening: nil).statements)
    }

    // MARK: Statements

    /// Statements up to the `}` matching `opening`, or to the end of the file at the top level.
    private mutating func parseBlock(opening: SourceSpan?) -> (statements: [Statement], closing: SourceSpan?) {
        var statements: [Statement] = []
        while true {
            switch current.kind {
            case .newline, .semicolon:
                advance()
            case .end:
                if let opening {
                    sink.report(.unterminatedRepeat(), at: lastTokenEnd,
                                notes: [sink.note(.noteRepeatOpened(), at: opening)])
                }
                return (statements, nil)
            case .closeBrace:
                let brace = current.span
                advance()
                if opening != nil { return (statements, brace) }
                sink.report(.unexpectedToken("}", help: "this '}' closes no repeat block"), at: brace)
            default:
                guard let statement = parseStatement() else {
                    recover()
                    continue
                }
                statements.append(statement)
                if case .repeatBlock = statement { continue }
                if ![.newline, .semicolon, .closeBrace, .end].contains(current.kind) {
                    sink.report(.unexpectedToken(sink.text(current.span), help: "end the statement with a new line or ';'"),
                                at: current.span)
                    recover()
                }
            }
        }
    }

    /// One statement, or nil after reporting why it is not one.
    private mutating func parseStatement() -> Statement? {
        defer { sawStatement = true }
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
                : "'{' only follows 'repeat N'"
            sink.report(.unexpectedToken(sink.text(current.span), help: help), at: current.span)
            return nil
        }
        let keywordSpan = current.span
        let keyword = sink.text(keywordSpan)
        if let name, keyword == "input" || keyword == "repeat" {
            sink.report(.nameNotAllowed(keyword), at: name.span)
            return nil
        }
        var nameIsValid = true
        if let name, !Parser.isIdentifier(name.text) {
            sink.report(.invalidName(name.text), at: name.span)
            nameIsValid = false
        }
        switch keyword {
        case "input":
            return parseInput()
        case "repeat":
            return parseRepeat()
        default:
            guard let layer = LayerKeyword(rawValue: keyword) else {
                let suggestion = Suggestion.closest(to: keyword, among: LayerKeyword.statementWords)
                sink.report(.unknownLayer(keyword, suggestion: suggestion), at: keywordSpan,
                            fixIt: suggestion.map { (keywordSpan, $0) })
                return nil
            }
            advance()
            let arguments = collectWords()
            guard let statement = parseLayer(layer, name: name, keywordSpan: keywordSpan, arguments: arguments),
                  nameIsValid
            else { return nil }
            return .layer(statement)
        }
    }

    /// `input HxWxC` or `input HxW`.
    private mutating func parseInput() -> Statement? {
        let keywordSpan = current.span
        advance()
        let arguments = collectWords()
        if let first = firstInput {
            sink.report(.duplicateInput(), at: keywordSpan, notes: [sink.note(.noteFirstInput(), at: first)])
            return nil
        }
        firstInput = keywordSpan
        if sawStatement {
            sink.report(.inputNotFirst(), at: keywordSpan)
            return nil
        }
        var reader = ArgumentReader(arguments, after: keywordSpan, layer: "input", usage: "input HxWxC")
        guard let (dimensions, span) = reader.requireIntegers(counts: 2...3, form: .shape, what: "a shape",
                                                              sink: &sink),
              reader.requireEnd(sink: &sink)
        else { return nil }
        let shape = Shape.image(height: dimensions[0], width: dimensions[1],
                                channels: dimensions.count == 3 ? dimensions[2] : 1)
        return .input(InputStatement(shape: shape, keywordSpan: keywordSpan, shapeSpan: span))
    }

    /// `repeat N { statements }`; the block may span lines and nest.
    private mutating func parseRepeat() -> Statement? {
        let keywordSpan = current.span
        advance()
        sawStatement = true  // an `input` inside the block is not first either
        var count: (Int, SourceSpan)?
        var insertionPoint = keywordSpan.endPoint
        if current.kind == .word {
            insertionPoint = current.span.endPoint
            var reader = ArgumentReader([current.span], after: keywordSpan, layer: "repeat", usage: "repeat N { ... }")
            count = reader.requireInteger(what: "a count", sink: &sink)
            advance()
        } else {
            sink.report(.missingArgument("repeat", "a count", usage: "repeat N { ... }"), at: keywordSpan.endPoint)
        }
        while current.kind == .newline, peek.kind == .openBrace || peek.kind == .newline { advance() }
        guard current.kind == .openBrace else {
            if count != nil {
                sink.report(.expectedBrace(), at: current.kind == .word ? current.span : insertionPoint)
            }
            return nil
        }
        let opening = current.span
        advance()
        let errorsBefore = sink.errorCount
        let (body, closing) = parseBlock(opening: opening)
        let span = keywordSpan.through(closing ?? opening)
        if body.isEmpty, sink.errorCount == errorsBefore {
            sink.report(.emptyRepeat(), at: span)
            return nil
        }
        guard let (value, countSpan) = count, closing != nil else { return nil }
        if value < 1 {
            sink.report(.valueTooSmall("the repeat count", value, minimum: 1), at: countSpan)
            return nil
        }
        return .repeatBlock(RepeatStatement(count: value, body: body, keywordSpan: keywordSpan,
                                            countSpan: countSpan, span: span))
    }

    // MARK: Tokens

    private var current: Token { tokens[index] }
    private var peek: Token { tokens[min(index + 1, tokens.count - 1)] }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// Just after the last token that is not a newline: where a missing `}` belongs.
    private var lastTokenEnd: SourceSpan {
        tokens[..<index].last { $0.kind != .newline }?.span.endPoint ?? current.span
    }

    /// The words up to the end of the statement: a layer's arguments and options.
    private mutating func collectWords() -> [SourceSpan] {
        var words: [SourceSpan] = []
        while current.kind == .word {
            words.append(current.span)
            advance()
        }
        return words
    }

    /// Skips to the end of the broken statement: the next separator, a `}` that closes the
    /// enclosing block, or the end; whole `{ ... }` blocks on the way are skipped too.
    private mutating func recover() {
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
