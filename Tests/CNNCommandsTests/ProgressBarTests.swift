@testable import CNNCommands
import CNNEngine
import CNNTestSupport
import Foundation
import Testing

/// The live line of `cnnc train`: what it shows at each width, how it replaces the line before,
/// and what a real terminal receives.
@Suite struct ProgressBarTests {
    static let midEpoch = TrainingProgress(epoch: 3, epochs: 30, batch: 21, batches: 45, loss: 0.27114, accuracy: 0.9184)

    /// 2.4 s for 21 of 45 batches leaves 24 batches, about 2.7 s: `0:02<0:03`, as tqdm writes it.
    @Test(arguments: [
        (120, "epoch 3/30 [#######################...........................] 21/45 0:02<0:03 loss 0.2711 acc 91.8%"),
        (80, "epoch 3/30 [#############...............] 21/45 0:02<0:03 loss 0.2711 acc 91.8%"),
        // 40 columns: the accuracy and loss give way before the bar does.
        (40, "epoch 3/30 [####......] 21/45 0:02<0:03"),
        (30, "epoch 3/30 21/45 0:02<0:03"),
        (12, "epoch 3/30"), (8, "epoch 3"),
    ])
    func lineFitsTheWidth(width: Int, expected: String) {
        let line = ProgressBar.line(Self.midEpoch, width: width, elapsed: 2.4)
        #expect(line == expected)
        // Never the last column, where a terminal may wrap.
        #expect(line.count < width)
    }

    /// A finished epoch: a full bar and nothing left. Where a bar would be under 10 columns the
    /// line keeps the loss instead.
    @Test func aFinishedEpochHasAFullBarAndNothingLeft() {
        let done = TrainingProgress(epoch: 30, epochs: 30, batch: 45, batches: 45, loss: 0.05, accuracy: 1)
        #expect(ProgressBar.line(done, width: 41, elapsed: 75) == "epoch 30/30 [##########] 45/45 1:15<0:00")
        #expect(ProgressBar.line(done, width: 40, elapsed: 75) == "epoch 30/30 45/45 1:15<0:00 loss 0.0500")
    }

    @Test func redrawClearsWhatALongerLineLeft() {
        #expect(ProgressBar.redraw("epoch 1/2") == "\repoch 1/2\u{1B}[K")
    }

    @Test(arguments: [(0.0, "0:00"), (59.4, "0:59"), (65, "1:05"), (3723, "1:02:03"), (.nan, "0:00"), (-3, "0:00")])
    func clockReadsLikeTqdm(seconds: Double, expected: String) {
        #expect(ProgressBar.clock(seconds) == expected)
    }

    /// COLUMNS wins, then the terminal's own width, then 80.
    @Test(arguments: [(["COLUMNS": "40"], 100, 40), ([:], 100, 100), (["COLUMNS": "wide"], 100, 100), ([:], nil, 80)])
    func columnsComeFromTheEnvironmentThenTheTerminal(environment: [String: String], terminal: Int?, expected: Int) {
        let context = CommandContext(write: { _, _ in }, environment: environment, terminalColumns: { terminal })
        #expect(ProgressBar.columns(in: context) == expected)
    }

    /// Through the command on a (pretend) 40-column terminal: every redraw returns to the line's
    /// start, fits in 39 columns, and erases what was left; the epoch line then replaces the bar.
    @Test func trainDrawsTheBarOnATerminal() throws {
        let spec = try temporarySpec(TrainCommandTests.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let weights = spec.folder.appendingPathComponent("w.safetensors").path
        let result = CommandRunner(environment: ["COLUMNS": "40"], terminal: true)
            .run("train", spec.path, "--data", TrainCommandTests.digits, "--epochs", "2", "--save", weights)
        #expect(result.code == .success, "\(result.error)")
        let redraws = result.error.split(separator: "\r", omittingEmptySubsequences: true)
        #expect(redraws.count >= 4, "\(result.error.debugDescription)")
        for redraw in redraws {
            #expect(redraw.hasSuffix("\u{1B}[K"), "\(redraw.debugDescription)")
            #expect(redraw.dropLast(3).count < 40, "\(redraw.debugDescription)")
        }
        #expect(redraws.contains { $0.hasPrefix("epoch 2/2 [###########] 45/45 ") })
        // Each epoch ends by erasing the bar before its line is printed.
        #expect(redraws.filter { $0 == "\u{1B}[K" }.count == 2)
        #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("epoch ") }.count == 2)
    }

    /// The built `cnnc` in a real pseudo-terminal of 40 columns (`script` runs it; `stty` sets the
    /// width that `ioctl(TIOCGWINSZ)` reads, with COLUMNS unset): nothing it draws wraps.
    @Test(.enabled(if: SignalTests.executable != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
                   "needs the cnnc executable and util-linux script"))
    func trainFitsARealFortyColumnTerminal() throws {
        let spec = try temporarySpec(TrainCommandTests.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let executable = try #require(SignalTests.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = "stty cols 40 rows 24; exec '\(executable.path)' train '\(spec.path)' --data '\(TrainCommandTests.digits)'"
            + " --epochs 2"
        process.arguments = ["-qfc", command, "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "COLUMNS" }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        let bars = text.split(whereSeparator: { $0 == "\r" || $0 == "\n" })
            .map { $0.replacingOccurrences(of: "\u{1B}[K", with: "") }
            .filter { $0.hasPrefix("epoch ") && $0.contains("[") }
        #expect(!bars.isEmpty, "\(text.debugDescription)")
        for bar in bars { #expect(bar.count < 40, "\(bar)") }
        #expect(bars.contains { $0.hasPrefix("epoch 2/2 [###########] 45/45 ") }, "\(bars)")
    }
}
