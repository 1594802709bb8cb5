import Dispatch
import Foundation

/// Splits kernel work over the machine's cores, but only when the work pays for the hand-off.
enum Parallel {
    /// Cores available to this process (2 on the reference machine).
    static let coreCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Multiply-accumulates below which a kernel stays on the calling thread: waking a second
    /// thread costs a few microseconds, as much as a few hundred thousand MACs.
    static let minimumParallelWork = 400_000

    /// Work at which a kernel is cut into several parts per core: Dispatch hands parts out to
    /// threads as they become free, so a core slowed by another process takes fewer of them.
    static let finelySplitWork = 4_000_000

    /// How many parts to split `work` (in MACs or touched floats) into, at most `limit`.
    static func parts(forWork work: Int, limit: Int) -> Int {
        guard work >= minimumParallelWork, coreCount > 1 else { return 1 }
        let perCore = work >= finelySplitWork ? 4 : 1
        return max(1, min(coreCount * perCore, limit))
    }

    /// Runs `body(part)` for every part in `0..<parts`, concurrently when there is more than one.
    static func run(parts: Int, _ body: @Sendable (Int) -> Void) {
        if parts <= 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts, execute: body)
        }
    }

    /// The half-open range of part `part` when `count` items are split into `parts` nearly equal
    /// runs whose boundaries fall on multiples of `granule`.
    static func range(part: Int, of parts: Int, count: Int, granule: Int = 1) -> Range<Int> {
        let units = (count + granule - 1) / granule
        let lower = min(count, units * part / parts * granule)
        let upper = min(count, units * (part + 1) / parts * granule)
        return lower..<upper
    }
}
