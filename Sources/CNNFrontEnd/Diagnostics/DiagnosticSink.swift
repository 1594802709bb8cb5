import CNNDiagnostics

/// Collects the diagnostics of one compilation, turning the front end's byte spans into line/column ranges.
struct DiagnosticSink {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []
    /// Every copy a `repeat` makes would repeat the same warning; each is reported once.
    private var reported = Set<Diagnostic>()

    init(source: SourceText) {
        self.source = source
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var hasErrors: Bool { errorCount > 0 }

    /// Reports `message` at `span`, with notes and at most one fix-it (a replacement for a span).
    mutating func report(_ message: Message, at span: SourceSpan, notes: [Note] = [],
                         fixIt: (span: SourceSpan, replacement: String)? = nil) {
        let fixIts = fixIt.map { [FixIt(replace: range(of: $0.span), with: $0.replacement)] } ?? []
        let diagnostic = Diagnostic(message.severity, id: message.id, message.text, at: range(of: span),
                                    notes: notes, fixIts: fixIts, help: message.help)
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// A note, pointing at `span` when given.
    func note(_ message: Message, at span: SourceSpan? = nil) -> Note {
        Note(message.text, at: span.map(range(of:)))
    }

    func range(of span: SourceSpan) -> SourceRange {
        source.range(from: span.start, to: span.end)
    }

    /// The text of `span`.
    func text(_ span: SourceSpan) -> String {
        String(decoding: source.utf8[span.start..<span.end], as: UTF8.self)
    }
}
