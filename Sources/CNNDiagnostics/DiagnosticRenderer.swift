/// Turns diagnostics into the text clang and swiftc print, the one place that does so:
///
///     lenet.cnn:4:9: error: kernel 5x5 is larger than its input 4x4
///     conv 16 5x5 relu
///             ^~~
///     note: the input of conv2 comes from avgpool1 (4x4x6)
///
/// The marker line copies tabs from the source line and gives wide characters two cells,
/// so the caret sits under the right character in a terminal.
public struct DiagnosticRenderer: Sendable {
    public var decorator: any DiagnosticDecorator

    public init(decorator: any DiagnosticDecorator = PlainDiagnosticDecorator()) {
        self.decorator = decorator
    }

    /// Plain text, or clang's ANSI colours when `colored` (the caller decides: a terminal, no `NO_COLOR`).
    public init(colored: Bool) {
        self.init(decorator: colored ? ANSIDiagnosticDecorator() : PlainDiagnosticDecorator())
    }

    /// All diagnostics in order, each ending with a newline.
    public func render(_ diagnostics: [Diagnostic], in source: SourceText, fileName: String) -> String {
        diagnostics.map { render($0, in: source, fileName: fileName) }.joined()
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

    /// The source line of `range`, the marker under it, and any fix-it replacements on that line.
    private func snippet(_ range: SourceRange, in source: SourceText, fixIts: [FixIt]) -> [String] {
        guard let text = source.line(range.start.line) else { return [] }
        let characters = Array(text)
        let endColumn = range.end.line == range.start.line
            ? max(range.end.column, range.start.column + 1)
            : max(characters.count + 1, range.start.column + 1)
        let underlined = (range.start.column..<endColumn).reduce(0) { cells, column in
            cells + cellWidth(column <= characters.count ? characters[column - 1] : " ")
        }
        let marker = "^" + String(repeating: "~", count: max(underlined - 1, 0))
        var lines = [text, indent(characters, to: range.start.column) + decorator.decorateMarker(marker)]
        for fixIt in fixIts where fixIt.range.start.line == range.start.line && !fixIt.replacement.isEmpty {
            lines.append(indent(characters, to: fixIt.range.start.column) + decorator.decorateFixIt(fixIt.replacement))
        }
        return lines
    }

    /// Whitespace covering the cells before `column`: tabs stay tabs, wide characters take two spaces.
    private func indent(_ characters: [Character], to column: Int) -> String {
        var result = ""
        for index in 0..<max(column - 1, 0) {
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
