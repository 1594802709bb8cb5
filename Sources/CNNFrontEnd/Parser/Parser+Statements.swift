import CNNDiagnostics
import CNNModel

/// The statements that are not layers: input, repeat, merges, references, outputs, blocks and calls.
extension Parser {
    /// `input HxWxC` or `input HxW`.
    mutating func parseInput() -> Statement? {
        let keywordSpan = current.span
        advance()
        let arguments = collectWords()
        if let first = firstInputSpan {
            sink.report(.duplicateInput(), at: keywordSpan, notes: [sink.note(.noteFirstInput(), at: first)])
            return nil
        }
        firstInputSpan = keywordSpan
        if hasSeenStatement {
            sink.report(.inputNotFirst(), at: keywordSpan)
            return nil
        }
        var reader = ArgumentReader(arguments, after: keywordSpan, layer: "input", usage: "input HxWxC", scope: nil)
        guard let (written, span) = reader.requireIntegers(counts: 2...3, form: .shape, what: "a shape", sink: &sink),
              case let .literal(dimensions) = written, reader.requireEnd(sink: &sink)
        else { return nil }
        let shape = Shape.image(height: dimensions[0], width: dimensions[1],
                                channels: dimensions.count == 3 ? dimensions[2] : 1)
        return .input(InputStatement(shape: shape, keywordSpan: keywordSpan, shapeSpan: span))
    }

    /// `repeat N { statements }`; the block may span lines and nest. N may be a block parameter.
    mutating func parseRepeat() -> Statement? {
        let keywordSpan = current.span
        advance()
        hasSeenStatement = true  // an `input` inside the block is not first either
        var count: IntegerArgument?
        var insertionPoint = keywordSpan.endPoint
        if current.kind == .word {
            insertionPoint = current.span.endPoint
            var reader = ArgumentReader([current.span], after: keywordSpan, layer: "repeat", usage: "repeat N { ... }",
                                        scope: parameterScope)
            count = reader.requireInteger(what: "a count", sink: &sink).map { written, span in
                switch written {
                case let .literal(values): return IntegerArgument(.literal(values[0]), span: span)
                case let .parameter(name): return IntegerArgument(.parameter(name), span: span)
                }
            }
            advance()
        } else {
            sink.report(.missingArgument("repeat", "a count", usage: "repeat N { ... }"), at: keywordSpan.endPoint)
        }
        skipNewlinesBeforeContinuation()
        guard current.kind == .openBrace else {
            if count != nil {
                sink.report(.expectedBrace("the repeat count", usage: "repeat N { ... }"),
                            at: current.kind == .word ? current.span : insertionPoint)
            }
            return nil
        }
        let opening = current.span
        advance()
        let errorsBefore = sink.errorCount
        let (body, closing) = parseBlock(.repeatBody(opening: opening))
        let span = keywordSpan.through(closing ?? opening)
        if body.isEmpty, sink.errorCount == errorsBefore {
            sink.report(.emptyRepeat(), at: span)
            return nil
        }
        guard let count, closing != nil else { return nil }
        if case let .literal(value) = count.value, value < 1 {
            sink.report(.shape(.valueTooSmall(.repeatCount, value: value, minimum: 1)), at: count.span)
            return nil
        }
        return .repeatBlock(RepeatStatement(count: count, body: body, keywordSpan: keywordSpan, span: span))
    }

    /// `add`, `concat` or `mul` and its operands: `{ ... }` branches and `@name` references, on
    /// one line or continued on the next by a `{` or an `@`.
    mutating func parseMerge(_ kind: MergeKind, name: LayerName?) -> Statement? {
        let keywordSpan = current.span
        advance()
        var operands: [Operand] = []
        var failed = false
        while true {
            skipNewlinesBeforeContinuation(orReference: true)
            if current.kind == .openBrace {
                let opening = current.span
                advance()
                let (statements, closing) = parseBlock(.branch(opening: opening))
                guard let closing else { return nil }
                operands.append(.branch(statements: statements, span: opening.through(closing)))
            } else if current.kind == .word, sink.text(current.span).hasPrefix("@") {
                let span = current.span
                advance()
                if let reference = reference(at: span) { operands.append(.reference(reference)) } else { failed = true }
            } else {
                break
            }
        }
        guard !failed else { return nil }
        guard !operands.isEmpty else {
            sink.report(.missingOperand(kind), at: current.kind == .word ? current.span : keywordSpan.endPoint)
            return nil
        }
        let span = (name?.span ?? keywordSpan).through(operands[operands.count - 1].span)
        return .merge(MergeStatement(name: name, kind: kind, keywordSpan: keywordSpan, operands: operands, span: span))
    }

    /// `@name` or `@call.name` at `span`, or nil after reporting a malformed one.
    mutating func reference(at span: SourceSpan) -> Reference? {
        let name = String(sink.text(span).dropFirst())
        guard !name.isEmpty, name.split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy({ Parser.isIdentifier(String($0)) })
        else {
            sink.report(.invalidReference(sink.text(span)), at: span)
            return nil
        }
        return Reference(name: name, span: span)
    }

