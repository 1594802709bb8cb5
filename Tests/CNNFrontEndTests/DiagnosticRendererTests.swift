import CNNDiagnostics
import Foundation
import CNNFrontEnd
import Testing

@Suite struct DiagnosticRendererTests {
    private func diagnostic(line: Int, from start: Int, to end: Int, fixIt: String? = nil) -> Diagnostic {
        let range = SourceRange(SourceLocation(line: line, column: start), SourceLocation(line: line, column: end))
        return Diagnostic(.error, id: "x", "bad", at: range, fixIts: fixIt.map { [FixIt(replace: range, with: $0)] } ?? [])
    }

    @Test func tabsAreCopiedSoTheCaretLinesUp() {
        let source = SourceText("input 8x8\n\tconv\t16 9x9\n")
        let text = DiagnosticRenderer().render(diagnostic(line: 2, from: 10, to: 13), in: source, fileName: "f")
        #expect(text == "f:2:10: error: bad\n\tconv\t16 9x9\n\t    \t   ^~~\n")
    }

    @Test func columnsCountCharactersNotBytes() {
        let text = "input 8x8 # é\nsigmoïd 3 # x\n"
        let result = Compiler.compile(source: text)
        #expect(result.diagnostics.map(\.range.start) == [SourceLocation(line: 2, column: 1)])
        #expect(result.diagnostics.map(\.range.end) == [SourceLocation(line: 2, column: 8)])
        let rendered = DiagnosticRenderer().render(result.diagnostics, in: SourceText(text), fileName: "f")
        #expect(rendered == "f:2:1: error: unknown layer 'sigmoïd'; did you mean 'sigmoid'?\nsigmoïd 3 # x\n^~~~~~~\nsigmoid\n")
    }

    @Test func combiningAccentsAndWideCharactersKeepTheCaretInPlace() {
        // "e" + U+0301 is one character; 日本 take two terminal cells each.
        let source = SourceText("# e\u{301}\n日本 conv x\n")
        let text = DiagnosticRenderer().render(diagnostic(line: 2, from: 4, to: 8), in: source, fileName: "f")
        #expect(text == "f:2:4: error: bad\n日本 conv x\n     ^~~~\n")
        let accent = DiagnosticRenderer().render(
            Compiler.compile(source: "input 4x4 # e\u{301}\u{301}\nrelu 1").diagnostics, in: SourceText("input 4x4 # e\u{301}\u{301}\nrelu 1"), fileName: "f")
        #expect(accent.hasPrefix("f:2:6: error: unexpected argument '1' to relu\nrelu 1\n     ^\n"))
    }

    @Test func crlfLinesAndPositionsPastTheEnd() {
        let source = SourceText("input 4x4\r\ndense\r\n")
        let text = DiagnosticRenderer().render(diagnostic(line: 2, from: 6, to: 6), in: source, fileName: "f")
        #expect(text == "f:2:6: error: bad\ndense\n     ^\n")
        let result = Compiler.compile(source: "input 4x4\r\ndense\r\n")
        #expect(result.diagnostics.map(\.range.start) == [SourceLocation(line: 2, column: 6)])
    }

    /// Old Mac files end lines with a lone CR: it is a line break for the lexer and for line:column,
    /// and it ends a comment, so a comment cannot hide a statement a reader sees on its own line.
    @Test func loneCarriageReturnsEndLines() {
        let text = "input 4x4x1\rrelu 1\r\n# note\rrelu 2\r"
        let source = SourceText(text)
        #expect((1...4).map { source.line($0) } == ["input 4x4x1", "relu 1", "# note", "relu 2"])
        #expect(source.line(5) == "" && source.line(6) == nil)
        let result = Compiler.compile(source: text)
        #expect(result.diagnostics.map(\.range.start) == [SourceLocation(line: 2, column: 6), SourceLocation(line: 4, column: 6)])
        #expect(DiagnosticRenderer().render(result.diagnostics, in: source, fileName: "f").hasPrefix(
            "f:2:6: error: unexpected argument '1' to relu\nrelu 1\n     ^\n"))
        let comment = Compiler.compile(source: "input 4x4x1 # harmless\rdense 2 softmax")
        #expect(comment.model?.layers.map(\.name) == ["dense1"])
    }

    @Test func colourWrapsPiecesWithoutChangingThem() {
        let plain = DiagnosticRenderer(colored: false).render(diagnostic(line: 1, from: 1, to: 3, fixIt: "ok"),
                                                               in: SourceText("ab"), fileName: "f")
        let coloured = DiagnosticRenderer(colored: true).render(diagnostic(line: 1, from: 1, to: 3, fixIt: "ok"),
                                                                 in: SourceText("ab"), fileName: "f")
        #expect(plain == "f:1:1: error: bad\nab\n^~\nok\n")
        #expect(coloured == "\u{1B}[1mf:1:1:\u{1B}[0m \u{1B}[1m\u{1B}[31merror:\u{1B}[0m \u{1B}[1mbad\u{1B}[0m\nab\n"
            + "\u{1B}[1m\u{1B}[32m^~\u{1B}[0m\n\u{1B}[32mok\u{1B}[0m\n")
        let stripped = coloured.replacingOccurrences(of: "\u{1B}[0m", with: "").replacingOccurrences(of: "\u{1B}[1m", with: "")
            .replacingOccurrences(of: "\u{1B}[31m", with: "").replacingOccurrences(of: "\u{1B}[32m", with: "")
        #expect(stripped == plain)
    }

    @Test func aRangeOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
        let range = SourceRange(SourceLocation(line: 1, column: 3), SourceLocation(line: 2, column: 2))
        let text = DiagnosticRenderer().render(Diagnostic(.warning, id: "x", "w", at: range, notes: [Note("plain", id: "note-plain")], help: "h"),
                                               in: SourceText("abcd\nef"), fileName: "f")
        #expect(text == "f:1:3: warning: w\nabcd\n  ^~\nnote: plain\nhelp: h\n")
    }
}
