import CNNDiagnostics
import CNNModel

/// What checking a spec produced: the model when there were no errors, and every diagnostic.
public struct CompileResult: Sendable {
    public var model: Model?
    public var diagnostics: [Diagnostic]

    public init(model: Model?, diagnostics: [Diagnostic]) {
        self.model = model
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The front end's entry point: lex, parse, check.
public enum Compiler {
    /// Compiles a spec. `input` (from `--input HxWxC`) overrides the spec's `input` statement.
    public static func compile(source: String, input: Shape? = nil) -> CompileResult {
        // Stub until the parser lands.
        CompileResult(model: nil, diagnostics: [])
    }
}
