import CNNDiagnostics
import CNNModel

/// Where each problem belongs in the source, and the notes that explain it.
extension Checker {
    /// Reports `error` of the layer `name`, written as `statement`, whose input is `input` (nil
    /// when it could not be checked: then only errors of the settings alone arise).
    mutating func report(_ error: ShapeError, in statement: LayerStatement, named name: String, input: ValueID?,
                         _ context: Context) {
        var notes: [Note] = []
        if let input {
            let source = input == .input ? nil : builder.name(of: input)
            let flag = inputFromFlag && input == .input
            notes.append(sink.note(.noteInput(of: name, from: source, builder.shape(of: input), flag: flag)))
        }
        let span: SourceSpan
        switch error {
        case .needsImageInput, .overflow, .inputCount:
            span = statement.keywordSpan
        case let .kernelLargerThanInput(window):
            span = statement.span(of: window.setting)
            notes.append(outputLengthNote(window))
        case .groupsDoNotDivideChannels, .groupsDoNotDivideFilters:
            span = statement.span(of: .groups)
        case .deconvolutionEmpty:
            span = statement.span(of: .padding)
        case .sizeTooLarge:
            span = statement.span(of: .factor)
        case let .valueTooSmall(setting, _, _, _), let .valueTooLarge(setting, _, _, _),
             let .batchNormSetting(setting, _):
            span = statement.span(of: setting)
            notes = []
        case .rateOutOfRange:
            (span, notes) = (statement.span(of: .rate), [])
        case .poolingPaddingTooLarge:
            (span, notes) = (statement.span(of: .padding), [])
        case .outputPaddingTooLarge:
            (span, notes) = (statement.span(of: .outputPadding), [])
        case let .fixedFilterNeeds3x3(filter, _):
            span = statement.span(of: .kernel)
            notes = [sink.note(.noteFilterChosen(filter), at: statement.span(of: .weights))]
        case .operandsDiffer:
            span = statement.keywordSpan
        }
        sink.report(.shape(error), at: span, notes: notes + callNotes(context))
    }

    /// Reports a naming problem of the layer, merge or call whose name (or keyword) is at `span`.
    mutating func report(_ problem: ModelError, nameAt span: SourceSpan, _ context: Context) {
        switch problem {
        case let .duplicateName(name):
            let local = String(name.dropFirst(builder.scopePrefix.count))
            guard let first = nameSites[name] else { return }
            if first == span {
                sink.report(.duplicateNameInRepeat(local), at: span, notes: callNotes(context))
            } else {
                sink.report(.duplicateName(local), at: span,
                            notes: [sink.note(.noteFirstName(local), at: first)] + callNotes(context))
            }
        case let .reservedName(name):
            sink.report(.reservedName(name), at: span)
        case let .layer(_, error):
            sink.report(.shape(error), at: span, notes: callNotes(context))
        case .input, .badOutput, .failedCall:
            break
        }
    }

    /// `the output height would be floor((4 + 0 - 5) / 1) + 1 = 0`.
    private func outputLengthNote(_ window: WindowMismatch) -> Note {
        let rows = window.axis == .height
        let (length, padded, extent, stride) = rows
            ? (window.input.height, window.padded.height, window.extent.height, window.stride.height)
            : (window.input.width, window.padded.width, window.extent.width, window.stride.width)
        let difference = padded - extent
        let floored = difference >= 0 ? difference / stride : -((-difference + stride - 1) / stride)
        return sink.note(.noteOutputLength(rows ? "height" : "width", length: length, padding: padded - length,
                                           extent: extent, stride: stride, result: floored + 1))
    }
}
