import CNNDiagnostics
import CNNModel

/// The one expansion of the syntax into the model's flat list of layers: statements in text
/// order, each repeat unrolled, each branch expanded from the value before its merge, each block
/// call expanded with its parameters bound. The value a statement reads is the one before it
/// (nil when that value could not be checked: what reads it is skipped, as it is already reported).
extension Checker {
    /// Where the expansion is: the parameters bound by the calls around it and how deep it is.
    struct Context {
        var bindings: [String: Int] = [:]
        var calls: [CallSite] = []
        var depth = 0
        /// Where a spec that expands to too many layers is reported: the outermost repeat's
        /// count (or call) around the statement; the statement itself at the top level.
        var outermost: SourceSpan?
        var inRepeat = false

        func nested(at span: SourceSpan, inRepeat: Bool = false) -> Context {
            var inner = self
            inner.depth += 1
            inner.outermost = outermost ?? span
            inner.inRepeat = self.inRepeat || inRepeat
            return inner
        }
    }

    /// Expands `statements` reading `start` first; the value of the last one.
    mutating func expand(_ statements: [Statement], from start: ValueID?, _ context: Context) -> ValueID? {
        var current = start
        for statement in statements {
            guard !stopped else { return nil }
            steps += 1
            guard steps <= Checker.maximumStatementCount else {
                sink.report(.tooManyStatements(Checker.maximumStatementCount), at: context.outermost ?? statement.span)
                stopped = true
                return nil
            }
            switch statement {
            case .input, .definition, .output:
                continue
            case let .layer(layer):
                current = expand(layer, reading: current, context)
            case let .repeatBlock(block):
                current = expand(block, from: current, context)
            case let .merge(merge):
                current = expand(merge, reading: current, context)
            case let .reference(reference):
                current = resolve(reference, context)
            case let .call(call):
                current = expand(call, reading: current, context)
            }
        }
        return current
    }

    private mutating func expand(_ statement: LayerStatement, reading input: ValueID?, _ context: Context) -> ValueID? {
        let operation = statement.operation(binding: context.bindings)
        guard let input else {
            // Its shape cannot be checked, but its name and settings can.
            let skipped = builder.skip(operation, named: statement.name?.text)
            for problem in skipped.problems { report(problem, nameAt: statement.name?.span ?? statement.keywordSpan, context) }
            remember(skipped.name, at: statement.name?.span ?? statement.keywordSpan)
            do { try operation.validateSettings() } catch {
                report(error, in: statement, named: skipped.name, input: nil, context)
            }
            return nil
        }
        guard hasRoomForALayer(statement.keywordSpan, context) else { return nil }
        let added = builder.add(operation, named: statement.name?.text, inputs: [input])
        let span = statement.name?.span ?? statement.keywordSpan
        for problem in added.problems {
            switch problem {
            case let .layer(name, error):
                report(error, in: statement, named: name, input: input, context)
            default:
                report(problem, nameAt: span, context)
            }
        }
        remember(added.name, at: span)
        guard let value = added.value else {
            // `dropout 1.5` is wrong, but its output is its input: what reads it can still be checked.
            if Checker.keepsShape(operation), (try? operation.validateSettings()) == nil {
                passedThrough = true
                return input
            }
            return nil
        }
        passedThrough = false
        sites.append(LayerSite(span: statement.span, keywordSpan: statement.keywordSpan,
                               activationSpan: statement.argumentSpans[.activation], calls: context.calls))
        warnAboutGeometry(builder.layers[builder.layers.count - 1], statement)
        return value
    }

    private mutating func expand(_ block: RepeatStatement, from start: ValueID?, _ context: Context) -> ValueID? {
        let count: Int
        switch block.count.value {
        case let .literal(value): count = value
        case let .parameter(name): count = context.bindings[name] ?? 1
        }
        guard count >= 1 else {
            sink.report(.shape(.valueTooSmall(.repeatCount, value: count, minimum: 1)), at: block.count.span,
                        notes: callNotes(context))
            return nil
        }
        guard enter(context, at: block.keywordSpan) else { return nil }
        var current = start
        let inner = context.nested(at: block.count.span, inRepeat: true)
        // Checking settings alone, one pass finds everything a repeat's copies would.
        for _ in 0..<(settingsOnly ? 1 : count) {
            if stopped { break }
            current = expand(block.body, from: current, inner)
        }
        return current
    }

