import Foundation

/// Everything a command touches outside its arguments, injected so tests run commands in-process.
public struct CommandContext: Sendable {
    public var write: @Sendable (_ text: String, _ stream: Stream) -> Void
    public var environment: [String: String]
    /// Whether each stream is a terminal: colour and progress bars only go to terminals.
    public var isTerminal: @Sendable (Stream) -> Bool
    /// Set by Ctrl-C; long commands (training) check it between batches.
    public var isInterrupted: @Sendable () -> Bool
    /// The width in columns of the terminal on standard error, if it says (`ioctl(TIOCGWINSZ)`);
    /// `COLUMNS` in `environment` wins over it (`ProgressBar.columns`).
    public var terminalColumns: @Sendable () -> Int?
    /// All of standard input, read when a command is given `-` as its SPEC; nil if it cannot be read.
    public var readStandardInput: @Sendable () -> [UInt8]?

    public enum Stream: Sendable { case output, error }

    public init(write: @escaping @Sendable (String, Stream) -> Void, environment: [String: String] = [:],
                isTerminal: @escaping @Sendable (Stream) -> Bool = { _ in false },
                isInterrupted: @escaping @Sendable () -> Bool = { false },
                terminalColumns: @escaping @Sendable () -> Int? = { nil },
                readStandardInput: @escaping @Sendable () -> [UInt8]? = { [] }) {
        self.write = write
        self.environment = environment
        self.isTerminal = isTerminal
        self.isInterrupted = isInterrupted
        self.terminalColumns = terminalColumns
        self.readStandardInput = readStandardInput
    }

    /// This context with another interrupt check (tests stop a command this way).
    public func with(isInterrupted: @escaping @Sendable () -> Bool) -> CommandContext {
        var copy = self
        copy.isInterrupted = isInterrupted
        return copy
    }

    public func print(_ text: String) { write(text.hasSuffix("\n") ? text : text + "\n", .output) }
    public func printError(_ text: String) { write(text.hasSuffix("\n") ? text : text + "\n", .error) }

    /// Colour on standard error only on a terminal, never with NO_COLOR set to a value (no-color.org:
    /// set but empty does not count), and never on `TERM=dumb`, which has no escape sequences.
    public var colorsErrors: Bool {
        isTerminal(.error) && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// The real process: standard output and error, the environment, terminals as `isatty` says.
    public static func process(isInterrupted: @escaping @Sendable () -> Bool = { false }) -> CommandContext {
        CommandContext(
            write: { text, stream in
                let handle = stream == .output ? FileHandle.standardOutput : FileHandle.standardError
                handle.write(Data(text.utf8))
            },
            environment: ProcessInfo.processInfo.environment,
            isTerminal: { stream in isatty(stream == .output ? STDOUT_FILENO : STDERR_FILENO) == 1 },
            isInterrupted: isInterrupted,
            terminalColumns: {
                var size = winsize()
                guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
                return Int(size.ws_col)
            },
            readStandardInput: {
                do { return Array(try FileHandle.standardInput.readToEnd() ?? Data()) } catch { return nil }
            })
    }
}
