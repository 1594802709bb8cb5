import CNNDiagnostics
import CNNModel

/// One option word of conv, pooling or dense, read.
enum LayerOption {
    case padding(PaddingMode)
    case stride(Size2)
    case dilation(Size2)
    case groups(Int)
    case noBias
    case activation(Activation)
    case weights(FixedFilter)
}

/// The layer statement being read: where each setting was written, and whether anything failed.
struct LayerBuilder {
    let keyword: LayerKeyword
    let keywordSpan: SourceSpan
    var spans: [LayerArgument: SourceSpan] = [:]
    var failed = false

    /// Records where `argument` was written; a second time is an error with a note at the first.
    mutating func record(_ argument: LayerArgument, _ span: SourceSpan, sink: inout DiagnosticSink) -> Bool {
        if let first = spans[argument] {
            let setting = LayerBuilder.settingName(argument)
            sink.report(.duplicateOption(setting, of: keyword.rawValue), at: span,
                        notes: [sink.note(.noteFirstOption(setting), at: first)])
            failed = true
            return false
        }
        spans[argument] = span
        return true
    }

    /// The options each layer accepts.
    var allowedOptions: Set<LayerArgument> {
        switch keyword {
        case .conv: return [.padding, .stride, .dilation, .groups, .bias, .activation, .weights]
        case .maxpool, .avgpool: return [.padding, .stride]
        case .dense: return [.bias, .activation]
        default: return []
        }
    }

    static func settingName(_ argument: LayerArgument) -> String {
        switch argument {
        case .weights: return "weights"
        case .bias: return "bias"
        default: return "\(argument)"
        }
    }
}

extension Parser {
    /// Reads the option word at `span` (and a leakyrelu slope after it), or reports why it is not one.
    mutating func parseOption(_ span: SourceSpan, _ reader: inout ArgumentReader,
                              _ layer: inout LayerBuilder) -> LayerOption? {
        let text = sink.text(span)
        guard let argument = Parser.optionKind(text), layer.allowedOptions.contains(argument) else {
            reportUnknownOption(text, span, &layer)
            return nil
        }
        guard layer.record(argument, span, sink: &sink) else { return nil }
        let number = SourceSpan(start: span.start + 1, end: span.end)
        let option: LayerOption?
        switch argument {
        case .padding:
            switch text {
            case "valid": option = .padding(.valid)
            case "same": option = .padding(.same)
            case "full": option = .padding(.full)
            default: option = sizeArgument(number).map { .padding(.explicit($0)) }
            }
        case .stride: option = sizeArgument(number).map(LayerOption.stride)
        case .dilation: option = sizeArgument(number).map(LayerOption.dilation)
        case .groups: option = ArgumentReader.integer(at: number, sink: &sink).map(LayerOption.groups)
        case .bias: option = .noBias
        case .weights: option = fixedFilter(text, span).map(LayerOption.weights)
        default: option = activationOption(text, &reader, &layer).map(LayerOption.activation)
        }
        if option == nil { layer.failed = true }
        return option
    }

    /// Which setting an option word writes, judged by its form alone.
    private static func optionKind(_ text: String) -> LayerArgument? {
        switch text {
        case "valid", "same", "full": return .padding
        case "nobias": return .bias
        case _ where LayerKeyword.activation(text) != nil: return .activation
        case _ where text.hasPrefix("weights="): return .weights
        case _ where hasNumericPrefix("p", text): return .padding
        case _ where hasNumericPrefix("s", text): return .stride
        case _ where hasNumericPrefix("d", text): return .dilation
        case _ where hasNumericPrefix("g", text): return .groups
        default: return nil
        }
    }

    /// `sN`, `p-1`: the letter followed by something meant as a number.
    private static func hasNumericPrefix(_ letter: Unicode.Scalar, _ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(2))
        guard bytes.count == 2, bytes[0] == UInt8(ascii: letter) else { return false }
        return (bytes[1] >= 0x30 && bytes[1] <= 0x39) || bytes[1] == UInt8(ascii: "-")
    }

    private mutating func sizeArgument(_ span: SourceSpan) -> Size2? {
        ArgumentReader.integers(at: span, counts: 1...2, form: .size, sink: &sink).map(Parser.size2)
    }

    private mutating func activationOption(_ text: String, _ reader: inout ArgumentReader,
                                           _ layer: inout LayerBuilder) -> Activation? {
        guard text == "leakyrelu", reader.peekNumber(in: sink) != nil else { return LayerKeyword.activation(text) }
        guard let (alpha, span) = reader.requireDecimal(what: "a slope", sink: &sink) else { return nil }
        layer.spans[.alpha] = span
        return .leakyReLU(alpha: alpha)
    }

    /// `weights=NAME`, NAME one of `FixedFilter`.
    private mutating func fixedFilter(_ text: String, _ span: SourceSpan) -> FixedFilter? {
        let nameSpan = SourceSpan(start: span.start + "weights=".utf8.count, end: span.end)
        let name = sink.text(nameSpan)
        if let filter = FixedFilter(rawValue: name) { return filter }
        if name.isEmpty {
            sink.report(.missingArgument("weights=", "a filter name", usage: "weights=NAME"), at: nameSpan)
        } else {
            let suggestion = Suggestion.closest(to: name, among: FixedFilter.allCases.map(\.rawValue))
            sink.report(.unknownFilter(name, suggestion: suggestion), at: nameSpan,
                        fixIt: suggestion.map { (nameSpan, $0) })
        }
        return nil
    }

    /// An unknown option, with the closest option word (or `sN` for a bare number) as a suggestion.
    private mutating func reportUnknownOption(_ text: String, _ span: SourceSpan, _ layer: inout LayerBuilder) {
        layer.failed = true
        var suggestion = Suggestion.closest(to: text, among: layer.keyword.optionWords)
        if suggestion == nil, layer.allowedOptions.contains(.stride),
           case .value = NumberScanner.integers(sink.source.utf8[span.start..<span.end], counts: 1...2) {
            suggestion = "s" + text
        }
        sink.report(.unknownOption(text, of: layer.keyword.rawValue, suggestion: suggestion,
                                   options: layer.keyword.optionSummary),
                    at: span, fixIt: suggestion.map { (span, $0) })
    }

    static func size2(_ values: [Int]) -> Size2 {
        values.count == 2 ? Size2(values[0], values[1]) : Size2(square: values[0])
    }
}