    private mutating func expand(_ merge: MergeStatement, reading current: ValueID?, _ context: Context) -> ValueID? {
        var operands: [(value: ValueID?, span: SourceSpan)] = []
        if merge.operands.count == 1 { operands.append((current, merge.keywordSpan)) }
        guard enter(context, at: merge.keywordSpan) else { return nil }
        for operand in merge.operands {
            switch operand {
            case let .branch(statements, span):
                operands.append((expand(statements, from: current, context.nested(at: span)), span))
            case let .reference(reference):
                operands.append((resolve(reference, context), reference.span))
            }
            if stopped { return nil }
        }
        let inputs = operands.compactMap(\.value)
        guard inputs.count == operands.count else {
            let skipped = builder.skip(.merge(merge.kind), named: merge.name?.text)
            for problem in skipped.problems { report(problem, nameAt: merge.name?.span ?? merge.keywordSpan, context) }
            remember(skipped.name, at: merge.name?.span ?? merge.keywordSpan)
            return nil
        }
        guard hasRoomForALayer(merge.keywordSpan, context) else { return nil }
        let added = builder.add(.merge(merge.kind), named: merge.name?.text, inputs: inputs)
        let span = merge.name?.span ?? merge.keywordSpan
        for problem in added.problems {
            if case let .layer(_, .operandsDiffer(_, first, second, a, b)) = problem {
                let notes = [sink.note(.noteOperand(first, from: builder.name(of: inputs[first]), a), at: operands[first].span),
                             sink.note(.noteOperand(second, from: builder.name(of: inputs[second]), b), at: operands[second].span)]
                sink.report(.shape(.operandsDiffer(merge.kind, first: first, second: second, a, b)),
                            at: merge.keywordSpan, notes: notes + callNotes(context))
            } else if case let .layer(_, error) = problem {
                sink.report(.shape(error), at: merge.keywordSpan, notes: callNotes(context))
            } else {
                report(problem, nameAt: span, context)
            }
        }
        remember(added.name, at: span)
        guard let value = added.value else { return nil }
        sites.append(LayerSite(span: merge.span, keywordSpan: merge.keywordSpan, activationSpan: nil,
                               calls: context.calls))
        return value
    }

    private mutating func expand(_ call: CallStatement, reading input: ValueID?, _ context: Context) -> ValueID? {
        guard let definition = definitions[call.block] else { return nil }
        let arguments = call.arguments.map { argument -> Int in
            switch argument.value {
            case let .literal(value): return value
            case let .parameter(name): return context.bindings[name] ?? 1
            }
        }
        let started = builder.beginCall(call.block, arguments: arguments, named: call.name?.text)
        let span = call.name?.span ?? call.blockSpan
        for problem in started.problems { report(problem, nameAt: span, context) }
        remember(started.name, at: span)
        var inner = context.nested(at: call.span)
        inner.bindings = Dictionary(zip(definition.parameters.map(\.name), arguments)) { first, _ in first }
        inner.calls.append(CallSite(name: started.name, block: call.block,
                                    written: ([call.block] + arguments.map(String.init)).joined(separator: " "),
                                    span: call.span))
        let output = input != nil && enter(context, at: call.blockSpan)
            ? expand(definition.body, from: input, inner) : nil
        builder.endCall(output: output)
        return output
    }

    /// The value `@name` refers to in the current call (`<call>.name`), or nil: unknown names are
    /// reported after the expansion, when it is known whether they come later.
    mutating func resolve(_ reference: Reference, _ context: Context) -> ValueID? {
        let scope = builder.scopePrefix
        switch builder.lookUp(scope + reference.name) {
        case let .value(value)?:
            return value
        case .failed?:
            return nil
        case nil:
            unresolved.append((reference, scope, context.calls))
            return nil
        }
    }

