/// Help pages, generated from the commands' declarations so they never drift from the parser.
enum HelpText {
    static func general() -> String {
        let width = CLI.commands.map { $0.name.count }.max() ?? 0
        var lines = [
            "cnnc \(CLI.version): a compiler and engine for convolutional neural networks",
            "",
            "Usage: cnnc COMMAND [arguments] [options]",
            "",
            "Commands:",
        ]
        for command in CLI.commands {
            lines.append("  " + pad(command.name, width) + "  " + command.abstract)
        }
        lines += [
            "",
            "Options:",
            "  --help     Show this help; 'cnnc help COMMAND' or 'cnnc COMMAND --help' for one command",
            "  --version  Show the version",
            "",
            "Example: cnnc summary Specs/lenet5.cnn",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func command(_ command: any Command.Type) -> String {
        var lines = ["Usage: \(command.usage)", "", command.abstract]
        if !command.discussion.isEmpty { lines += ["", command.discussion] }
        if !command.positionals.isEmpty {
            let width = command.positionals.map(\.name.count).max() ?? 0
            lines += ["", "Arguments:"]
            lines += command.positionals.map { "  " + pad($0.name, width) + "  " + $0.help }
        }
        let options = command.options + [Option("--help", help: "Show this help")]
        let width = options.map(\.synopsis.count).max() ?? 0
        lines += ["", "Options:"]
        lines += options.map { "  " + pad($0.synopsis, width) + "  " + $0.help }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
