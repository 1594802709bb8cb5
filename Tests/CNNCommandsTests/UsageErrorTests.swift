import CNNCommands
import CNNTestSupport
import Foundation
import Testing

@Suite struct UsageErrorTests {
    /// Arguments in, the exact message and exit code 2 out.
    @Test(arguments: [
        (["sumary"], "cnnc: error: unknown command 'sumary'; did you mean 'summary'?\nSee 'cnnc --help'.\n"),
        (["summary", "LENET", "--fromat", "json"],
         "cnnc: error: unknown option '--fromat' for 'summary'; did you mean '--format'?\n"
            + "Usage: cnnc summary SPEC [options]\nSee 'cnnc help summary'.\n"),
        (["summary", "LENET", "--format"],
         "cnnc: error: option '--format' needs a value, as in '--format VALUE' or '--format=VALUE'\n" + "Usage: cnnc summary SPEC [options]\nSee 'cnnc help summary'.\n"),
        (["summary", "LENET", "--format=yaml"],
         "cnnc: error: invalid value 'yaml' for '--format': expected one of table, json, markdown, csv\n" + "Usage: cnnc summary SPEC [options]\nSee 'cnnc help summary'.\n"),
        (["summary", "LENET", "--batch", "0"],
         "cnnc: error: invalid value '0' for '--batch': expected a whole number from 1 to 16777216\n" + "Usage: cnnc summary SPEC [options]\nSee 'cnnc help summary'.\n"),
        (["run", "LENET", "--random", "many"],
         "cnnc: error: invalid value 'many' for '--random': expected a whole number from 1 to 1048576\n" + "Usage: cnnc run SPEC [options]\nSee 'cnnc help run'.\n"),
        (["check", "LENET", "--input", "28x"],
         "cnnc: error: invalid value '28x' for '--input': expected a shape HxWxC or HxW of positive sizes, like 28x28x1\n" + "Usage: cnnc check SPEC [options]\nSee 'cnnc help check'.\n"),
        (["check"], "cnnc: error: 'check' needs SPEC\nUsage: cnnc check SPEC [options]\nSee 'cnnc help check'.\n"),
        (["check", "LENET", "extra.cnn"],
         "cnnc: error: unexpected argument 'extra.cnn' for 'check'\nUsage: cnnc check SPEC [options]\nSee 'cnnc help check'.\n"),
        (["check", "missing.cnn"], "cnnc: error: no such file: missing.cnn\n" + "Usage: cnnc check SPEC [options]\nSee 'cnnc help check'.\n"),
        (["help", "trian"], "cnnc: error: unknown command 'trian'; did you mean 'train'?\nSee 'cnnc --help'.\n"),
        (["launch"], "cnnc: error: unknown command 'launch'\nSee 'cnnc --help'.\n"),
    ])
    func usageErrors(arguments: [String], expected: String) {
        let lenet = SpecFiles.path(of: "lenet5.cnn")
        let result = CommandRunner().run(arguments.map { $0 == "LENET" ? lenet : $0 })
        #expect(result.code == .usage)
        #expect(result.error == expected)
        #expect(result.output.isEmpty)
    }

    @Test func noArgumentsPrintsHelpAndFails() {
        let result = CommandRunner().run([])
        #expect(result.code == .usage)
        #expect(result.error.hasPrefix("cnnc 0.1.0: a compiler and engine"))
        #expect(result.error.hasSuffix("cnnc: error: no command given\nSee 'cnnc --help'.\n"))
    }

    @Test func helpAndVersion() {
        let runner = CommandRunner()
        Golden.check(runner.run("--help").output, against: "help/cnnc.txt")
        for command in CLI.commands {
            let viaHelp = runner.run("help", command.name)
            #expect(viaHelp.code == .success)
            #expect(runner.run(command.name, "--help").output == viaHelp.output)
            Golden.check(viaHelp.output, against: "help/\(command.name).txt")
        }
        #expect(runner.run("--version").output == "cnnc \(CLI.version)\n")
    }
}

@Suite struct CheckCommandTests {
    static let lenetWithMistake = """
        input 28x28x1
        conv 6 5x5 relu; avgpool 2
        conv 16 5x5 relu; avgpool 2
        conv 16 5x5 relu
        """

    @Test func errorsExitOneWithRenderedDiagnostics() throws {
        let spec = try temporarySpec(CheckCommandTests.lenetWithMistake, name: "lenet.cnn")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let result = CommandRunner().run("check", spec.path)
        #expect(result.code == .failure)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("\(spec.path):4:9: error: kernel 5x5 is larger than its input 4x4\nconv 16 5x5 relu\n        ^~~\n"))
        #expect(result.error.contains("note: the input of conv3 comes from avgpool2 (4x4x16)"))
        // The summary of a broken spec prints the diagnostics and no table.
        let summary = CommandRunner().run("summary", spec.path)
        #expect(summary.code == .failure)
        #expect(summary.output.isEmpty)
        #expect(summary.error == result.error)
    }

    @Test func warningsExitZero() throws {
        let spec = try temporarySpec("input 8x8x1\nconv 4 3x3 same relu\ndense 10 softmax\ndropout 0.5\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let result = CommandRunner().run("check", spec.path)
        #expect(result.code == .success)
        #expect(result.error.contains("warning:"))
        let summary = CommandRunner().run("summary", spec.path)
        #expect(summary.code == .success)
        #expect(summary.output.hasPrefix("Model: \(spec.path)\n"))
    }

    @Test func everyExampleSpecIsClean() throws {
        for (file, _) in try SpecFiles.all() {
            let result = CommandRunner().run("check", SpecFiles.path(of: file))
            #expect(result.code == .success && result.error.isEmpty, "\(file): \(result.error)")
        }
    }

    /// Colour only on a terminal, never with NO_COLOR set to a value (set but empty does not count,
    /// as no-color.org says) and never on TERM=dumb.
    @Test(arguments: [(true, [String: String](), true), (true, ["NO_COLOR": "1"], false), (false, [:], false),
                      (true, ["NO_COLOR": ""], true), (true, ["TERM": "dumb"], false), (true, ["TERM": "xterm-256color"], true)])
    func colourDecision(terminal: Bool, environment: [String: String], coloured: Bool) throws {
        let spec = try temporarySpec("input 8x8x1\nconv 4 9x9\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let result = CommandRunner(environment: environment, terminal: terminal).run("check", spec.path)
        #expect(result.code == .failure)
        #expect(result.error.contains("\u{1B}[") == coloured)
    }

    /// A Latin-1 file name ("café" with 0xE9) cannot be named by a Swift string: refused by its
    /// position and shown byte for byte, exit 2, rather than opening a look-alike name.
    @Test func argumentsThatAreNotUTF8AreRefused() {
        let result = CommandRunner().run(bytes: [Array("check".utf8), Array("caf".utf8) + [0xE9] + Array(".cnn".utf8)])
        #expect(result.code == .usage)
        #expect(result.error == "cnnc: error: argument 2 ('caf\\xE9.cnn') is not valid UTF-8, and cnnc can only name "
            + "files in UTF-8; rename the file, or link to it under a UTF-8 name (ln -s)\nSee 'cnnc --help'.\n")
    }
}
