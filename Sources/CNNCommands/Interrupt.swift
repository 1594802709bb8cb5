import Foundation

/// Ctrl-C as a flag: the first SIGINT asks long commands to stop cleanly (training saves what
/// it has); a second one ends the process at once.
public enum Interrupt {
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    /// Installs the handler; call once at start-up.
    public static func install() {
        signal(SIGINT) { _ in
            if Interrupt.requested != 0 { _exit(130) }
            Interrupt.requested = 1
        }
    }

    public static let isRequested: @Sendable () -> Bool = { requested != 0 }
}
