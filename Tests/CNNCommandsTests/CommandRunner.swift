import CNNCommands
import CNNTestSupport
import Foundation

/// Runs `cnnc` in-process with captured output, as a user at a shell would see it.
struct CommandRunner {
    var environment: [String: String] = [:]
    var terminal = false
    /// What the command reads from standard input (`-` as SPEC).
    var standardInput = ""

    struct Result {
        var code: ExitCode
        var output: String
        var error: String

        /// Runs `body` on a context that captures both streams, for commands that need a context
        /// of their own (an interrupt, standard input).
        static func collecting(_ body: (CommandContext) -> ExitCode) -> Result {
            let captured = Captured()
            let code = body(CommandContext(write: { text, stream in captured.append(text, to: stream) }))
            return Result(code: code, output: captured.output, error: captured.error)
        }
    }

    func run(_ arguments: String...) -> Result { run(arguments) }

    func run(_ arguments: [String]) -> Result { run(bytes: arguments.map { Array($0.utf8) }) }

    /// Runs the command line as `main` does, from each argument's bytes.
    func run(bytes arguments: [[UInt8]]) -> Result {
        let captured = Captured()
        let terminal = self.terminal
        let input = Array(standardInput.utf8)
        let context = CommandContext(
            write: { text, stream in captured.append(text, to: stream) },
            environment: environment, isTerminal: { _ in terminal }, readStandardInput: { input })
        let code = CLI.run(argumentBytes: arguments, context: context)
        return Result(code: code, output: captured.output, error: captured.error)
    }
}

/// Output collected from a command; commands may write from worker threads, hence the lock.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [CommandContext.Stream: String] = [:]

    func append(_ text: String, to stream: CommandContext.Stream) {
        lock.withLock { streams[stream, default: ""] += text }
    }

    var output: String { lock.withLock { streams[.output] ?? "" } }
    var error: String { lock.withLock { streams[.error] ?? "" } }
}

/// This target's golden files, in `Tests/CNNCommandsTests/Golden`.
let Golden = GoldenFiles(testFile: #filePath)

/// A spec file in a fresh temporary folder, removed by the caller's `defer`.
func temporarySpec(_ text: String, name: String = "model.cnn") throws -> (path: String, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return (url.path, folder)
}