    /// Each reference to a name unknown where it was read: one that the same body names further
    /// down (explicitly: automatic names of later layers are not known), or none at all.
    mutating func reportUnresolvedReferences() {
        var declaredByBlock: [String: [String: SourceSpan]] = [:]
        var seen = Set<[String]>()
        // A reference inside a repeat or a block called many times is unresolved each time: once is enough.
        for (reference, scope, calls) in unresolved where seen.insert([scope, reference.name, "\(reference.span.start)"]).inserted {
            let notes = callNotes(calls)
            let block = calls.last?.block ?? ""
            let declared = declaredByBlock[block] ?? Checker.declaredNames(in: definitions[block]?.body ?? topLevel)
            declaredByBlock[block] = declared
            if let later = declared[reference.name] ?? nameSites[scope + reference.name] {
                sink.report(.referenceToLater(reference.name), at: reference.span,
                            notes: [sink.note(.noteDefined(reference.name), at: later)] + notes)
            } else {
                let names = builder.names(inScope: scope).filter { !$0.contains(".") || scope.isEmpty }
                let suggestion = Suggestion.closest(to: reference.name, among: names + declared.keys.sorted())
                sink.report(.unknownReference(reference.name, suggestion: suggestion), at: reference.span, notes: notes)
            }
        }
    }

    /// The names `statements` give explicitly, with where: in branches and repeats too, not in blocks.
    static func declaredNames(in statements: [Statement]) -> [String: SourceSpan] {
        var names: [String: SourceSpan] = [:]
        func collect(_ statements: [Statement]) {
            for statement in statements {
                switch statement {
                case let .layer(layer): if let name = layer.name, names[name.text] == nil { names[name.text] = name.span }
                case let .call(call): if let name = call.name, names[name.text] == nil { names[name.text] = name.span }
                case let .merge(merge):
                    if let name = merge.name, names[name.text] == nil { names[name.text] = name.span }
                    for case let .branch(body, _) in merge.operands { collect(body) }
                case let .repeatBlock(block): collect(block.body)
                default: break
                }
            }
        }
        collect(statements)
        return names
    }

    /// Whether the output of `operation` has its input's shape whatever its settings.
    static func keepsShape(_ operation: Operation) -> Bool {
        switch operation {
        case .dropout, .batchNorm, .localResponseNorm, .activation: return true
        default: return false
        }
    }

    /// False (reported) when one more level would nest too deep.
    private mutating func enter(_ context: Context, at span: SourceSpan) -> Bool {
        guard context.depth < Checker.maximumDepth else {
            sink.report(.callsNestTooDeep(Checker.maximumDepth), at: span, notes: callNotes(context))
            stopped = true
            return false
        }
        return true
    }

    /// False (reported) when the model already has as many layers as it may.
    private mutating func hasRoomForALayer(_ span: SourceSpan, _ context: Context) -> Bool {
        guard builder.layers.count < Model.maximumLayerCount else {
            sink.report(.tooManyLayers(Model.maximumLayerCount, inRepeat: context.inRepeat),
                        at: context.outermost ?? span)
            stopped = true
            return false
        }
        return true
    }

    private mutating func remember(_ name: String, at span: SourceSpan) {
        if nameSites[name] == nil { nameSites[name] = span }
    }

    /// `in the call fire2 (fire 16 64)` for each call around the current statement, innermost
    /// first; past a few, one line says how many more.
    func callNotes(_ context: Context) -> [Note] { callNotes(context.calls) }

    private func callNotes(_ calls: [CallSite]) -> [Note] {
        let shown = 4
        var notes = calls.suffix(shown).reversed().map { sink.note(.noteInCall($0.name, $0.written), at: $0.span) }
        if calls.count > shown { notes.append(sink.note(.noteMoreCalls(calls.count - shown))) }
        return notes
    }
}
