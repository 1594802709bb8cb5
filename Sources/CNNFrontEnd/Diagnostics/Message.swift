import CNNDiagnostics
import CNNModel

/// Every text the front end can report, as small factories in alphabetical order, each with a stable id.
/// This file holds the syntax messages; `Message+Model.swift` those of shapes, names and graphs.
///
/// Keeping them in one place keeps the wording consistent and lets tests and tools rely on the ids.
struct Message: Hashable, Sendable {
    var id: String
    var severity: Severity
    var text: String
    var help: String?

    static func blockShadowsKeyword(_ name: String) -> Message {
        error("a block cannot be called '\(name)': it is a keyword of the language",
              help: "choose another name")
    }

    static func blockUsedBeforeDefinition(_ name: String) -> Message {
        error("the block '\(name)' is used before its definition",
              help: "move 'def \(name)' above its first use")
    }

    static func definitionNotAtTop() -> Message {
        error("a block is defined at the top level, not inside another statement",
              help: "move the 'def' out, above its first use")
    }

    static func duplicateBlock(_ name: String) -> Message {
        error("the block '\(name)' is defined twice")
    }

    static func duplicateInput() -> Message {
        error("the input shape is given twice", help: "keep one 'input' statement")
    }

    static func duplicateOption(_ setting: String, of layer: String) -> Message {
        error("\(layer) sets its \(setting) twice")
    }

    static func duplicateParameter(_ name: String) -> Message {
        error("the parameter '\(name)' is given twice")
    }

    static func emptyBlock(_ name: String) -> Message {
        error("the block '\(name)' has no layers")
    }

    static func emptyRepeat() -> Message {
        error("the repeat block has no layers")
    }

    static func emptySpec() -> Message {
        error("the spec has no layers",
              help: "write one statement per line, e.g. 'input 28x28x1', then 'dense 10 softmax'")
    }

    static func expectedBrace(_ after: String, usage: String) -> Message {
        error("expected '{' after \(after)", help: "write it as '\(usage)'")
    }

    static func inputNotFirst() -> Message {
        error("input must be the first statement", help: "move it to the top of the spec")
    }

    static func invalidName(_ name: String, of what: String = "layer") -> Message {
        error("'\(name)' is not a valid \(what) name",
              help: "a name starts with a letter or '_' and goes on with letters, digits or '_'")
    }

    static func invalidParameter(_ name: String) -> Message {
        error("'\(name)' is not a valid parameter name",
              help: "a parameter is a name like 'f' or 'width', used in the block as '$f'")
    }

    static func invalidReference(_ text: String) -> Message {
        error("'\(text)' is not a valid reference",
              help: "a reference is '@' and a name, like '@conv3' or '@fire2.conv1'")
    }

    static func malformedNumber(_ text: String, _ form: NumberForm) -> Message {
        error("malformed \(form.name) '\(text)'", help: "expected \(form.example)")
    }

    static func missingArgument(_ layer: String, _ what: String, usage: String) -> Message {
        error("\(layer) needs \(what)", help: "write it as '\(usage)'")
    }

    static func missingLayer(after name: String) -> Message {
        error("expected a layer after '\(name):'")
    }

    static func missingOperand(_ kind: MergeKind) -> Message {
        error("\(kind) needs at least one operand",
              help: "write it as '\(kind) { layers }' or '\(kind) @name', each operand a branch or a reference")
    }

    static func nameNotAllowed(_ keyword: String) -> Message {
        error("only layers, merges and block calls can be named, not '\(keyword)'",
              help: "remove the name")
    }

    static func nestingTooDeep(_ limit: Int) -> Message {
        error("blocks, branches and repeats nest more than \(limit) deep here",
              help: "nothing after this point is read; flatten the nesting")
    }

    static func noteDefined(_ name: String) -> Message { note("'\(name)' is defined here") }
    static func noteBlockOpened(_ noun: String) -> Message { note("the \(noun) opens here") }
    static func noteFirstInput() -> Message { note("the first input is here") }
    static func noteFirstOption(_ setting: String) -> Message { note("the first \(setting) is here") }
    static func noteFirstParameter(_ name: String) -> Message { note("'\(name)' is first given here") }
    static func noteOutputHere() -> Message { note("the outputs are given here") }

