import CNNDiagnostics
import CNNModel

/// Every text the front end can report, as small factories in alphabetical order, each with a stable id.
///
/// Keeping them in one file keeps the wording consistent and lets tests and tools rely on the ids.
struct Message: Hashable, Sendable {
    var id: String
    var severity: Severity
    var text: String
    var help: String?

    static func dropoutLast() -> Message {
        warning("dropout-last", "dropout as the last layer zeroes outputs while training",
                help: "move it before the last dense layer, or remove it")
    }

    static func dropoutRateOutOfRange(_ rate: Float) -> Message {
        error("rate-out-of-range", "dropout rate \(rate) is outside 0 <= P < 1")
    }

    static func duplicateInput() -> Message {
        error("duplicate-input", "the input shape is given twice", help: "keep one 'input' statement")
    }

    static func duplicateName(_ name: String) -> Message {
        error("duplicate-name", "the layer name '\(name)' is used twice")
    }

    static func duplicateNameInRepeat(_ name: String) -> Message {
        error("duplicate-name", "the layer name '\(name)' is used twice: 'repeat' copies the named layer",
              help: "remove the name inside the repeat block to number the copies automatically")
    }

    static func duplicateOption(_ setting: String, of layer: String) -> Message {
        error("duplicate-option", "\(layer) sets its \(setting) twice")
    }

    static func emptyRepeat() -> Message {
        error("empty-repeat", "the repeat block has no layers")
    }

    static func emptySpec() -> Message {
        error("empty-spec", "the spec has no layers",
              help: "write one statement per line, e.g. 'input 28x28x1', then 'dense 10 softmax'")
    }

    static func evenKernelSame(_ what: String, _ kernel: Size2, _ padding: Insets) -> Message {
        warning("even-kernel-same",
                "'same' padding around the even \(what) \(kernel) is uneven: \(padding.top) top, "
                    + "\(padding.bottom) bottom, \(padding.left) left, \(padding.right) right",
                help: "TensorFlow puts the extra pixel at the bottom and right, PyTorch cannot; an odd \(what) pads evenly")
    }

    static func expectedBrace() -> Message {
        error("expected-brace", "expected '{' after the repeat count", help: "write it as 'repeat N { ... }'")
    }

    static func fixedFilterKernel(_ filter: FixedFilter, _ kernel: Size2) -> Message {
        error("fixed-filter-kernel", "weights=\(filter.rawValue) needs a 3x3 kernel, not \(kernel)")
    }

    static func groupsDoNotDivide(_ groups: Int, _ count: Int, _ what: String) -> Message {
        error("groups-do-not-divide", "\(groups) groups do not divide the \(count) \(what)",
              help: "groups must divide both the input channels and the filters")
    }

    static func inputNotFirst() -> Message {
        error("input-not-first", "input must be the first statement", help: "move it to the top of the spec")
    }

    static func invalidName(_ name: String) -> Message {
        error("invalid-name", "'\(name)' is not a valid layer name",
              help: "a name starts with a letter or '_' and goes on with letters, digits or '_'")
    }

    static func kernelTooLarge(_ kernel: String, _ input: Size2, padded: Bool) -> Message {
        error("kernel-too-large", "\(kernel) is larger than its \(padded ? "padded " : "")input \(input)")
    }

    static func malformedNumber(_ text: String, _ form: NumberForm) -> Message {
        error("malformed-number", "malformed \(form.name) '\(text)'", help: "expected \(form.example)")
    }

    static func missingArgument(_ layer: String, _ what: String, usage: String) -> Message {
        error("missing-argument", "\(layer) needs \(what)", help: "write it as '\(usage)'")
    }

    static func missingLayer(after name: String) -> Message {
        error("missing-layer", "expected a layer after '\(name):'")
    }

    static func nameNotAllowed(_ keyword: String) -> Message {
        error("name-not-allowed", "only layers can be named, not '\(keyword)'", help: "remove the name")
    }

    static func noInput() -> Message {
        error("no-input", "the spec has no input shape", help: "add 'input HxWxC' as the first line or pass --input HxWxC")
    }

    static func noteFilterChosen(_ filter: FixedFilter) -> Message { note("weights=\(filter.rawValue) is chosen here") }
    static func noteFirstInput() -> Message { note("the first input is here") }
    static func noteFirstName(_ name: String) -> Message { note("'\(name)' is first used here") }
    static func noteFirstOption(_ setting: String) -> Message { note("the first \(setting) is here") }

    static func noteInput(of layer: String, from source: String?, _ shape: Shape, flag: Bool) -> Message {
        guard let source else {
            return note("the input of \(layer) is the network input (\(shape)\(flag ? " from --input" : ""))")
        }
        return note("the input of \(layer) comes from \(source) (\(shape))")
    }

