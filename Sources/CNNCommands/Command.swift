/// One `cnnc` subcommand: its help text, its options, and what it does.
///
/// A new command is one file with a type conforming to this, added to `CLI.commands`.
public protocol Command {
    static var name: String { get }
    /// One line for `cnnc --help`.
    static var abstract: String { get }
    /// Longer help: what the command prints, exit codes, examples.
    static var discussion: String { get }
    static var positionals: [Positional] { get }
    static var options: [Option] { get }

    /// Runs with `arguments` already split by `options`. Usage problems throw `UsageError`,
    /// data problems `CommandFailure` (or any error whose description says what is wrong).
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode
}

extension Command {
    static var usage: String {
        (["cnnc", name] + positionals.map(\.name) + (options.isEmpty ? [] : ["[options]"])).joined(separator: " ")
    }
}
