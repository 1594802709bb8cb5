import CNNDiagnostics

/// Reads the words after a keyword in order, reporting missing, malformed and surplus arguments.
struct ArgumentReader {
    private let words: [SourceSpan]
    private var position = 0
    /// Where a missing argument would be inserted: just after the last word read (or the keyword).
    private var insertionPoint: SourceSpan
    let layer: String
    let usage: String
    /// The block parameters a `$name` may stand for; nil outside a `def`.
    let scope: ParameterScope?

    init(_ words: [SourceSpan], after keyword: SourceSpan, layer: String, usage: String, scope: ParameterScope?) {
        self.words = words
        self.insertionPoint = keyword.endPoint
        self.layer = layer
        self.usage = usage
        self.scope = scope
    }

    /// The next word, consumed.
    mutating func next() -> SourceSpan? {
        guard position < words.count else { return nil }
        defer { position += 1 }
        insertionPoint = words[position].endPoint
        return words[position]
    }

    /// The next word if it is meant as a number (an optional numeric argument), not consumed.
    func peekNumber(in sink: DiagnosticSink) -> SourceSpan? {
        guard position < words.count,
              NumberScanner.looksNumeric(sink.source.utf8[words[position].start..<words[position].end])
        else { return nil }
        return words[position]
    }

    /// A required whole number such as a filter count.
    mutating func requireInteger(what: String, sink: inout DiagnosticSink) -> (WrittenIntegers, SourceSpan)? {
        // `conv 3x3` forgot the filter count rather than misspelling it.
        if let span = peekNumber(in: sink),
           case .value = NumberScanner.integers(sink.source.utf8[span.start..<span.end], counts: 2...3) {
            sink.report(.missingArgument(layer, what, usage: usage), at: span)
            return nil
        }
        return requireIntegers(counts: 1...1, form: .count, what: what, sink: &sink)
    }

    /// A required `N`, `NxM` or `HxWxC`, with as many parts as `counts` allows.
    mutating func requireIntegers(counts: ClosedRange<Int>, form: NumberForm, what: String,
                                  sink: inout DiagnosticSink) -> (WrittenIntegers, SourceSpan)? {
        guard let span = requireNumericWord(what: what, sink: &sink) else { return nil }
        return ArgumentReader.integers(at: span, counts: counts, form: form, scope: scope, sink: &sink).map { ($0, span) }
    }

    /// A required decimal number such as a dropout rate.
    mutating func requireDecimal(what: String, sink: inout DiagnosticSink) -> (Float, SourceSpan)? {
        guard let span = requireNumericWord(what: what, sink: &sink) else { return nil }
        return ArgumentReader.decimal(at: span, sink: &sink).map { ($0, span) }
    }

    /// Reports the first surplus word; true when there is none.
    mutating func requireEnd(sink: inout DiagnosticSink) -> Bool {
        guard let span = next() else { return true }
        sink.report(.unexpectedArgument(sink.text(span), of: layer, usage: usage), at: span)
        return false
    }

    private mutating func requireNumericWord(what: String, sink: inout DiagnosticSink) -> SourceSpan? {
        guard peekNumber(in: sink) != nil, let span = next() else {
            let span = position < words.count ? words[position] : insertionPoint
            sink.report(.missingArgument(layer, what, usage: usage), at: span)
            return nil
        }
        return span
    }

    // MARK: Reading one word

    /// `16`, `5x5` (parts as `counts` allows), or `$name` for a parameter of the enclosing block.
    static func integers(at span: SourceSpan, counts: ClosedRange<Int>, form: NumberForm, scope: ParameterScope?,
                         sink: inout DiagnosticSink) -> WrittenIntegers? {
        let bytes = sink.source.utf8[span.start..<span.end]
        guard bytes.first == UInt8(ascii: "$") else {
            return report(NumberScanner.integers(bytes, counts: counts), form, at: span, sink: &sink)
                .map(WrittenIntegers.literal)
        }
        let name = String(decoding: bytes.dropFirst(), as: UTF8.self)
        guard let scope else {
            sink.report(.parameterOutsideBlock("$" + name), at: span)
            return nil
        }
        guard scope.parameters.contains(name) else {
            sink.report(.unknownParameter("$" + name, block: scope.block,
                                          suggestion: Suggestion.closest(to: name, among: scope.parameters)),
                        at: span)
            return nil
        }
        return .parameter(name)
    }

    static func decimal(at span: SourceSpan, sink: inout DiagnosticSink) -> Float? {
        report(NumberScanner.decimal(sink.source.utf8[span.start..<span.end]), .decimal, at: span, sink: &sink)
    }

    private static func report<Value>(_ scanned: NumberScanner.Scanned<Value>, _ form: NumberForm,
                                      at span: SourceSpan, sink: inout DiagnosticSink) -> Value? {
        switch scanned {
        case let .value(value):
            return value
        case .malformed:
            sink.report(.malformedNumber(sink.text(span), form), at: span)
        case .tooLarge:
            sink.report(.numberTooLarge(sink.text(span)), at: span)
        }
        return nil
    }
}

/// Where `$name` may stand for an integer: inside a `def`, the block's parameters.
struct ParameterScope: Sendable {
    var block: String
    var parameters: [String]
}

/// An integer setting as written: literal values, or a block parameter bound at each call.
enum WrittenIntegers: Hashable, Sendable {
    case literal([Int])
    case parameter(String)
}
