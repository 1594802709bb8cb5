import CNNCommands
import CNNTestSupport
import Foundation
import Testing

/// `-` as SPEC reads the spec from standard input, for every command, and names it `<stdin>`.
@Suite struct StandardInputTests {
    static let spec = TrainCommandTests.spec

    /// Each command given `-` prints what it prints for the same spec in a file, with the file's
    /// name replaced by `<stdin>` (timings aside).
    @Test(arguments: [
        ["check"], ["summary"], ["summary", "--format", "json"], ["emit", "--target", "pytorch"], ["graph", "--format", "dot"],
        ["run", "--random", "2"],
    ])
    func aSpecOnStandardInputIsTheSpecInAFile(arguments: [String]) throws {
        let file = try temporarySpec(Self.spec)
        defer { try? FileManager.default.removeItem(at: file.folder) }
        let rest = Array(arguments.dropFirst())
        let fromFile = CommandRunner().run([arguments[0], file.path] + rest)
        let fromInput = CommandRunner(standardInput: Self.spec).run([arguments[0], "-"] + rest)
        #expect(fromInput.code == .success && fromFile.code == .success, "\(fromInput.error)")
        func comparable(_ text: String, name: String) -> [String] {
            text.replacingOccurrences(of: name, with: "SPEC").split(separator: "\n").map(String.init)
                .filter { !$0.contains("images/s") && !$0.contains("\"timing\"") }
        }
        // A picture is titled with the file's base name (model), or <stdin>.
        let fileName = arguments[0] == "graph" ? "\"model\"" : file.path
        let inputName = arguments[0] == "graph" ? "\"<stdin>\"" : "<stdin>"
        #expect(comparable(fromInput.output, name: inputName) == comparable(fromFile.output, name: fileName))
        #expect(comparable(fromInput.error, name: "<stdin>") == comparable(fromFile.error, name: file.path))
    }

    @Test func trainAndEvalReadTheSpecFromStandardInput() throws {
        let folder = try temporarySpec(Self.spec)
        defer { try? FileManager.default.removeItem(at: folder.folder) }
        let weights = folder.folder.appendingPathComponent("w.safetensors").path
        let runner = CommandRunner(standardInput: Self.spec)
        let train = runner.run("train", "-", "--data", TrainCommandTests.digits, "--epochs", "1", "--save", weights)
        #expect(train.code == .success, "\(train.error)")
        #expect(train.output.hasPrefix("training <stdin> on 1438 images"))
        let eval = runner.run("eval", "-", "--weights", weights, "--data", TrainCommandTests.digits)
        #expect(eval.code == .success, "\(eval.error)")
        #expect(eval.output.hasPrefix("accuracy "))
    }

    /// Diagnostics name `<stdin>`; an empty standard input is an empty spec (exit 1), as is a
    /// device such as /dev/null, which is read like any file.
    @Test func diagnosticsNameStandardInput() {
        let broken = CommandRunner(standardInput: "input 8x8x1\nconv 4 9x9\n").run("check", "-")
        #expect(broken.code == .failure)
        #expect(broken.error.hasPrefix("<stdin>:2:8: error: kernel 9x9 is larger than its input 8x8\n"))
        let empty = CommandRunner().run("check", "-")
        #expect(empty.code == .failure)
        #expect(empty.error.hasPrefix("<stdin>:1:1: error: the spec has no layers\n"))
        let device = CommandRunner().run("check", "/dev/null")
        #expect(device.code == .failure)
        #expect(device.error.hasPrefix("/dev/null:1:1: error: the spec has no layers\n"))
    }
}
