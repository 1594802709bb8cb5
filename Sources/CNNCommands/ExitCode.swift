/// How a `cnnc` process ends: 0 success (warnings allowed), 1 errors in the spec or its data,
/// 2 a usage error (unknown flag, a missing file or directory), 130 stopped by Ctrl-C (after saving what it could; 143 when SIGTERM stopped it).
public enum ExitCode: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 2
    case interrupted = 130
}
