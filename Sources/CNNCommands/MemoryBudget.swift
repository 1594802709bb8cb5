import CNNEngine
import CNNModel
import Foundation

/// The memory a command may use, and the check that refuses a plan beyond it before anything is
/// allocated: by default the machine's physical memory (or the container's limit, if lower).
enum MemoryBudget {
    static let option = Option("--max-memory", value: "SIZE",
                               help: "Memory the command may use, like 8G or 512M (default: the machine's memory)")

    /// Throws a `CommandFailure` naming the figures when `estimate` exceeds the budget.
    /// `task` says what needs the memory (`running x.cnn at batch 64`).
    static func check(_ estimate: MemoryEstimate, task: String, arguments: ParsedArguments) throws {
        let given = try limit(arguments)
        let available = given ?? machineBytes
        guard estimate.totalBytes > available else { return }
        let parts = estimate.parts.filter { $0.bytes > 0 }.sorted { $0.bytes > $1.bytes }
            .map { "\($0.name) \(CountFormat.bytes($0.bytes))" }.joined(separator: ", ")
        let limitText = given == nil ? "this machine has \(CountFormat.bytes(available))"
            : "--max-memory allows \(CountFormat.bytes(available))"
        throw CommandFailure("\(task) needs about \(CountFormat.bytes(estimate.totalBytes)) of memory (\(parts)),"
            + " but \(limitText); the largest buffer is the output of '\(estimate.largestBuffer.name)',"
            + " \(CountFormat.bytes(estimate.largestBuffer.bytes)). Use a smaller --batch or a smaller input,"
            + " or set --max-memory SIZE to try anyway")
    }

    /// `--max-memory` in bytes: a whole number with an optional binary unit K, M, G or T (`8G`, `512MB`).
    static func limit(_ arguments: ParsedArguments) throws(UsageError) -> Int? {
        guard let text = arguments.string(option) else { return nil }
        var digits = text.uppercased()
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) { digits.removeLast(suffix.count); break }
        var scale = 1
        if let unit = digits.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(unit)] {
            digits.removeLast()
            scale = 1 << (10 * power)
        }
        guard let number = Int(digits), number > 0, number <= Int.max / scale else {
            throw .invalidValue(option: option.name, value: text, expected: "a size such as 8G, 512M or 1048576")
        }
        return number * scale
    }

    /// Physical memory, or the cgroup's (container's) limit when that is lower.
    static var machineBytes: Int {
        let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        let limits = ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"].compactMap { path in
            (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return ([physical] + limits.filter { $0 > 0 }).min() ?? physical
    }
}
