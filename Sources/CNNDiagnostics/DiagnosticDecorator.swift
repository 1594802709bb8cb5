/// Styles the parts of a rendered diagnostic; swapping it switches colour on or off.
///
/// The renderer decides the text and the layout, a decorator only wraps pieces of it,
/// so plain and coloured output always say exactly the same thing.
public protocol DiagnosticDecorator: Sendable {
    /// `file:line:column:` in a header.
    func decorateLocation(_ text: String) -> String
    /// `error:`, `warning:`, `note:` or `help:`.
    func decorateLabel(_ text: String, severity: Severity?) -> String
    /// The message of a header line.
    func decorateMessage(_ text: String) -> String
    /// The caret and tildes under the source line.
    func decorateMarker(_ text: String) -> String
    /// The replacement text of a fix-it, under the marker.
    func decorateFixIt(_ text: String) -> String
}

/// Leaves every piece as it is: the output for files, pipes and `NO_COLOR`.
public struct PlainDiagnosticDecorator: DiagnosticDecorator {
    public init() {}
    public func decorateLocation(_ text: String) -> String { text }
    public func decorateLabel(_ text: String, severity: Severity?) -> String { text }
    public func decorateMessage(_ text: String) -> String { text }
    public func decorateMarker(_ text: String) -> String { text }
    public func decorateFixIt(_ text: String) -> String { text }
}
