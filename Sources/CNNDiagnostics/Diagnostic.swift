/// One problem found in a source file, as data. `DiagnosticRenderer` is the only place that turns it into text.
public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    /// A stable identifier per kind of message (`unknown-layer`, `kernel-too-large`), for tools and tests.
    public var id: String
    public var message: String
    /// The offending range; the renderer underlines it.
    public var range: SourceRange
    public var notes: [Note]
    public var fixIts: [FixIt]
    /// One line of advice on how to fix the problem, rendered last as `help: ...`.
    public var help: String?

    public init(_ severity: Severity, id: String, _ message: String, at range: SourceRange,
                notes: [Note] = [], fixIts: [FixIt] = [], help: String? = nil) {
        self.severity = severity
        self.id = id
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIts = fixIts
        self.help = help
    }
}

public enum Severity: String, Hashable, Sendable, Comparable {
    case error, warning, note

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    private var rank: Int {
        switch self {
        case .note: return 1
        case .warning: return 2
        case .error: return 3
        }
    }
}

/// Extra context attached to a diagnostic; a nil range renders as a bare `note:` line.
public struct Note: Hashable, Sendable {
    /// A stable identifier per kind of note (`note-defined`), as a diagnostic has.
    public var id: String
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, id: String, at range: SourceRange? = nil) {
        self.id = id
        self.message = message
        self.range = range
    }
}

/// A suggested edit: replace `range` with `replacement`. The renderer prints the replacement
/// under the caret, as clang does; an empty replacement (a removal) is not printed.
public struct FixIt: Hashable, Sendable {
    public var range: SourceRange
    public var replacement: String

    public init(replace range: SourceRange, with replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}
