import CNNDiagnostics
import CNNFrontEnd
import Testing

/// Floods of diagnostics stay small and readable: an error limit, long lines shown as a window.
@Suite struct DiagnosticFloodTests {
    private func diagnostic(_ severity: Severity, line: Int = 1, from start: Int = 1, to end: Int = 2) -> Diagnostic {
        Diagnostic(severity, id: "x", "bad", at: SourceRange(SourceLocation(line: line, column: start),
                                                             SourceLocation(line: line, column: end)))
    }

    @Test func errorsPastTheLimitAreCounted() {
        let diagnostics = [diagnostic(.warning)] + Array(repeating: diagnostic(.error), count: 25)
            + [diagnostic(.warning), diagnostic(.warning)]
        let text = DiagnosticRenderer().render(diagnostics, in: SourceText("ab\n"), fileName: "f")
        let lines = text.split(separator: "\n")
        #expect(lines.count { $0.hasPrefix("f:1:1: error:") } == 20)
        #expect(lines.count { $0.hasPrefix("f:1:1: warning:") } == 1)
        #expect(lines.last == "note: 5 more errors and 2 warnings not shown (the limit is 20 errors)")
        let one = DiagnosticRenderer(errorLimit: 2).render(Array(repeating: diagnostic(.error), count: 3),
                                                          in: SourceText("ab\n"), fileName: "f")
        #expect(one.hasSuffix("^\nnote: 1 more error not shown (the limit is 2 errors)\n"))
        let all = DiagnosticRenderer(errorLimit: nil).render(diagnostics, in: SourceText("ab\n"), fileName: "f")
        #expect(all.split(separator: "\n").count == 28 * 3)
        // Exactly the limit: nothing is left to count.
        #expect(!DiagnosticRenderer().render(Array(repeating: diagnostic(.error), count: 20), in: SourceText("ab"),
                                             fileName: "f").contains("not shown"))
    }

    /// 300 characters `0123456789` repeated: the window keeps 100 of them, the caret a third of the way in.
    @Test(arguments: [
        // (start column, end column, shown line, marker line)
        (201, 206, "..." + digits(from: 167, count: 100) + "...", String(repeating: " ", count: 3 + 33) + "^~~~~"),
        (5, 7, digits(from: 0, count: 100) + "...", "    ^~"),
        (301, 301, "..." + digits(from: 200, count: 100), String(repeating: " ", count: 3 + 100) + "^"),
        (290, 400, "..." + digits(from: 200, count: 100), String(repeating: " ", count: 3 + 89) + "^" + String(repeating: "~", count: 10)),
        (100, 400, "..." + digits(from: 66, count: 100) + "...", String(repeating: " ", count: 3 + 33) + "^" + String(repeating: "~", count: 66)),
    ])
    func longLinesShowAWindowAroundTheCaret(start: Int, end: Int, shown: String, marker: String) {
        let source = SourceText("input 4x4\n" + Self.digits(from: 0, count: 300) + "\n")
        let text = DiagnosticRenderer().render([diagnostic(.error, line: 2, from: start, to: end)], in: source, fileName: "f")
        #expect(text == "f:2:\(start): error: bad\n\(shown)\n\(marker)\n")
    }

    static func digits(from start: Int, count: Int) -> String {
        String((start..<(start + count)).map { Character(String($0 % 10)) })
    }

    /// A fix-it outside the window is not printed; one inside lines up with the caret. The window
    /// ends with the line, so it starts 55 characters in.
    @Test func fixItsFollowTheWindow() {
        let source = SourceText(String(repeating: "x", count: 150) + " relu")
        let range = SourceRange(SourceLocation(line: 1, column: 152), SourceLocation(line: 1, column: 156))
        let inside = Diagnostic(.error, id: "x", "bad", at: range, fixIts: [FixIt(replace: range, with: "relu6")])
        let text = DiagnosticRenderer().render([inside], in: source, fileName: "f")
        #expect(text.split(separator: "\n").last.map(String.init) == String(repeating: " ", count: 3 + 96) + "relu6")
        let far = SourceRange(at: SourceLocation(line: 1, column: 2))
        let outside = Diagnostic(.error, id: "x", "bad", at: range, fixIts: [FixIt(replace: far, with: "y")])
        #expect(DiagnosticRenderer().render([outside], in: source, fileName: "f").split(separator: "\n").count == 3)
    }

    /// The flood: 10,000 `relu` on one line gave over 1 GB; now 20 errors and a count.
    @Test func aFloodOnOneLineStaysSmall() throws {
        let spec = "input 8x8x1\nconv 1 1x1" + String(repeating: " relu", count: 10_000) + "\n"
        let result = Compiler.compile(source: spec)
        #expect(result.diagnostics.count { $0.severity == .error } == 9_999)
        let text = DiagnosticRenderer().render(result.diagnostics, in: SourceText(spec), fileName: "f")
        #expect(text.utf8.count < 10_000)
        #expect(text.hasSuffix("\nnote: 9979 more errors not shown (the limit is 20 errors)\n"))
        // The twelfth error, at column 72: the window starts at character 38, the caret under its relu.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex(of: "f:2:72: error: conv sets its activation twice"))
        let (shown, marker) = (Array(lines[header + 1]), lines[header + 2])
        #expect(shown.count == 106 && String(shown.prefix(3)) == "..." && String(shown.suffix(3)) == "...")
        #expect(String(shown[36..<40]) == "relu" && marker == String(repeating: " ", count: 36) + "^~~~")
        #expect(String(shown[3...]).hasPrefix(String(Array(spec.split(separator: "\n")[1])[38..<60])))
    }

    @Test func manyBadLinesStaySmall() {
        let spec = "input 8x8x1\n" + String(repeating: "bogus 1\n", count: 10_000)
        let result = Compiler.compile(source: spec)
        let text = DiagnosticRenderer().render(result.diagnostics, in: SourceText(spec), fileName: "f")
        #expect(result.diagnostics.count == 10_000)
        #expect(text.utf8.count < 10_000)
        #expect(text.hasSuffix("\nnote: 9980 more errors not shown (the limit is 20 errors)\n"))
    }
}
