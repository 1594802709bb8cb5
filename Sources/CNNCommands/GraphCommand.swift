import CNNEmitters
import Foundation

/// `cnnc graph SPEC --format dot|svg`: a picture of the network.
enum GraphCommand: Command {
    static let name = "graph"
    static let abstract = "Draw the network: Graphviz DOT, or an SVG drawn by cnnc itself"
    static let discussion = """
        One box per layer with its name, settings, output shape and parameters, arrows between them.
        The SVG needs no Graphviz. A spec with errors draws nothing (exit 1).
        """
    static let positionals = [Positional("SPEC", help: "The spec file (.cnn)")]
    static let format = Option("--format", value: "FORMAT", help: "svg (default) or dot")
    static let options = [CheckCommand.input, format, OutputDestination.option]

    enum Format: String, CaseIterable { case svg, dot }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        let chosenFormat = try arguments.choice(format, default: Format.svg)
        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        let title = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let picture = chosenFormat == .svg ? SVGRenderer.render(spec.model, title: title) : DotEmitter.emit(spec.model, title: title)
        try OutputDestination.write(picture, arguments: arguments, context: context)
        return .success
    }
}
