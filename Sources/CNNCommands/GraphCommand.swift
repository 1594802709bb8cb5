import CNNEmitters
import Foundation

/// `cnnc graph SPEC --format dot|svg`: a picture of the network.
enum GraphCommand: Command {
    static let name = "graph"
    static let abstract = "Draw the network: Graphviz DOT, or an SVG drawn by cnnc itself"
    static let discussion = """
        One box per layer with its name, settings, output shape and parameters, arrows between them.
        The SVG needs no Graphviz. Without --format the format follows the -o file's extension;
        a --format that contradicts it is refused (exit 2). A spec with errors draws nothing (exit 1).
        """
    static let positionals = [CheckCommand.spec]
    static let format = Option("--format", value: "FORMAT",
                               help: "svg or dot (default: from the -o file's extension, .svg or .dot/.gv; else svg)")
    static let options = [CheckCommand.input, format, OutputDestination.option]

    enum Format: String, CaseIterable {
        case svg, dot

        /// The format a file name's extension names (`.svg`; `.dot` or `.gv`), nil for any other.
        init?(extension name: String) {
            switch name.lowercased() {
            case "svg": self = .svg
            case "dot", "gv": self = .dot
            default: return nil
            }
        }
    }

    /// `--format`, else the output file's extension, else SVG. A format that contradicts the
    /// extension (`--format svg -o l.dot`) is refused rather than writing SVG into a `.dot` file,
    /// and so is an extension that names no format when `--format` does not say.
    static func chooseFormat(_ arguments: ParsedArguments) throws(UsageError) -> Format {
        let given: Format? = arguments.isSet(format) ? try arguments.choice(format, default: Format.svg) : nil
        guard let path = arguments.string(OutputDestination.option) else { return given ?? .svg }
        let fileExtension = URL(fileURLWithPath: path).pathExtension
        let implied = Format(extension: fileExtension)
        switch (given, implied) {
        case let (given?, implied?) where given != implied:
            throw .formatMismatch(option: "\(format.name) \(given.rawValue)", path: path, implied: implied.rawValue)
        case (nil, nil) where !fileExtension.isEmpty:
            throw .unknownFormat(path: path, known: ".svg, .dot or .gv", option: format.name)
        default:
            return given ?? implied ?? .svg
        }
    }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        let chosenFormat = try chooseFormat(arguments)
        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        let title = URL(fileURLWithPath: spec.path).deletingPathExtension().lastPathComponent
        let picture = chosenFormat == .svg ? SVGRenderer.render(spec.model, title: title) : DotEmitter.emit(spec.model, title: title)
        try OutputDestination.write(picture, arguments: arguments, context: context)
        return .success
    }
}
