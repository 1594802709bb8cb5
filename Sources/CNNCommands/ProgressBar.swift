import CNNEngine
import CNNModel
import Foundation

/// The live line `train` redraws on standard error when it is a terminal, in the manner of Keras
/// and tqdm: `epoch 3/30 [#########.........] 21/45 0:02<0:03 loss 0.2711 acc 91.8%`.
///
/// Rendering is a pure function of the progress, the terminal's width and the time elapsed, so
/// tests pin it at any width. The line never reaches the last column: a terminal that wraps
/// there would turn every redraw into a new line.
enum ProgressBar {
    /// The widest bar worth drawing; more columns only stretch it.
    static let maximumBarWidth = 50
    /// Narrower than this, the bar says too little and the numbers go first.
    static let minimumBarWidth = 10

    /// The line for `progress`, at most `width - 1` characters. `elapsed` is the epoch's time so far
    /// in seconds; the estimate of what remains assumes the batches to come take as long on average.
    /// What does not fit goes in this order: accuracy, loss, the bar, the times.
    static func line(_ progress: TrainingProgress, width: Int, elapsed: Double) -> String {
        let available = max(width - 1, 1)
        let head = "epoch \(progress.epoch)/\(progress.epochs)"
        let count = "\(progress.batch)/\(progress.batches)"
        let remaining = progress.batch == 0 ? 0
            : elapsed / Double(progress.batch) * Double(max(progress.batches - progress.batch, 0))
        let times = clock(elapsed) + "<" + clock(remaining)
        let loss = "loss " + CountFormat.fixed(progress.loss, decimals: 4)
        let accuracy = "acc " + CountFormat.fixed(progress.accuracy * 100, decimals: 1) + "%"
        let withBar: [[String]] = [[count, times, loss, accuracy], [count, times, loss], [count, times]]
        for tail in withBar {
            let text = tail.joined(separator: " ")
            // `head [bar] tail`: two spaces and two brackets around the bar.
            let barWidth = min(available - head.count - text.count - 4, maximumBarWidth)
            if barWidth >= minimumBarWidth {
                return head + " [" + bar(progress, width: barWidth) + "] " + text
            }
        }
        for parts in [[head, count, times, loss], [head, count, times], [head, count]] {
            let text = parts.joined(separator: " ")
            if text.count <= available { return text }
        }
        let cut = (head + " " + count).prefix(available)
        return String(cut.last == " " ? cut.dropLast() : cut)
    }

    /// The characters that replace the terminal's current line with `line`: back to its start,
    /// the line, then erase what is left of an older, longer line.
    static func redraw(_ line: String) -> String { "\r" + line + "\u{1B}[K" }

    /// The terminal's width: `COLUMNS` when set (as shells export it and users override it),
    /// else what the terminal says, else 80.
    static func columns(in context: CommandContext) -> Int {
        if let text = context.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        if let columns = context.terminalColumns(), columns > 0 { return columns }
        return 80
    }

    /// `0:07`, `12:34` or `1:02:03`, as tqdm shows times.
    static func clock(_ seconds: Double) -> String {
        let total = seconds.isFinite ? Int(max(seconds, 0).rounded()) : 0
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }

    private static func bar(_ progress: TrainingProgress, width: Int) -> String {
        let filled = progress.batches == 0 ? width : min(width * progress.batch / progress.batches, width)
        return String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    }
}
