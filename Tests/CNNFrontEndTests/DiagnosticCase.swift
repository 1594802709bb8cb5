import CNNDiagnostics
import CNNFrontEnd
import CNNModel

/// One row of a diagnostics table: a spec, the id of its first diagnostic, and the exact rendered text.
struct DiagnosticCase: Sendable, CustomStringConvertible {
    var id: String
    var source: String
    var input: Shape?
    var expected: String

    init(_ id: String, _ source: String, input: Shape? = nil, _ expected: String) {
        self.id = id
        self.source = source
        self.input = input
        self.expected = expected
    }

    var description: String { id }

    /// What `cnnc check` would print for the row, with the file called `t.cnn`.
    func render() -> (ids: [String], text: String, model: Model?) {
        let result = Compiler.compile(source: source, input: input)
        let text = DiagnosticRenderer().render(result.diagnostics, in: SourceText(source), fileName: "t.cnn")
        return (result.diagnostics.map(\.id), text, result.model)
    }
}
