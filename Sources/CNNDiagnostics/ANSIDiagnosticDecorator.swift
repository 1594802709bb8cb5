/// clang's terminal colours: bold headers, red errors, magenta warnings, green markers.
public struct ANSIDiagnosticDecorator: DiagnosticDecorator {
    public init() {}

    public func decorateLocation(_ text: String) -> String { styled(text, bold) }

    public func decorateLabel(_ text: String, severity: Severity?) -> String {
        switch severity {
        case .error: return styled(text, bold + red)
        case .warning: return styled(text, bold + magenta)
        case .note: return styled(text, bold + black)
        case nil: return styled(text, bold + cyan)
        }
    }

    public func decorateMessage(_ text: String) -> String { styled(text, bold) }
    public func decorateMarker(_ text: String) -> String { styled(text, bold + green) }
    public func decorateFixIt(_ text: String) -> String { styled(text, green) }

    private let bold = "\u{1B}[1m"
    private let red = "\u{1B}[31m"
    private let green = "\u{1B}[32m"
    private let magenta = "\u{1B}[35m"
    private let cyan = "\u{1B}[36m"
    private let black = "\u{1B}[30m"
    private let reset = "\u{1B}[0m"

    private func styled(_ text: String, _ codes: String) -> String {
        text.isEmpty ? text : codes + text + reset
    }
}
