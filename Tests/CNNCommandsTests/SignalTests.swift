import CNNEngine
import CNNTestSupport
import Foundation
import Testing

/// The real `cnnc` process under SIGTERM (issue 12, item 12): training saves and exits 143.
/// (Ctrl-C takes the same path; `run` stopping on it is tested in-process in RefusalTests.)
@Suite struct SignalTests {

    /// The `cnnc` executable built beside the test bundle, if any.
    static let executable: URL? = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = directory.appendingPathComponent("cnnc")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }()

    /// Starts `cnnc arguments`, waits until its standard output contains `marker` (or it ends, or
    /// two minutes pass), sends `signal`, and returns the exit status and both streams.
    private func run(_ arguments: [String], signal: Int32, after marker: String) throws
        -> (status: Int32, output: String, error: String)
    {
        guard let executable = Self.executable else { throw CancellationError() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let seen = Captured()
        output.fileHandleForReading.readabilityHandler = { handle in
            seen.append(String(decoding: handle.availableData, as: UTF8.self), to: .output)
        }
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, !seen.output.contains(marker), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, seen.output + rest,
                String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test(.enabled(if: executable != nil, "needs the cnnc executable beside the test bundle"),
          arguments: [(Int32(SIGTERM), Int32(143))])
    func trainingSavesOnASignal(signal: Int32, status: Int32) throws {
        let spec = try temporarySpec(TrainCommandTests.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let weights = spec.folder.appendingPathComponent("w.safetensors")
        let result = try run(["train", spec.path, "--data", TrainCommandTests.digits, "--epochs", "100000",
                              "--save", weights.path], signal: signal, after: "1/100000  loss ")
        #expect(result.status == status, "\(result.error)")
        #expect(result.error.contains("cnnc: interrupted after "))
        #expect(result.output.hasSuffix("saved \(weights.path)\n"))
        let saved = try SafetensorsFile.read(from: weights)
        #expect(Int(saved.metadata["epochs"] ?? "") ?? 0 >= 1)
    }
}
