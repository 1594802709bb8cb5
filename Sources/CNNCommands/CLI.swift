import CNNDiagnostics

/// The `cnnc` command line: dispatch, help, version, and the one place errors become text.
public enum CLI {
    public static let version = "0.1.0"

    /// Every subcommand, in the order help lists them.
    public static var commands: [any Command.Type] {
        [CheckCommand.self, SummaryCommand.self, RunCommand.self, TrainCommand.self, EvalCommand.self,
         EmitCommand.self, GraphCommand.self, ImportCommand.self]
    }

    /// Runs `cnnc` with `arguments` (without the program name) and returns the exit code.
    /// Runs a command line given as the bytes of each argument, as `argv` holds them. An argument
    /// that is not UTF-8 (a file name from another encoding) is refused by position: every path
    /// cnnc opens is a Swift string, which cannot name that file.
    public static func run(argumentBytes: [[UInt8]], context: CommandContext) -> ExitCode {
        var arguments: [String] = []
        for (index, bytes) in argumentBytes.enumerated() {
            guard let argument = String(validating: bytes, as: UTF8.self) else {
                let shown = bytes.map { (32..<127).contains($0) ? String(UnicodeScalar($0)) : "\\x" + hex($0) }
                context.write("cnnc: error: \(UsageError.notUTF8(position: index + 1, shown: shown.joined()))\n"
                              + "See 'cnnc --help'.\n", .error)
                return .usage
            }
            arguments.append(argument)
        }
        return run(arguments, context: context)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    public static func run(_ arguments: [String], context: CommandContext) -> ExitCode {
        do {
            return try dispatch(arguments, context: context)
        } catch let error as UsageError {
            var text = "cnnc: error: \(error)\n"
            // The command whose help explains the mistake: the error's, or else the one being run.
            let attempted = arguments.first.flatMap { name in commands.first { $0.name == name }?.name }
            if let command = error.command ?? attempted {
                text += "Usage: \(commands.first { $0.name == command }.map { $0.usage } ?? "cnnc \(command)")\n"
                text += "See 'cnnc help \(command)'.\n"
            } else {
                text += "See 'cnnc --help'.\n"
            }
            context.write(text, .error)
            return .usage
        } catch is Interrupted {
            context.write("cnnc: interrupted\n", .error)
            return .interrupted
        } catch {
            context.write("cnnc: error: \(error)\n", .error)
            return .failure
        }
    }

    private static func dispatch(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        guard let first = arguments.first else {
            context.write(HelpText.general(), .error)
            throw UsageError.noCommand
        }
        switch first {
        case "--help", "-h":
            context.print(HelpText.general())
            return .success
        case "--version":
            context.print("cnnc \(version)")
            return .success
        case "help":
            guard let name = arguments.dropFirst().first else {
                context.print(HelpText.general())
                return .success
            }
            context.print(HelpText.command(try command(named: name)))
            return .success
        default:
            let command = try command(named: first)
            let rest = Array(arguments.dropFirst())
            if rest.contains("--help") || rest.contains("-h") {
                context.print(HelpText.command(command))
                return .success
            }
            let parsed = try ParsedArguments(rest, command: command.name, options: command.options)
            return try command.run(parsed, context: context)
        }
    }

    private static func command(named name: String) throws(UsageError) -> any Command.Type {
        guard let command = commands.first(where: { $0.name == name }) else {
            throw .unknownCommand(name, suggestion: Suggestion.closest(to: name, among: commands.map { $0.name }))
        }
        return command
    }
}
