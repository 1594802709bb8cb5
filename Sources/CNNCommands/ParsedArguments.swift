import CNNDiagnostics
import CNNFrontEnd
import CNNModel

/// A command's arguments split into positionals and options, with typed accessors that turn any
/// malformed value into a `UsageError` naming the option and what it expects.
public struct ParsedArguments: Sendable {
    public let command: String
    public private(set) var positionals: [String] = []
    /// Values and switches given, keyed by the option's name (whichever spelling was typed).
    private var values: [String: String] = [:]
    private var switches: Set<String> = []
    /// The command's options by name, to catch reading an option the command does not declare.
    private let declared: Set<String>

    /// Splits `arguments` by `options`. `--` ends the options; `-` alone is a positional (stdin).
    public init(_ arguments: [String], command: String, options: [Option]) throws(UsageError) {
        self.command = command
        declared = Set(options.map(\.name))
        let bySpelling = Dictionary(options.flatMap { option in option.spellings.map { ($0, option) } },
                                    uniquingKeysWith: { first, _ in first })
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            let (spelling, inlineValue) = ParsedArguments.split(argument)
            guard let option = bySpelling[spelling] else {
                throw .unknownOption(spelling, command: command,
                                     suggestion: Suggestion.closest(to: spelling, among: options.flatMap(\.spellings)))
            }
            if option.takesValue {
                if let inlineValue {
                    values[option.name] = inlineValue
                } else if index < arguments.count, !ParsedArguments.looksLikeOption(arguments[index]) {
                    values[option.name] = arguments[index]
                    index += 1
                } else {
                    throw .missingValue(option: spelling)
                }
            } else {
                guard inlineValue == nil else { throw .unexpectedValue(option: spelling) }
                switches.insert(option.name)
            }
        }
    }

    /// `--name=value` into its two halves; `--name` alone has no value.
    private static func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// A following `-3` is a value (a negative number), `--seed` or `-x` is not.
    private static func looksLikeOption(_ argument: String) -> Bool {
        argument.hasPrefix("-") && argument != "-" && Double(argument) == nil
    }

    /// The raw value of `option`, or nil when it was not given.
    public func string(_ option: Option) -> String? { values[key(option)] }

    /// Whether `option` was given (a switch, or an option with a value).
    public func isSet(_ option: Option) -> Bool { switches.contains(key(option)) || values[key(option)] != nil }

    /// `option`'s key, checking that the command declares it: reading an undeclared option is a bug.
    private func key(_ option: Option) -> String {
        assert(declared.contains(option.name), "'\(command)' reads \(option.name) but does not declare it")
        return option.name
    }

    /// The single positional `name` (e.g. `SPEC`); extra positionals are an error.
    public func onlyPositional(_ name: String) throws(UsageError) -> String {
        guard let first = positionals.first else { throw .missingArgument(name: name, command: command) }
        if positionals.count > 1 { throw .unexpectedArgument(positionals[1], command: command) }
        return first
    }

    public func int(_ option: Option, default value: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = string(option) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .invalidValue(option: option.name, value: text, expected: ParsedArguments.describe(range))
        }
        return number
    }

    public func uint64(_ option: Option, default value: UInt64) throws(UsageError) -> UInt64 {
        guard let text = string(option) else { return value }
        guard let number = UInt64(text) else {
            throw .invalidValue(option: option.name, value: text, expected: "a whole number from 0 to \(UInt64.max)")
        }
        return number
    }

    /// A finite number in `range` (learning rates, momentum).
    public func double(_ option: Option, default value: Double, in range: ClosedRange<Double>) throws(UsageError) -> Double {
        guard let text = string(option) else { return value }
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw .invalidValue(option: option.name, value: text, expected: "a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// One of `choices` (`--format table|json`).
    public func choice<Choice: RawRepresentable & CaseIterable>(_ option: Option, default value: Choice)
        throws(UsageError) -> Choice where Choice.RawValue == String
    {
        guard let text = string(option) else { return value }
        guard let choice = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue)
            throw .invalidValue(option: option.name, value: text, expected: "one of " + names.joined(separator: ", "))
        }
        return choice
    }

    /// `--input HxWxC` (or `HxW`); nil when not given.
    public func shape(_ option: Option) throws(UsageError) -> Shape? {
        guard let text = string(option) else { return nil }
        guard let shape = Compiler.parseShape(text) else {
            throw .invalidValue(option: option.name, value: text, expected: "a shape HxWxC or HxW of positive sizes, like 28x28x1")
        }
        return shape
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "a whole number of at least \(range.lowerBound)"
            : "a whole number from \(range.lowerBound) to \(range.upperBound)"
    }
}
