import CNNDiagnostics
import CNNModel

/// What checking a spec produced: the model when there were no errors, and every diagnostic.
public struct CompileResult: Sendable {
    /// The checked model; nil exactly when `diagnostics` contains an error.
    public var model: Model?
    /// Errors and warnings in source order.
    public var diagnostics: [Diagnostic]
    /// The syntax tree; statements with syntax errors are left out.
    public var syntax: Spec
    /// For each layer of `model`, the source range of the statement it came from
    /// (the same statement for every copy a `repeat` or a block call makes).
    public var layerRanges: [SourceRange]

    public init(model: Model?, diagnostics: [Diagnostic], syntax: Spec = Spec(statements: []),
                layerRanges: [SourceRange] = []) {
        self.model = model
        self.diagnostics = diagnostics
        self.syntax = syntax
        self.layerRanges = layerRanges
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The front end's entry point: lex, parse, check.
public enum Compiler {
    /// Compiles a spec. `input` (from `--input HxWxC`) overrides the spec's `input` statement.
    ///
    /// Syntax errors are all reported; shapes are checked only when the syntax is clean (a broken
    /// statement would make every later shape a guess), then every layer whose input is known.
    /// The settings and names of every well-formed statement are checked either way.
    public static func compile(source: String, input: Shape? = nil) -> CompileResult {
        compile(source: SourceText(source), input: input)
    }

    /// Compiles a spec already loaded as a `SourceText` (the renderer takes the same value).
    public static func compile(source: SourceText, input: Shape? = nil) -> CompileResult {
        var parser = Parser(source: source)
        let spec = parser.parseSpec()
        var sink = parser.sink
        let checked = Checker.check(spec, inputOverride: input, syntaxIsClean: !sink.hasErrors, sink: &sink)
        let model = sink.hasErrors ? nil : checked?.0
        return CompileResult(model: model, diagnostics: sink.diagnostics, syntax: spec,
                             layerRanges: model == nil ? [] : checked?.1 ?? [])
    }

    /// How deep repeats, branches and blocks may nest in the text.
    public static let maximumNesting = Parser.maximumNesting

    /// Reads `HxWxC` or `HxW` (one channel), as `--input` takes it; nil when malformed.
    public static func parseShape(_ text: String) -> Shape? {
        guard case let .value(sizes) = NumberScanner.integers(ArraySlice(text.utf8), counts: 2...3),
              sizes.allSatisfy({ $0 > 0 })
        else { return nil }
        return .image(height: sizes[0], width: sizes[1], channels: sizes.count == 3 ? sizes[2] : 1)
    }
}