    static func numberTooLarge(_ text: String) -> Message {
        error("the number '\(text)' is too large",
              help: "sizes and settings go up to \(Layer.maximumSetting)")
    }

    static func outputNotAtTop() -> Message {
        error("'output' is the last statement of the spec, not inside another statement")
    }

    static func outputNotLast() -> Message {
        error("'output' must be the last statement", help: "move this statement above 'output'")
    }

    static func parameterOutsideBlock(_ text: String) -> Message {
        error("'\(text)' is not a parameter: parameters exist only inside a 'def' block")
    }

    static func recursiveBlock(_ name: String) -> Message {
        error("the block '\(name)' calls itself", help: "blocks cannot be recursive")
    }

    static func unexpectedArgument(_ text: String, of layer: String, usage: String) -> Message {
        error("unexpected argument '\(text)' to \(layer)", help: "write it as '\(usage)'")
    }

    static func unexpectedToken(_ text: String, help: String) -> Message {
        error("unexpected '\(text)'", help: help)
    }

    static func unknownFilter(_ name: String, suggestion: String?) -> Message {
        error("unknown filter '\(name)'" + didYouMean(suggestion),
              help: "the filters are " + FixedFilter.allCases.map(\.rawValue).joined(separator: ", "))
    }

    static func unknownLayer(_ word: String, suggestion: String?) -> Message {
        error("unknown layer '\(word)'" + didYouMean(suggestion),
              help: suggestion == nil ? "the layers are " + layerList : nil)
    }

    private static let layerList = LayerKeyword.all.map(\.word).joined(separator: ", ")

    static func unknownOption(_ word: String, of layer: String, suggestion: String?, options: String) -> Message {
        error("unknown option '\(word)' for \(layer)" + didYouMean(suggestion),
              help: suggestion == nil ? "the options of \(layer) are \(options)" : nil)
    }

    static func unknownParameter(_ text: String, block: String, suggestion: String?) -> Message {
        error("'\(text)' is not a parameter of the block '\(block)'"
                + didYouMean(suggestion.map { "$" + $0 }),
              help: "add it to the parameters after 'def \(block)'")
    }

    /// `noun` is `repeat block`, `branch` or `block`.
    static func unterminatedBlock(_ noun: String) -> Message {
        error("expected '}' to close the \(noun)")
    }

    static func wrongArgumentCount(_ usage: String, expected: Int, found: Int) -> Message {
        error("'\(usage)' takes \(expected) \(expected == 1 ? "argument" : "arguments"), not \(found)")
    }

    // MARK: Building blocks

    /// An error whose id is the name of the factory that calls this (`unknownLayer` ->
    /// `unknown-layer`), so an id cannot drift from the message it names.
    static func error(_ text: String, help: String? = nil, factory: String = #function) -> Message {
        Message(id: id(of: factory), severity: .error, text: text, help: help)
    }

    static func warning(_ text: String, help: String? = nil, factory: String = #function) -> Message {
        Message(id: id(of: factory), severity: .warning, text: text, help: help)
    }

    /// A note, with its own id from its factory (`noteDefined` -> `note-defined`).
    static func note(_ text: String, factory: String = #function) -> Message {
        Message(id: id(of: factory), severity: .note, text: text, help: nil)
    }

    /// `unknownLayer(_:suggestion:)` -> `unknown-layer`, `fixedFilterNeeds3x3` -> `fixed-filter-needs-3x3`:
    /// the name before any argument list, a dash before each capital and before a number that follows a word.
    /// Factory names are ASCII; bytes keep this cheap when a flood makes a million messages.
    static func id(of name: String) -> String {
        var id: [UInt8] = []
        var previousIsLetter = false, seenDigit = false
        for byte in name.utf8 {
            guard byte != UInt8(ascii: "(") else { break }
            let isUpper = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            let startsNumber = isDigit && previousIsLetter && !seenDigit
            if (isUpper || startsNumber) && !id.isEmpty { id.append(UInt8(ascii: "-")) }
            id.append(isUpper ? byte + 32 : byte)
            previousIsLetter = isUpper || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            seenDigit = seenDigit || isDigit
        }
        return String(decoding: id, as: UTF8.self)
    }

    static func didYouMean(_ suggestion: String?) -> String {
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
