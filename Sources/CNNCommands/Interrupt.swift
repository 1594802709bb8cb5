import Foundation

/// Ctrl-C (SIGINT) and SIGTERM, which `timeout`, schedulers and systemd send, as a request to stop.
///
/// Outside `stoppingCleanly` a signal ends the process at once (exit 130 or 143): quick commands
/// have nothing to save. Inside it, the first signal only sets a flag that the long commands
/// check between batches (`train` then saves what it has trained, `run` and `eval` stop); a
/// second signal ends the process at once.
public enum Interrupt {
    nonisolated(unsafe) private static var received: sig_atomic_t = 0
    nonisolated(unsafe) private static var stopsCleanly: sig_atomic_t = 0

    /// Installs the handler for SIGINT and SIGTERM, and unblocks both in case the parent process
    /// started cnnc with them blocked; call once at start-up.
    public static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM] {
            sigaddset(&signals, number)
            signal(number) { number in
                if Interrupt.received != 0 || Interrupt.stopsCleanly == 0 { _exit(128 + number) }
                Interrupt.received = number
            }
        }
        sigprocmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Runs `body` with signals setting `isRequested` instead of ending the process.
    public static func stoppingCleanly<T>(_ body: () throws -> T) rethrows -> T {
        stopsCleanly = 1
        defer { stopsCleanly = 0 }
        return try body()
    }

    public static let isRequested: @Sendable () -> Bool = { received != 0 }

    /// The shell's status for the signal received: 143 after SIGTERM, 130 after Ctrl-C.
    public static var exitStatus: Int32 { received == SIGTERM ? 143 : 130 }
}

/// Thrown by a command that stopped early because `CommandContext.isInterrupted` said so.
struct Interrupted: Error, CustomStringConvertible {
    var description: String { "interrupted" }
}
