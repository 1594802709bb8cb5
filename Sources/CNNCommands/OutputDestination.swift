import CNNEngine
import Foundation

/// Where generated text goes: standard output, or a file written atomically (never half-written).
enum OutputDestination {
    static let option = Option("--output", aliases: ["-o"], value: "FILE",
                               help: "Write to FILE (atomically) instead of standard output")

    /// Writes `text`; a file written is then named on standard output (`wrote l.dot`), as `train`
    /// names what it saved, so a user sees where the result went.
    static func write(_ text: String, arguments: ParsedArguments, context: CommandContext) throws {
        guard let path = arguments.string(option) else {
            context.write(text, .output)
            return
        }
        try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
        context.print(wroteMessage(path))
    }

    /// `wrote PATH`, the line every command prints after writing a file it was asked for.
    static func wroteMessage(_ path: String, detail: String? = nil) -> String {
        "wrote \(path)" + (detail.map { " (\($0))" } ?? "")
    }

    /// The output file's name without extension, for titles and type names; nil for stdout.
    static func baseName(_ arguments: ParsedArguments) -> String? {
        arguments.string(option)
            .map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
    }
}
