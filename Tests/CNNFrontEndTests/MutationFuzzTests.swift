import CNNTestSupport
import CNNDiagnostics
import CNNFrontEnd
import Testing

/// Over twelve thousand mutated specs (700 of each Spec): none may crash or hang, every
/// diagnostic points inside the source, and a model exists exactly when there is no error.
@Suite struct MutationFuzz {
    static let mutationsPerSpec = 700

    @Test func mutatedSpecsNeverBreakTheCompiler() throws {
        var mutator = SpecMutator(random: SplitMix64(seed: 0x636E_6E63))
        var compiled = 0, withErrors = 0, withModels = 0
        var violations: [String] = []
        for (_, spec) in try SpecFiles.all() {
            for _ in 0..<MutationFuzz.mutationsPerSpec {
                let source = mutator.mutate(spec)
                let result = Compiler.compile(source: source)
                compiled += 1
                if result.hasErrors { withErrors += 1 }
                if result.model != nil { withModels += 1 }
                if let problem = MutationFuzz.violation(source, result), violations.count < 5 {
                    violations.append(problem)
                }
            }
        }
        #expect(compiled >= 12_000)
        #expect(violations.isEmpty)
        // The mutator must really produce both broken and working specs, or the test proves nothing.
        #expect(withErrors > compiled / 4)
        #expect(withModels > compiled / 20)
    }

    @Test func regressions() {
        for source in MutationFuzz.regressions {
            let result = Compiler.compile(source: source)
            #expect(MutationFuzz.violation(source, result) == nil, "\(source.debugDescription)")
        }
    }

    /// Inputs that once broke an invariant (found by this test or by libFuzzer).
    static let regressions: [String] = [
        "",
        "\0",
        "input 16777216x16777216x16777216\nrelu",
        "input 9223372036854775807x9223372036854775807\nrelu",
        "input 8x8\nconv 1 16777216 d16777216",
        "input 8x8\nrepeat 9223372036854775807 { repeat 9223372036854775807 { relu } }",
        "input 8x8\nconv 1 3 s9223372036854775807 p9223372036854775807",
        "input 8x8\nmaxpool 1 p16777216 s16777216",
        "}}}{{{",
        "input 8x8\nrepeat 2 {\nrepeat 2 {\n",
        "input 8x8\ndropout -0.0; leakyrelu -1",
        "a:\u{301}",
        "input 8x8\nc:",
        "input 8x8\nrepeat 9223372036854775807 { repeat 9223372036854775807 { @input } }",
        "input 8x8\ndef b n { repeat $n { b2 } }\nb 9223372036854775807",
        "input 8x8\nadd @input @input @input\noutput @add1 @input",
        "input 8x8\ndef b { @x }\nx: b",
        "input 8x8\nconcat {\n@",
        "def",
        "input 8x8\nx: add {}\noutput @x @x.y @",
        "input 1x1\nupsample 16777216\nupsample 16777216",
        "input 8x8\ndeconv 1 16777216 s16777216 p16777216 op16777215 d16777216",
    ]

    /// What is wrong with `result` for `source`, or nil when every invariant holds.
    static func violation(_ source: String, _ result: CompileResult) -> String? {
        let text = SourceText(source)
        if (result.model != nil) == result.hasErrors {
            return "model present: \(result.model != nil), errors: \(result.hasErrors) for \(source.debugDescription)"
        }
        if let model = result.model, model.layers.count != result.layerRanges.count {
            return "\(model.layers.count) layers but \(result.layerRanges.count) ranges"
        }
        for diagnostic in result.diagnostics {
            let ranges = [diagnostic.range] + diagnostic.notes.compactMap(\.range) + diagnostic.fixIts.map(\.range)
            for range in ranges where !isValid(range, in: text) {
                return "\(diagnostic.id) at \(range) is outside \(source.debugDescription)"
            }
        }
        let rendered = DiagnosticRenderer().render(result.diagnostics, in: text, fileName: "f")
        if rendered.isEmpty != result.diagnostics.isEmpty { return "rendering lost diagnostics" }
        return nil
    }

    private static func isValid(_ range: SourceRange, in text: SourceText) -> Bool {
        func isValid(_ location: CNNDiagnostics.SourceLocation) -> Bool {
            guard let line = text.line(location.line) else { return false }
            return location.column >= 1 && location.column <= line.count + 1
        }
        return isValid(range.start) && isValid(range.end) && range.start <= range.end
    }
}
