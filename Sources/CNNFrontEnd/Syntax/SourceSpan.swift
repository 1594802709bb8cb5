/// A half-open range of UTF-8 offsets `[start, end)` into the spec: what tokens and syntax nodes carry.
///
/// Offsets are cheap to make while lexing; `SourceText` turns them into lines and character
/// columns only when a diagnostic needs them.
public struct SourceSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "a span ends before it starts")
        self.start = start
        self.end = end
    }

    /// The empty span just after this one: where a missing argument would go.
    public var endPoint: SourceSpan { SourceSpan(start: end, end: end) }

    /// From the start of `self` to the end of `other`.
    public func through(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }
}
