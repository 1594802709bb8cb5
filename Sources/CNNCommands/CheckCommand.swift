/// `cnnc check SPEC`: parse and shape-check a spec, printing every diagnostic.
enum CheckCommand: Command {
    static let name = "check"
    static let abstract = "Check a spec's syntax and shape flow; print every diagnostic"
    static let discussion = """
        Diagnostics go to standard error as file:line:col: severity: message, with the source line,
        a caret and hints. Exit status: 0 clean or warnings only, 1 errors in the spec, 2 usage errors.
        """
    static let positionals = [CheckCommand.spec]
    static let options = [input]

    /// SPEC, which every command but help takes: a file, or `-` for standard input.
    static let spec = Positional("SPEC", help: "The spec file (.cnn), or - to read the spec from standard input")

    /// `--input HxWxC`, which every command that reads a spec accepts.
    static let input = Option("--input", value: "HxWxC", help: "Input shape; overrides the spec's 'input' statement")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        let spec = try SpecLoader.load(path, input: try arguments.shape(input), context: context)
        return spec == nil ? .failure : .success
    }
}
