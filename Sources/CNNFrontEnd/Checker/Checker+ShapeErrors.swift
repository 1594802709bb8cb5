import CNNDiagnostics
import CNNModel

/// Where each `ShapeError` belongs in the source, and the notes that explain it.
extension Checker {
    /// Reports `error` of the layer written as `statement`, whose input is `input`.
    mutating func report(_ error: ShapeError, in statement: LayerStatement, input: Shape, inputNote: Note) {
        switch error {
        case let .needsImageInput(keyword, found):
            sink.report(.spatialAfterVector(keyword, found), at: statement.keywordSpan, notes: [inputNote])
        case let .kernelLargerThanInput(extent, padded):
            reportKernelTooLarge(statement, extent: extent, padded: padded, input: input, inputNote: inputNote)
        case let .groupsDoNotDivide(groups, channels, filters):
            let message: Message = channels % groups != 0
                ? .groupsDoNotDivide(groups, channels, "input channels") : .groupsDoNotDivide(groups, filters, "filters")
            sink.report(message, at: statement.span(of: .groups), notes: [inputNote])
        case let .valueTooSmall(setting, value, minimum):
            sink.report(.valueTooSmall(setting, value, minimum: minimum), at: statement.span(of: argument(setting)))
        case let .valueTooLarge(setting, value, maximum):
            sink.report(.valueTooLarge(setting, value, maximum: maximum), at: statement.span(of: argument(setting)))
        case let .rateOutOfRange(rate):
            sink.report(.dropoutRateOutOfRange(rate), at: statement.span(of: .rate))
        case let .poolingPaddingTooLarge(padding, window):
            sink.report(.poolingPaddingTooLarge(padding, window: window), at: statement.span(of: .padding))
        case let .fixedFilterNeeds3x3(filter, kernel):
            sink.report(.fixedFilterKernel(filter, kernel), at: statement.span(of: .kernel),
                        notes: [sink.note(.noteFilterChosen(filter), at: statement.span(of: .weights))])
        case let .overflow(what):
            sink.report(.overflow(what), at: statement.keywordSpan, notes: [inputNote])
        }
    }

    /// Reports a bad network input shape, at the `input` statement or (from `--input`) at the start of the file.
    mutating func report(_ error: ShapeError, inputAt span: SourceSpan?) {
        let span = span ?? SourceSpan(start: 0, end: 0)
        switch error {
        case let .valueTooSmall(setting, value, minimum):
            sink.report(.valueTooSmall(setting, value, minimum: minimum), at: span)
        case let .valueTooLarge(setting, value, maximum):
            sink.report(.valueTooLarge(setting, value, maximum: maximum), at: span)
        default:
            sink.report(.overflow("the element count of the input"), at: span)
        }
    }

    private mutating func reportKernelTooLarge(_ statement: LayerStatement, extent: Size2, padded: Size2,
                                               input: Shape, inputNote: Note) {
        guard case let .image(height, width, _) = input else { return }
        let description: String
        var stride = Size2.one
        switch statement.operation {
        case let .convolution(conv):
            stride = conv.stride
            description = conv.dilation == .one ? "kernel \(conv.kernel)"
                : "kernel \(conv.kernel) dilated to \(extent)"
        case let .pooling(pool):
            stride = pool.stride
            description = "window \(pool.window)"
        default:
            description = "window \(extent)"
        }
        let rows = padded.height < extent.height
        let (axis, length, paddedLength, window, step) = rows
            ? ("height", height, padded.height, extent.height, stride.height)
            : ("width", width, padded.width, extent.width, stride.width)
        let outputNote = sink.note(.noteOutputLength(axis, length: length, padding: paddedLength - length, extent: window,
                                                     stride: step, result: floorDivide(paddedLength - window, step) + 1))
        sink.report(.kernelTooLarge(description, padded, padded: padded != Size2(height, width)),
                    at: statement.span(of: statement.argumentSpans[.kernel] != nil ? .kernel : .window),
                    notes: [inputNote, outputNote])
    }

    /// The argument a `ShapeError` setting name refers to.
    private func argument(_ setting: String) -> LayerArgument {
        switch setting {
        case "filters": return .filters
        case "kernel height", "kernel width": return .kernel
        case "window height", "window width": return .window
        case "stride": return .stride
        case "dilation": return .dilation
        case "groups": return .groups
        case "units": return .units
        case "size": return .size
        case "padding": return .padding
        default: return .filters
        }
    }

    private func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
