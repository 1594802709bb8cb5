/// Turns diagnostics into the text clang and swiftc print, the one place that does so:
///
///     lenet.cnn:4:9: error: kernel 5x5 is larger than its input 4x4
///     conv 16 5x5 relu
///             ^~~
///     note: the input of conv2 comes from avgpool1 (4x4x6)
///
/// The marker line copies tabs from the source line and gives wide characters two cells,
/// so the caret sits under the right character in a terminal.
///
/// A flood stays readable and small: after `errorLimit` errors (clang's `-ferror-limit`, 20) one
/// line counts what was left out, and a source line longer than `lineWidth` characters is shown
/// as a window around the caret, `...` marking each cut.
public struct DiagnosticRenderer: Sendable {
    public var decorator: any DiagnosticDecorator
    /// Errors shown before the rest are only counted; nil shows all.
    public var errorLimit: Int?
    /// The most characters of a source line shown, not counting the `...` markers.
    public var lineWidth: Int

    public static let defaultErrorLimit = 20
    public static let defaultLineWidth = 100

    public init(decorator: any DiagnosticDecorator = PlainDiagnosticDecorator(),
                errorLimit: Int? = DiagnosticRenderer.defaultErrorLimit,
                lineWidth: Int = DiagnosticRenderer.defaultLineWidth) {
        self.decorator = decorator
        self.errorLimit = errorLimit
        self.lineWidth = max(lineWidth, 10)
    }

    /// Plain text, or clang's ANSI colours when `colored` (the caller decides: a terminal, no `NO_COLOR`).
    public init(colored: Bool, errorLimit: Int? = DiagnosticRenderer.defaultErrorLimit) {
        self.init(decorator: colored ? ANSIDiagnosticDecorator() : PlainDiagnosticDecorator(), errorLimit: errorLimit)
    }

    /// The diagnostics in order, each ending with a newline, up to and including the error that
    /// reaches `errorLimit`; then one `note:` line counting the errors and warnings not shown.
    public func render(_ diagnostics: [Diagnostic], in source: SourceText, fileName: String) -> String {
        var text = "", errors = 0, shown = diagnostics.count
        for (index, diagnostic) in diagnostics.enumerated() {
            if let errorLimit, errors == errorLimit {
                shown = index
                break
            }
            text += render(diagnostic, in: source, fileName: fileName)
            if diagnostic.severity == .error { errors += 1 }
        }
        let rest = diagnostics[shown...]
        guard !rest.isEmpty else { return text }
        let moreErrors = rest.count { $0.severity == .error }, moreWarnings = rest.count { $0.severity == .warning }
        var counts = [counted(moreErrors, "more error")]
        if moreWarnings > 0 { counts.append(counted(moreWarnings, "warning")) }
        return text + decorator.decorateLabel("note:", severity: .note) + " "
            + counts.joined(separator: " and ") + " not shown (the limit is \(errors) errors)\n"
    }

    private func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// One diagnostic: header, source line, marker, fix-its, notes, help.
    public func render(_ diagnostic: Diagnostic, in source: SourceText, fileName: String) -> String {
        var lines = [header(fileName, diagnostic.range.start, label: diagnostic.severity.rawValue,
                            severity: diagnostic.severity, diagnostic.message)]
        lines += snippet(diagnostic.range, in: source, fixIts: diagnostic.fixIts)
        for note in diagnostic.notes {
            if let range = note.range {
                lines.append(header(fileName, range.start, label: "note", severity: .note, note.message))
                lines += snippet(range, in: source, fixIts: [])
            } else {
                lines.append(decorator.decorateLabel("note:", severity: .note) + " " + note.message)
            }
        }
        if let help = diagnostic.help {
            lines.append(decorator.decorateLabel("help:", severity: nil) + " " + help)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private func header(_ fileName: String, _ start: SourceLocation, label: String, severity: Severity,
                        _ message: String) -> String {
        decorator.decorateLocation("\(fileName):\(start.line):\(start.column):") + " "
            + decorator.decorateLabel(label + ":", severity: severity) + " " + decorator.decorateMessage(message)
    }

    /// The source line of `range` (or a window of it), the marker under it, and any fix-it
    /// replacements on that line.
    private func snippet(_ range: SourceRange, in source: SourceText, fixIts: [FixIt]) -> [String] {
        guard let text = source.line(range.start.line) else { return [] }
        let characters = Array(text)
        let window = self.window(characters.count, around: range.start.column)
        let cut = (start: window.lowerBound > 0 ? DiagnosticRenderer.cut : "",
                   end: window.upperBound < characters.count ? DiagnosticRenderer.cut : "")
        let endColumn = range.end.line == range.start.line
            ? max(range.end.column, range.start.column + 1)
            : max(characters.count + 1, range.start.column + 1)
        // The marker stops where the shown text does.
        let lastColumn = window.upperBound + 1
        let underlined = (range.start.column..<max(min(endColumn, lastColumn), range.start.column + 1)).reduce(0) {
            cells, column in cells + cellWidth(column <= characters.count ? characters[column - 1] : " ")
        }
        let marker = "^" + String(repeating: "~", count: max(underlined - 1, 0))
        let shown = window.count == characters.count ? text : cut.start + String(characters[window]) + cut.end
        var lines = [shown, indent(characters, window, to: range.start.column, cut: cut.start) + decorator.decorateMarker(marker)]
        for fixIt in fixIts where fixIt.range.start.line == range.start.line && !fixIt.replacement.isEmpty
            && (window.lowerBound + 1...window.upperBound + 1).contains(fixIt.range.start.column) {
            lines.append(indent(characters, window, to: fixIt.range.start.column, cut: cut.start)
                + decorator.decorateFixIt(fixIt.replacement))
        }
        return lines
    }

    /// What marks a cut in a long line.
    static let cut = "..."

    /// The character indices shown of a line of `count` characters: all of them when they fit in
    /// `lineWidth`, else `lineWidth` of them with the caret's `column` a third of the way in.
    private func window(_ count: Int, around column: Int) -> Range<Int> {
        guard count > lineWidth else { return 0..<count }
        let start = min(max(column - 1 - lineWidth / 3, 0), count - lineWidth)
        return start..<(start + lineWidth)
    }

    /// Whitespace covering the cells from the window's start to `column`: the cut marker's cells,
    /// then tabs as tabs and wide characters as two spaces.
    private func indent(_ characters: [Character], _ window: Range<Int>, to column: Int, cut: String) -> String {
        var result = String(repeating: " ", count: cut.count)
        for index in window.lowerBound..<max(column - 1, window.lowerBound) {
            let character = index < characters.count ? characters[index] : " "
            if character == "\t" {
                result.append("\t")
            } else {
                result.append(String(repeating: " ", count: cellWidth(character)))
            }
        }
        return result
    }

    /// Terminal cells a character occupies: 2 for East Asian wide characters and emoji, else 1.
    private func cellWidth(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first?.value, scalar >= 0x1100 else { return 1 }
        let wideRanges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wideRanges.contains { $0.contains(scalar) } ? 2 : 1
    }
}
