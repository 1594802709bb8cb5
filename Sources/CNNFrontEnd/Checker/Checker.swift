import CNNDiagnostics
import CNNModel

/// Turns a parsed spec into a checked `Model`: expands `repeat`, names the layers, applies
/// CNNModel's shape rules one layer at a time, and reports each problem where it was written.
///
/// The shape rules themselves live in `Layer.init(name:operation:input:)`; this type only
/// decides where in the source a `ShapeError` belongs and what notes explain it.
struct Checker {
    var sink: DiagnosticSink

    /// More layers than this is a runaway `repeat`, not a network.
    static let maximumLayerCount = 10_000

    /// The checked model and, for each of its layers, the statement it came from; nil after an error.
    mutating func check(_ spec: Spec, inputOverride: Shape?) -> (model: Model, statements: [LayerStatement])? {
        let inputStatement = spec.statements.lazy.compactMap { statement -> InputStatement? in
            if case let .input(input) = statement { return input }
            return nil
        }.first
        guard let statements = expand(spec.statements) else { return nil }
        guard let first = statements.first else {
            sink.report(.emptySpec(), at: inputStatement?.span ?? SourceSpan(start: 0, end: 0))
            return nil
        }
        guard let input = inputOverride ?? inputStatement?.shape else {
            sink.report(.noInput(), at: first.keywordSpan)
            return nil
        }
        do {
            try Model.validate(input: input)
        } catch {
            report(error, inputAt: inputOverride == nil ? inputStatement?.shapeSpan : nil)
            return nil
        }
        let names = Model.names(for: statements.map { ($0.name?.text, $0.operation) })
        guard checkNamesAreUnique(names, statements) else { return nil }
        guard let layers = inferShapes(input: input, names: names, statements: statements,
                                       inputFromFlag: inputOverride != nil)
        else { return nil }
        warnAboutOrder(layers, statements)
        do {
            return (try Model(input: input, layers: zip(names, statements).map { ($0, $1.operation) }), statements)
        } catch let .layer(index, name, error) {
            // Each layer passed alone; only the model's running totals can fail here.
            let input = layers[index].inputShape
            let note = sink.note(.noteInput(of: name, from: index > 0 ? layers[index - 1].name : nil, input,
                                            flag: inputOverride != nil))
            report(error, in: statements[index], input: input, inputNote: note)
            return nil
        } catch {
            preconditionFailure("Model rejected names or an input that passed the checker: \(error)")
        }
    }

    /// Layer statements in execution order with every `repeat` unrolled; nil (reported) when there would be too many.
    private mutating func expand(_ statements: [Statement]) -> [LayerStatement]? {
        guard layerCount(statements) != nil else { return nil }
        var layers: [LayerStatement] = []
        func append(_ statements: [Statement]) {
            for statement in statements {
                switch statement {
                case .input: break
                case let .layer(layer): layers.append(layer)
                case let .repeatBlock(block): for _ in 0..<block.count { append(block.body) }
                }
            }
        }
        append(statements)
        return layers
    }

    /// How many layers `statements` unroll to, or nil (reported at the repeat) beyond `maximumLayerCount`.
    private mutating func layerCount(_ statements: [Statement]) -> Int? {
        var total = 0
        for statement in statements {
            switch statement {
            case .input:
                continue
            case .layer:
                total += 1
            case let .repeatBlock(block):
                guard let body = layerCount(block.body) else { return nil }
                let (product, overflow) = body.multipliedReportingOverflow(by: block.count)
                guard !overflow, product <= Checker.maximumLayerCount else {
                    sink.report(.tooManyLayers(Checker.maximumLayerCount), at: block.countSpan)
                    return nil
                }
                total += product
            }
            if total > Checker.maximumLayerCount {
                sink.report(.tooManyLayers(Checker.maximumLayerCount), at: statement.span)
                return nil
            }
        }
        return total
    }

    /// Reports every name used twice, with a note at its first use; true when all are unique.
    private mutating func checkNamesAreUnique(_ names: [String], _ statements: [LayerStatement]) -> Bool {
        var firstUse: [String: LayerStatement] = [:]
        var reported = Set<SourceSpan>()
        for (name, statement) in zip(names, statements) {
            guard let first = firstUse[name] else {
                firstUse[name] = statement
                continue
            }
            let span = statement.name?.span ?? statement.keywordSpan
            guard reported.insert(span).inserted else { continue }
            if first == statement {
                sink.report(.duplicateNameInRepeat(name), at: span)
            } else {
                sink.report(.duplicateName(name), at: span,
                            notes: [sink.note(.noteFirstName(name), at: first.name?.span ?? first.keywordSpan)])
            }
        }
        return reported.isEmpty
    }

    /// Applies the shape rules layer by layer; stops at the first error, since every later shape depends on it.
    private mutating func inferShapes(input: Shape, names: [String], statements: [LayerStatement],
                                      inputFromFlag: Bool) -> [Layer]? {
        var layers: [Layer] = []
        var shape = input
        for (name, statement) in zip(names, statements) {
            let inputNote = sink.note(.noteInput(of: name, from: layers.last?.name, shape, flag: inputFromFlag))
            do {
                let layer = try Layer(name: name, operation: statement.operation, input: shape)
                warnAboutGeometry(layer, statement)
                layers.append(layer)
                shape = layer.outputShape
            } catch {
                report(error, in: statement, input: shape, inputNote: inputNote)
                return nil
            }
        }
        return layers
    }
}