    static func noteOutputLength(_ axis: String, length: Int, padding: Int, extent: Int, stride: Int, result: Int)
        -> Message
    {
        note("the output \(axis) would be floor((\(length) + \(padding) - \(extent)) / \(stride)) + 1 = \(result)")
    }

    static func noteRepeatOpened() -> Message { note("the repeat block opens here") }

    static func numberTooLarge(_ text: String) -> Message {
        error("number-too-large", "the number '\(text)' is too large",
              help: "sizes and settings go up to \(Layer.maximumSetting)")
    }

    static func overflow(_ what: String) -> Message {
        error("size-overflow", "\(what) overflows a 64-bit integer", help: "use smaller sizes")
    }

    static func poolingPaddingTooLarge(_ padding: Size2, window: Size2) -> Message {
        error("pooling-padding-too-large", "padding \(padding) leaves some \(window) pooling windows with no input",
              help: "pad a pooling layer by at most the window minus one (\(window.height - 1)x\(window.width - 1)), or use 'same'")
    }

    static func softmaxNotLast() -> Message {
        warning("softmax-not-last", "softmax before the last layer",
                help: "the layers after it see probabilities; softmax usually ends the network")
    }

    static func spatialAfterVector(_ keyword: String, _ vector: Shape) -> Message {
        error("spatial-after-vector", "\(keyword) needs an HxWxC input, but its input is the vector \(vector)",
              help: "put spatial layers before flatten and dense")
    }

    static func strideDropsInput(_ stride: Size2, _ input: Size2, rows: Int, columns: Int) -> Message {
        let dropped = [(rows, "row"), (columns, "column")].filter { $0.0 > 0 }
            .map { $0.0 == 1 ? "the last \($0.1)" : "the last \($0.0) \($0.1)s" }
            .joined(separator: " and ")
        let strideText = stride.isSquare ? "\(stride.height)" : "\(stride)"
        return warning("stride-drops-input",
                       "stride \(strideText) does not tile the \(input) input: \(dropped) \(rows + columns == 1 ? "is" : "are") never read",
                       help: "this is the point where Keras' padding='same' silently pads; write 'same' to pad too")
    }

    static func tooManyLayers(_ limit: Int) -> Message {
        error("too-many-layers", "repeat expands the spec to more than \(limit) layers")
    }

    static func unexpectedArgument(_ text: String, of layer: String, usage: String) -> Message {
        error("unexpected-argument", "unexpected argument '\(text)' to \(layer)", help: "write it as '\(usage)'")
    }

    static func unexpectedToken(_ text: String, help: String) -> Message {
        error("unexpected-token", "unexpected '\(text)'", help: help)
    }

    static func unknownFilter(_ name: String, suggestion: String?) -> Message {
        error("unknown-filter", "unknown filter '\(name)'" + didYouMean(suggestion),
              help: "the filters are " + FixedFilter.allCases.map(\.rawValue).joined(separator: ", "))
    }

    static func unknownLayer(_ word: String, suggestion: String?) -> Message {
        error("unknown-layer", "unknown layer '\(word)'" + didYouMean(suggestion),
              help: suggestion == nil ? "the layers are " + LayerKeyword.allCases.map(\.rawValue).joined(separator: ", ") : nil)
    }

    static func unknownOption(_ word: String, of layer: String, suggestion: String?, options: String) -> Message {
        error("unknown-option", "unknown option '\(word)' for \(layer)" + didYouMean(suggestion),
              help: suggestion == nil ? "the options of \(layer) are \(options)" : nil)
    }

    static func unterminatedRepeat() -> Message {
        error("unterminated-repeat", "expected '}' to close the repeat block")
    }

    static func valueTooLarge(_ setting: String, _ value: Int, maximum: Int) -> Message {
        error("value-too-large", "\(setting) must be at most \(maximum), not \(value)")
    }

    static func valueTooSmall(_ setting: String, _ value: Int, minimum: Int) -> Message {
        error("value-too-small", "\(setting) must be at least \(minimum), not \(value)")
    }

    // MARK: Building blocks

    private static func error(_ id: String, _ text: String, help: String? = nil) -> Message {
        Message(id: id, severity: .error, text: text, help: help)
    }

    private static func warning(_ id: String, _ text: String, help: String? = nil) -> Message {
        Message(id: id, severity: .warning, text: text, help: help)
    }

    private static func note(_ text: String) -> Message {
        Message(id: "note", severity: .note, text: text, help: nil)
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}

/// The kinds of numbers the language reads, named for messages.
enum NumberForm: Sendable {
    case count, size, shape, decimal

    var name: String {
        switch self {
        case .count: return "number"
        case .size: return "size"
        case .shape: return "shape"
        case .decimal: return "number"
        }
    }

    var example: String {
        switch self {
        case .count: return "a whole number like 16"
        case .size: return "N or NxM, like 3 or 3x3"
        case .shape: return "HxWxC or HxW, like 28x28x1"
        case .decimal: return "a decimal number like 0.5"
        }
    }
}
