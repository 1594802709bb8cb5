import CNNDiagnostics
import CNNModel

/// The messages of the checker: shape rules, names, references and the graph, in alphabetical order.
extension Message {
    static func callsNestTooDeep(_ limit: Int) -> Message {
        error("block calls, with their repeats and branches, nest more than \(limit) deep here",
              help: "a block may call other blocks, but not without end")
    }

    static func dropoutLast() -> Message {
        warning("dropout as the last layer zeroes outputs while training",
                help: "move it before the last dense layer, or remove it")
    }

    static func duplicateName(_ name: String) -> Message {
        error("the layer name '\(name)' is used twice")
    }

    static func duplicateNameInRepeat(_ name: String) -> Message {
        error("the layer name '\(name)' is used twice: 'repeat' copies the named layer",
              help: "remove the name inside the repeat block to number the copies automatically")
    }

    static func duplicateOutput(_ name: String) -> Message {
        error("'\(name)' is listed twice as an output")
    }

    static func evenKernelSame(_ what: String, _ kernel: Size2, _ padding: Insets) -> Message {
        warning("'same' padding around the even \(what) \(kernel) is uneven: \(padding.top) top, "
                    + "\(padding.bottom) bottom, \(padding.left) left, \(padding.right) right",
                help: "the extra pixel goes to the bottom and right, as in TensorFlow (the PyTorch emitter adds an F.pad); an odd \(what) pads evenly")
    }

    static func noInput() -> Message {
        error("the spec has no input shape", help: "add 'input HxWxC' as the first line or pass --input HxWxC")
    }

    static func noteFilterChosen(_ filter: FixedFilter) -> Message { note("weights=\(filter.rawValue) is chosen here") }
    static func noteFirstName(_ name: String) -> Message { note("'\(name)' is first used here") }

    /// `in the call fire2 (fire 16 64)`: where a layer inside a block came from.
    static func noteInCall(_ name: String, _ written: String) -> Message { note("in the call \(name) (\(written))") }

    static func noteMoreCalls(_ count: Int) -> Message { note("in \(count) more calls around those") }

    static func noteInput(of layer: String, from source: String?, _ shape: Shape, flag: Bool) -> Message {
        guard let source else {
            return note("the input of \(layer) is the network input (\(shape)\(flag ? " from --input" : ""))")
        }
        return note("the input of \(layer) comes from \(source) (\(shape))")
    }

    static func noteOperand(_ index: Int, from source: String, _ shape: Shape) -> Message {
        note("operand \(index + 1) comes from \(source == Model.inputName ? "the network input" : source) (\(shape))")
    }

    static func noteOutputLength(_ axis: String, length: Int, padding: Int, extent: Int, stride: Int, result: Int)
        -> Message
    {
        note("the output \(axis) would be floor((\(length) + \(padding) - \(extent)) / \(stride)) + 1 = \(result)")
    }

    static func outputIsInput() -> Message {
        error("the model's output is its input", help: "end the spec with a layer")
    }

    static func referenceToLater(_ name: String) -> Message {
        error("'@\(name)' refers to a value that comes later",
              help: "a reference names a statement above it")
    }

    static func reservedName(_ name: String) -> Message {
        error("'\(name)' names the model input and cannot name a layer", help: "choose another name")
    }

    /// A shape rule a layer breaks, in the rule's own words (`ShapeError.description`), with advice;
    /// the id is the name of the `ShapeError` case (`kernelLargerThanInput` -> `kernel-larger-than-input`).
    static func shape(_ problem: ShapeError) -> Message {
        let text = problem.description
        // Every case carries values, so the mirror's one child is labelled with the case name.
        let name = Mirror(reflecting: problem).children.first?.label ?? "shape"
        func error(_ text: String, help: String? = nil) -> Message { Message.error(text, help: help, factory: name) }
        switch problem {
        case .needsImageInput:
            return error(text, help: "put spatial layers before flatten and dense")
        case .kernelLargerThanInput:
            return error(text)
        case .groupsDoNotDivideChannels, .groupsDoNotDivideFilters:
            return error(text, help: "groups must divide both the input channels and the filters")
        case .valueTooSmall:
            return error(text)
        case .valueTooLarge:
            return error(text)
        case let .poolingPaddingTooLarge(_, window):
            return error(text,
                         help: "pad a pooling layer by at most the window minus one "
                            + "(\(window.height - 1)x\(window.width - 1)), or use 'same'")
        case .rateOutOfRange:
            return error(text)
        case .batchNormSetting:
            return error(text, help: "PyTorch's defaults are eps=1e-5 and momentum=0.1")
        case .fixedFilterNeeds3x3:
            return error(text)
        case .outputPaddingTooLarge:
            return error(text, help: "PyTorch's ConvTranspose2d has the same rule")
        case .deconvolutionEmpty:
            return error(text, help: "pad less, or use a larger kernel or stride")
        case let .operandsDiffer(kind, _, _, _, _):
            let help: String
            switch kind {
            case .add: help = "a residual's branch must keep the shape; match it with a 1x1 conv (and a stride)"
            case .concat: help = "bring the operands to one height and width first (pooling, a stride, upsample)"
            case .mul: help = "a gate is 1x1xC: end its branch with 'globalavgpool' and a conv to C filters"
            }
            return error(text, help: help)
        case .inputCount:
            return error(text)
        case .sizeTooLarge:
            return error(text, help: "use smaller sizes")
        case .overflow:
            return error(text, help: "use smaller sizes")
        }
    }

    static func softmaxNotLast() -> Message {
        warning("softmax before the last layer",
                help: "the layers after it see probabilities; softmax usually ends the network")
    }

    static func strideDropsInput(_ stride: Size2, _ input: Size2, rows: Int, columns: Int) -> Message {
        let dropped = [(rows, "row"), (columns, "column")].filter { $0.0 > 0 }
            .map { $0.0 == 1 ? "the last \($0.1)" : "the last \($0.0) \($0.1)s" }
            .joined(separator: " and ")
        return warning("stride \(stride.compact) does not tile the \(input) input: \(dropped) \(rows + columns == 1 ? "is" : "are") never read",
                       help: "this is the point where Keras' padding='same' silently pads; write 'same' to pad too, or 'valid' if dropping them is intended")
    }

    static func tooManyLayers(_ limit: Int, inRepeat: Bool) -> Message {
        error("\(inRepeat ? "repeat" : "the spec") expands \(inRepeat ? "the spec " : "")to more than \(limit) layers")
    }

    static func tooManyStatements(_ limit: Int) -> Message {
        error("the spec expands to more than \(limit) statements")
    }

    static func unknownReference(_ name: String, suggestion: String?) -> Message {
        error("'@\(name)' names no earlier value" + didYouMean(suggestion.map { "@" + $0 }),
              help: suggestion == nil ? "name a layer ('a: conv 16 3x3') and refer to it as '@a'" : nil)
    }

    static func unusedValue(_ name: String) -> Message {
        warning("the value of '\(name)' is never used",
                help: "read it with '@\(name)', list it in 'output', or remove it")
    }
}