    /// `output @a @b ...`: at the top level, as the last statement.
    mutating func parseOutput(in block: BlockKind) -> Statement? {
        let keywordSpan = current.span
        advance()
        var references: [Reference] = []
        var failed = false
        for span in collectWords() {
            guard sink.text(span).hasPrefix("@") else {
                sink.report(.unexpectedArgument(sink.text(span), of: "output", usage: "output @name ..."), at: span)
                return nil
            }
            if let reference = reference(at: span) { references.append(reference) } else { failed = true }
        }
        guard block == .top else {
            sink.report(.outputNotAtTop(), at: keywordSpan)
            return nil
        }
        guard !references.isEmpty || failed else {
            sink.report(.missingArgument("output", "a reference", usage: "output @name ..."), at: keywordSpan.endPoint)
            return nil
        }
        return failed ? nil : .output(OutputStatement(keywordSpan: keywordSpan, references: references))
    }

    /// `def NAME [PARAM ...] { BODY }`, at the top level; the block can be called after it.
    mutating func parseDefinition(in block: BlockKind) -> Statement? {
        let keywordSpan = current.span
        advance()
        hasSeenStatement = true
        guard current.kind == .word else {
            sink.report(.missingArgument("def", "a block name", usage: "def NAME [PARAM ...] { ... }"),
                        at: keywordSpan.endPoint)
            return nil
        }
        let nameSpan = current.span, name = sink.text(nameSpan)
        // A block whose name is usable is registered even with other mistakes, so that its calls
        // do not add errors of their own.
        var nameIsUsable = false
        if block != .top {
            sink.report(.definitionNotAtTop(), at: keywordSpan)
        } else if !Parser.isIdentifier(name) {
            sink.report(.invalidName(name, of: "block"), at: nameSpan)
        } else if LayerKeyword.statementWords.contains(name) {
            sink.report(.blockShadowsKeyword(name), at: nameSpan)
        } else if let first = blocks[name] {
            sink.report(.duplicateBlock(name), at: nameSpan, notes: [sink.note(.noteDefined(name), at: first.nameSpan)])
        } else {
            nameIsUsable = true
        }
        var valid = nameIsUsable
        advance()
        var parameters: [BlockDefinition.Parameter] = []
        for span in collectWords() {
            let parameter = sink.text(span)
            if !Parser.isIdentifier(parameter) {
                sink.report(.invalidParameter(parameter), at: span)
                valid = false
            } else if let first = parameters.first(where: { $0.name == parameter }) {
                sink.report(.duplicateParameter(parameter), at: span,
                            notes: [sink.note(.noteFirstParameter(parameter), at: first.span)])
                valid = false
            }
            parameters.append(BlockDefinition.Parameter(name: parameter, span: span))
        }
        skipNewlinesBeforeContinuation()
        guard current.kind == .openBrace else {
            sink.report(.expectedBrace("the block's parameters", usage: "def NAME [PARAM ...] { ... }"),
                        at: current.kind == .word ? current.span : lastTokenEnd)
            return nil
        }
        let opening = current.span
        advance()
        let outerScope = parameterScope
        parameterScope = ParameterScope(block: name, parameters: parameters.map(\.name))
        let errorsBefore = sink.errorCount
        let (body, closing) = parseBlock(.definition(opening: opening))
        parameterScope = outerScope
        let span = keywordSpan.through(closing ?? opening)
        let definition = BlockDefinition(name: name, nameSpan: nameSpan, parameters: parameters, body: body, span: span)
        if nameIsUsable { blocks[name] = definition }
        if body.isEmpty, sink.errorCount == errorsBefore {
            sink.report(.emptyBlock(name), at: span)
            return nil
        }
        return valid && closing != nil ? .definition(definition) : nil
    }

    /// `NAME ARG ...` for a block defined above, or the error for a word that is no statement.
    mutating func parseCall(_ word: String, name: LayerName?) -> Statement? {
        let blockSpan = current.span
        guard let definition = blocks[word] else {
            if parameterScope?.block == word {
                sink.report(.recursiveBlock(word), at: blockSpan)
            } else if let defined = definitions[word] {
                sink.report(.blockUsedBeforeDefinition(word), at: blockSpan,
                            notes: [sink.note(.noteDefined(word), at: defined)])
            } else {
                let suggestion = layerSuggestion(for: word)
                sink.report(.unknownLayer(word, suggestion: suggestion), at: blockSpan,
                            fixIt: suggestion.map { (blockSpan, $0) })
            }
            return nil
        }
        advance()
        var arguments: [IntegerArgument] = []
        var failed = false
        for span in collectWords() {
            switch ArgumentReader.integers(at: span, counts: 1...1, form: .count, scope: parameterScope, sink: &sink) {
            case let .literal(values)?: arguments.append(IntegerArgument(.literal(values[0]), span: span))
            case let .parameter(parameter)?: arguments.append(IntegerArgument(.parameter(parameter), span: span))
            case nil: failed = true
            }
        }
        let call = CallStatement(name: name, block: word, blockSpan: blockSpan, arguments: arguments)
        guard !failed else { return nil }
        guard arguments.count == definition.parameters.count else {
            sink.report(.wrongArgumentCount(definition.usage, expected: definition.parameters.count,
                                            found: arguments.count),
                        at: call.span, notes: [sink.note(.noteDefined(word), at: definition.nameSpan)])
            return nil
        }
        return .call(call)
    }
}
