import CNNDiagnostics

/// Collects the diagnostics of one compilation, turning the front end's byte spans into line/column ranges.
struct DiagnosticSink {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []
    /// Every copy a `repeat` (or call of a block) makes would repeat the same message at the same
    /// place; each is reported once, whatever its notes say.
    private var reported = Set<Key>()

    private struct Key: Hashable {
        var id: String
        var message: String
        var range: SourceRange
    }

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
        if reported.insert(Key(id: message.id, message: message.text, range: diagnostic.range)).inserted {
            diagnostics.append(diagnostic)
        }
    }

    /// Puts the diagnostics from `start` on in source order (stable for one place), so that a
    /// problem found only at the end (a reference to a later value) is shown where it is.
    mutating func sortDiagnostics(from start: Int) {
        let sorted = diagnostics[start...].enumerated().sorted { a, b in
            (a.element.range.start, a.offset) < (b.element.range.start, b.offset)
        }
        diagnostics.replaceSubrange(start..., with: sorted.map(\.element))
    }

    /// A note, pointing at `span` when given.
    func note(_ message: Message, at span: SourceSpan? = nil) -> Note {
        Note(message.text, id: message.id, at: span.map(range(of:)))
    }

    func range(of span: SourceSpan) -> SourceRange {
        source.range(from: span.start, to: span.end)
    }

    /// The text of `span`.
    func text(_ span: SourceSpan) -> String {
        String(decoding: source.utf8[span.start..<span.end], as: UTF8.self)
    }
}
