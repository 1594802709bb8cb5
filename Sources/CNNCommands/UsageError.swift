/// A command line that cannot be run as written. Rendered in one place (`CLI`), exit code 2.
public enum UsageError: Error, Hashable, Sendable {
    case unknownCommand(String, suggestion: String?)
    case unknownOption(String, command: String, suggestion: String?)
    case missingValue(option: String)
    case unexpectedValue(option: String)
    case invalidValue(option: String, value: String, expected: String)
    case missingArgument(name: String, command: String)
    case unexpectedArgument(String, command: String)
    /// `option` is as typed (`--data DIR`); with several, any one of them will do.
    case missingOption(option: String, command: String)
    case missingOneOf(options: [String], command: String)
    /// `option` was given, but only means something with `needed` (`--checkpoint-every` needs `--save`).
    case optionNeedsAnother(option: String, needed: String, command: String)
    case conflictingOptions(String, String)
    case fileNotFound(path: String)
    case directoryNotFound(path: String)
    case unreadableFile(path: String, reason: String)
    /// An output path that cannot or must not be written (`OutputPathCheck`).
    case outputProblem(option: String, path: String, problem: String)
    /// `--format X` given with an output file whose extension names another format.
    case formatMismatch(option: String, path: String, implied: String)
    /// An output file whose extension names no format the command writes, and no `--format`.
    case unknownFormat(path: String, known: String, option: String)
    /// Argument `position` (1 is the command) held bytes that are not UTF-8, shown as `\xNN`.
    case notUTF8(position: Int, shown: String)
    case noCommand
}

extension UsageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unknownCommand(name, suggestion):
            return "unknown command '\(name)'" + didYouMean(suggestion)
        case let .unknownOption(option, command, suggestion):
            return "unknown option '\(option)' for '\(command)'" + didYouMean(suggestion)
        case let .missingValue(option):
            return "option '\(option)' needs a value, as in '\(option) VALUE' or '\(option)=VALUE'"
        case let .unexpectedValue(option):
            return "option '\(option)' takes no value"
        case let .invalidValue(option, value, expected):
            return "invalid value '\(value)' for '\(option)': expected \(expected)"
        case let .missingArgument(name, command):
            return "'\(command)' needs \(name)"
        case let .unexpectedArgument(argument, command):
            return "unexpected argument '\(argument)' for '\(command)'"
        case let .missingOption(option, command):
            return "'\(command)' needs '\(option)'"
        case let .missingOneOf(options, command):
            return "'\(command)' needs " + options.map { "'\($0)'" }.joined(separator: " or ")
        case let .optionNeedsAnother(option, needed, _):
            return "'\(option)' needs '\(needed)'"
        case let .conflictingOptions(first, second):
            return "'\(first)' and '\(second)' cannot be used together"
        case let .fileNotFound(path):
            return "no such file: \(path)"
        case let .directoryNotFound(path):
            return "no such directory: \(path)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .outputProblem(option, path, problem):
            return "cannot write '\(option) \(path)': \(problem)"
        case let .formatMismatch(option, path, implied):
            return "'\(option)' contradicts the output file \(path), whose extension means \(implied);"
                + " rename the file or drop \(option.split(separator: " ")[0])"
        case let .unknownFormat(path, known, option):
            return "cannot tell the format of \(path) from its extension; name it \(known), or give \(option)"
        case let .notUTF8(position, shown):
            return "argument \(position) ('\(shown)') is not valid UTF-8, and cnnc can only name files in UTF-8; "
                + "rename the file, or link to it under a UTF-8 name (ln -s)"
        case .noCommand:
            return "no command given"
        }
    }

    /// The command whose help explains the mistake, if any.
    var command: String? {
        switch self {
        case let .unknownOption(_, command, _), let .missingArgument(_, command),
             let .unexpectedArgument(_, command), let .missingOption(_, command), let .missingOneOf(_, command),
             let .optionNeedsAnother(_, _, command):
            return command
        default:
            return nil
        }
    }

    private func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}

/// A command that ran but failed on its data (a broken weights file, a wrong input shape): exit 1.
public struct CommandFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
