import CNNDiagnostics
import CNNModel

/// Turns a parsed spec into a checked `Model`: expands repeats, branches and block calls once,
/// in text order, into CNNModel's `ModelBuilder` (which names the layers and applies the shape
/// rules), and reports each problem where it was written.
///
/// Checking goes on after an error: a layer whose input could not be checked is skipped
/// silently, every other layer is still checked, so one run reports every independent error.
struct Checker {
    var sink: DiagnosticSink
    /// The layers so far; created once the input shape is known.
    var builder: ModelBuilder
    /// Where each layer of `builder` was written, in layer order.
    var sites: [LayerSite] = []
    /// Where each name was first given, for the note of a duplicate and of a later reference.
    var nameSites: [String: SourceSpan] = [:]
    /// The blocks of the spec by name.
    var definitions: [String: BlockDefinition] = [:]
    /// The statements of the spec, for names declared further down.
    var topLevel: [Statement] = []
    /// References to names unknown when they were read: after expansion, each is reported as
    /// naming a later value or nothing at all.
    var unresolved: [(reference: Reference, scope: String, calls: [CallSite])] = []
    /// Statements expanded so far, against a runaway `repeat` of references.
    var steps = 0
    /// Set when the expansion had to stop (too many layers, nesting too deep).
    var stopped = false
    /// Set when the last layer expanded was wrong but passed its input on: that the output
    /// is then the input is no further mistake.
    var passedThrough = false
    /// Set when no shape can be checked (a syntax error, no or a wrong input): names and settings only.
    var settingsOnly = false
    /// Whether the input shape came from `--input` rather than the spec, for notes.
    let inputFromFlag: Bool

    /// More expanded statements than this is a runaway `repeat`, even when it adds no layers.
    static let maximumStatementCount = 10 * Model.maximumLayerCount
    /// Block calls nested inside each other (with their repeats and branches) deeper than this are an error.
    static let maximumDepth = 2 * Parser.maximumNesting

    /// Where a layer came from: the statement, and the block calls around it (innermost last).
    struct LayerSite {
        var span: SourceSpan
        var keywordSpan: SourceSpan
        var activationSpan: SourceSpan?
        var calls: [CallSite]
    }

    /// One block call being expanded, for notes: `in the call fire2 (fire 16 64)`.
    struct CallSite {
        var name: String
        var block: String
        var written: String
        var span: SourceSpan
    }

    /// The checked model and the source range of each of its layers; nil after an error.
    ///
    /// When the syntax has errors (the broken statements are left out) or the input shape is
    /// missing or wrong, no shape can be trusted, but every statement's settings and names still
    /// can: the spec is expanded reading nothing, which checks exactly those.
    static func check(_ spec: Spec, inputOverride: Shape?, syntaxIsClean: Bool = true,
                      sink: inout DiagnosticSink) -> (Model, [SourceRange])? {
        let inputStatement = spec.statements.lazy.compactMap { statement -> InputStatement? in
            if case let .input(input) = statement { return input }
            return nil
        }.first
        let body = spec.statements.filter { statement in
            switch statement {
            case .input, .definition: return false
            default: return true
            }
        }
        var builder: ModelBuilder?
        var inputFailed = false
        if let input = inputOverride ?? inputStatement?.shape {
            do {
                builder = try ModelBuilder(input: input)
            } catch {
                if case let .input(problem) = error {
                    let span = inputOverride == nil ? inputStatement?.shapeSpan : nil
                    sink.report(.shape(problem), at: span ?? SourceSpan(start: 0, end: 0))
                }
                inputFailed = true
            }
        }
        guard let first = body.first else {
            // `input 28x28x0` alone is wrong for its zero channels first; a broken statement is no layer.
            if syntaxIsClean, !inputFailed {
                sink.report(.emptySpec(), at: inputStatement?.span ?? SourceSpan(start: 0, end: 0))
            }
            return nil
        }
        if builder == nil, !inputFailed, syntaxIsClean {
            sink.report(.noInput(), at: Checker.head(of: first))
        }
        let shapesKnown = builder != nil && syntaxIsClean
        // Without a trusted input the builder only names layers: any valid shape serves.
        let namer = builder ?? (try? ModelBuilder(input: .image(height: 1, width: 1, channels: 1)))
        guard let namer else { return nil }
        let firstCheckerDiagnostic = syntaxIsClean ? sink.diagnostics.count : 0
        var checker = Checker(sink: sink, builder: namer, inputFromFlag: inputOverride != nil)
        for case let .definition(definition) in spec.statements { checker.definitions[definition.name] = definition }
        checker.topLevel = spec.statements
        let model = shapesKnown ? checker.checkBody(spec.statements) : checker.checkSettings(spec.statements,
                                                                                              syntaxIsClean: syntaxIsClean)
        checker.sink.sortDiagnostics(from: firstCheckerDiagnostic)
        sink = checker.sink
        return model.map { ($0, checker.sites.map { sink.range(of: $0.span) }) }
    }

    /// Expands the top level reading nothing, which checks every statement's settings and names
    /// but no shape; always nil.
    private mutating func checkSettings(_ statements: [Statement], syntaxIsClean: Bool) -> Model? {
        settingsOnly = true
        _ = expand(statements, from: nil, Context())
        // A reference to a statement with a syntax error would look unknown.
        if syntaxIsClean { reportUnresolvedReferences() }
        return nil
    }

    /// Expands the top level and builds the model, or nil after reporting why not.
    private mutating func checkBody(_ statements: [Statement]) -> Model? {
        let last = expand(statements, from: .input, Context())
        var outputs: [Model.Output]?
        if case let .output(written)? = statements.last {
            outputs = self.outputs(written)
        } else if let last, let statement = statements.last {
            if last == .input, !passedThrough { sink.report(.outputIsInput(), at: statement.span) }
            outputs = [Model.Output(name: builder.name(of: last), value: last)]
        }
        reportUnresolvedReferences()
        if !stopped, builder.layers.isEmpty, !sink.hasErrors {
            sink.report(.emptySpec(), at: statements.first?.span ?? SourceSpan(start: 0, end: 0))
        }
        guard !sink.hasErrors, let outputs, let model = try? builder.build(outputs: outputs) else { return nil }
        warnAboutTheGraph(model)
        return model
    }

    /// The values of `output @a @b ...`, or nil after reporting a problem with one.
    private mutating func outputs(_ statement: OutputStatement) -> [Model.Output]? {
        var outputs: [Model.Output] = []
        var failed = false
        for reference in statement.references {
            guard let value = resolve(reference, Context()) else {
                failed = true
                continue
            }
            if value == .input {
                sink.report(.outputIsInput(), at: reference.span)
                failed = true
            } else if outputs.contains(where: { $0.value == value }) {
                sink.report(.duplicateOutput(reference.name), at: reference.span)
                failed = true
            }
            outputs.append(Model.Output(name: reference.name, value: value))
        }
        return failed ? nil : outputs
    }

    /// The first word of a statement: where a problem with the statement as a whole is shown.
    static func head(of statement: Statement) -> SourceSpan {
        switch statement {
        case let .layer(layer): return layer.keywordSpan
        case let .merge(merge): return merge.keywordSpan
        case let .call(call): return call.blockSpan
        case let .repeatBlock(block): return block.keywordSpan
        case let .output(output): return output.keywordSpan
        default: return statement.span
        }
    }
}
