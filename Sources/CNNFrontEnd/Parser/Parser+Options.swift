import CNNDiagnostics
import CNNModel

/// One option word of a layer, read.
enum LayerOption {
    case padding(PaddingMode)
    case stride(Size2)
    case outputPadding(Size2)
    case dilation(Size2)
    case groups(Int)
    case noBias
    case activation(Activation)
    case weights(FixedFilter)
    case ceil
    case mode(Upsample.Mode)
    case epsilon(Float)
    case momentum(Float)
}

/// The layer statement being read: where each setting was written, which are block parameters,
/// and whether anything failed.
struct LayerBuilder {
    let keyword: LayerKeyword
    let keywordSpan: SourceSpan
    var spans: [Setting: SourceSpan] = [:]
    var parameters: [Setting: String] = [:]
    var failed = false

    /// Records where `setting` was written; a second time is an error with a note at the first.
    mutating func record(_ setting: Setting, _ span: SourceSpan, sink: inout DiagnosticSink) -> Bool {
        if let first = spans[setting] {
            sink.report(.duplicateOption(setting.name(), of: keyword.word), at: span,
                        notes: [sink.note(.noteFirstOption(setting.name()), at: first)])
            failed = true
            return false
        }
        spans[setting] = span
        return true
    }

    /// The values of an integer setting: as written, or 1 for each part of a parameter (a
    /// placeholder until a call binds it), remembering the parameter's name.
    mutating func values(_ written: WrittenIntegers, for setting: Setting) -> [Int] {
        switch written {
        case let .literal(values):
            return values
        case let .parameter(name):
            parameters[setting] = name
            return [1]
        }
    }
}

extension Parser {
    /// Reads the option word at `span` (and a leakyrelu slope after it), or reports why it is not one.
    mutating func parseOption(_ span: SourceSpan, _ reader: inout ArgumentReader,
                              _ layer: inout LayerBuilder) -> LayerOption? {
        let text = sink.text(span)
        guard let (setting, prefix) = Parser.optionKind(text), layer.keyword.options.contains(setting),
              setting != .padding || layer.keyword != .deconv || prefix == 1
        else {
            reportUnknownOption(text, span, &layer)
            return nil
        }
        guard layer.record(setting, span, sink: &sink) else { return nil }
        let number = SourceSpan(start: span.start + prefix, end: span.end)
        let option: LayerOption?
        switch setting {
        case .padding:
            switch text {
            case "valid": option = .padding(.valid)
            case "same": option = .padding(.same)
            case "full": option = .padding(.full)
            default: option = size(number, .padding, &layer).map { .padding(.explicit($0)) }
            }
        case .stride: option = size(number, .stride, &layer).map(LayerOption.stride)
        case .outputPadding: option = size(number, .outputPadding, &layer).map(LayerOption.outputPadding)
        case .dilation: option = size(number, .dilation, &layer).map(LayerOption.dilation)
        case .groups:
            option = ArgumentReader.integers(at: number, counts: 1...1, form: .count, scope: parameterScope, sink: &sink)
                .map { .groups(layer.values($0, for: .groups)[0]) }
        case .bias: option = .noBias
        case .weights: option = fixedFilter(text, span).map(LayerOption.weights)
        case .ceil: option = .ceil
        case .mode: option = Upsample.Mode(rawValue: text).map(LayerOption.mode)
        case .epsilon: option = ArgumentReader.decimal(at: number, sink: &sink).map(LayerOption.epsilon)
        case .momentum: option = ArgumentReader.decimal(at: number, sink: &sink).map(LayerOption.momentum)
        default: option = activationOption(text, &reader, &layer).map(LayerOption.activation)
        }
        if option == nil { layer.failed = true }
        return option
    }

    /// Which setting an option word writes, judged by its form alone, and how many bytes come
    /// before its number (`s2`: 1, `op1`: 2, `eps=0.001`: 4).
    private static func optionKind(_ text: String) -> (Setting, Int)? {
        switch text {
        case "valid", "same", "full": return (.padding, 0)
        case "nobias": return (.bias, 0)
        case "ceil": return (.ceil, 0)
        case "nearest", "bilinear": return (.mode, 0)
        case _ where Activation.named(text) != nil: return (.activation, 0)
        case _ where text.hasPrefix("weights="): return (.weights, 0)
        case _ where text.hasPrefix("eps="): return (.epsilon, 4)
        case _ where text.hasPrefix("momentum="): return (.momentum, 9)
        case _ where hasNumericPrefix("op", text): return (.outputPadding, 2)
        case _ where hasNumericPrefix("p", text): return (.padding, 1)
        case _ where hasNumericPrefix("s", text): return (.stride, 1)
        case _ where hasNumericPrefix("d", text): return (.dilation, 1)
        case _ where hasNumericPrefix("g", text): return (.groups, 1)
        default: return nil
        }
    }

    /// `sN`, `p-1`, `s$s`: the letters followed by something meant as a number.
    private static func hasNumericPrefix(_ letters: String, _ text: String) -> Bool {
        guard text.utf8.count > letters.utf8.count, text.hasPrefix(letters) else { return false }
        let next = text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: letters.utf8.count)]
        return (next >= 0x30 && next <= 0x39) || next == UInt8(ascii: "-") || next == UInt8(ascii: "$")
    }

    /// `N` or `NxM` (or `$param`, square) after an option letter.
    private mutating func size(_ span: SourceSpan, _ setting: Setting, _ layer: inout LayerBuilder) -> Size2? {
        ArgumentReader.integers(at: span, counts: 1...2, form: .size, scope: parameterScope, sink: &sink)
            .map { Parser.size2(layer.values($0, for: setting)) }
    }

    private mutating func activationOption(_ text: String, _ reader: inout ArgumentReader,
                                           _ layer: inout LayerBuilder) -> Activation? {
        guard text == "leakyrelu", reader.peekNumber(in: sink) != nil else { return Activation.named(text) }
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
        if suggestion == nil, layer.keyword.options.contains(.stride),
           case .value = NumberScanner.integers(sink.source.utf8[span.start..<span.end], counts: 1...2) {
            suggestion = "s" + text
        }
        sink.report(.unknownOption(text, of: layer.keyword.word, suggestion: suggestion,
                                   options: layer.keyword.optionSummary),
                    at: span, fixIt: suggestion.map { (span, $0) })
    }

    static func size2(_ values: [Int]) -> Size2 {
        values.count == 2 ? Size2(values[0], values[1]) : Size2(square: values[0])
    }
}
