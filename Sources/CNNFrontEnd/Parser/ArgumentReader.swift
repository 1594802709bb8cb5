/// Reads the words after a keyword in order, reporting missing, malformed and surplus arguments.
struct ArgumentReader {
    private let words: [SourceSpan]
    private var position = 0
    /// Where a missing argument would be inserted: just after the last word read (or the keyword).
    private var insertionPoint: SourceSpan
    let layer: String
    let usage: String

    init(_ words: [SourceSpan], after keyword: SourceSpan, layer: String, usage: String) {
        self.words = words
        self.insertionPoint = keyword.endPoint
        self.layer = layer
        self.usage = usage
    }

    var isAtEnd: Bool { position == words.count }

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
    mutating func requireInteger(what: String, sink: inout DiagnosticSink) -> (Int, SourceSpan)? {
        // `conv 3x3` forgot the filter count rather than misspelling it.
        if let span = peekNumber(in: sink),
           case .value = NumberScanner.integers(sink.source.utf8[span.start..<span.end], counts: 2...3) {
            sink.report(.missingArgument(layer, what, usage: usage), at: span)
            return nil
        }
        guard let span = requireNumericWord(what: what, sink: &sink) else { return nil }
        return ArgumentReader.integer(at: span, sink: &sink).map { ($0, span) }
    }

    /// A required `N`, `NxM` or `HxWxC`, with as many parts as `counts` allows.
    mutating func requireIntegers(counts: ClosedRange<Int>, form: NumberForm, what: String,
                                  sink: inout DiagnosticSink) -> ([Int], SourceSpan)? {
        guard let span = requireNumericWord(what: what, sink: &sink) else { return nil }
        return ArgumentReader.integers(at: span, counts: counts, form: form, sink: &sink).map { ($0, span) }
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

    static func integer(at span: SourceSpan, sink: inout DiagnosticSink) -> Int? {
        report(NumberScanner.integer(sink.source.utf8[span.start..<span.end]), .count, at: span, sink: &sink)
    }

    static func integers(at span: SourceSpan, counts: ClosedRange<Int>, form: NumberForm,
                         sink: inout DiagnosticSink) -> [Int]? {
        report(NumberScanner.integers(sink.source.utf8[span.start..<span.end], counts: counts), form,
               at: span, sink: &sink)
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
