import CNNCommands
import CNNEmitters
import CNNFrontEnd
import CNNTestSupport
import Foundation
import Testing

@Suite struct EmitAndGraphCommandTests {
    @Test(arguments: [
        (["emit", "--target", "pytorch"], "model.py"), (["emit", "--target=pytorch-ddp"], "train_ddp.py"),
        (["graph", "--format", "dot"], "model.dot"), (["graph"], "model.svg"),
        (["emit", "--target", "swift"], "LeNet5.swift"),
    ])
    func writesTheEmitterOutputToTheFile(arguments: [String], file: String) throws {
        let text = try SpecFiles.text(of: "lenet5.cnn")
        let spec = try temporarySpec(text, name: "lenet5.cnn")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let model = try #require(Compiler.compile(source: text).model)
        let expected: String
        switch file {
        case "model.py": expected = PyTorchEmitter.emitModule(model, source: text)
        case "train_ddp.py": expected = try PyTorchEmitter.emitTrainingScript(model, source: text)
        case "model.dot": expected = DotEmitter.emit(model, title: "lenet5")
        case "LeNet5.swift": expected = SwiftEmitter.emit(model, typeName: "LeNet5", specPath: spec.path, source: text)
        default: expected = SVGRenderer.render(model, title: "lenet5")
        }
        let output = spec.folder.appendingPathComponent(file)
        let toFile = CommandRunner().run([arguments[0], spec.path] + arguments.dropFirst() + ["-o", output.path])
        #expect(toFile.code == .success)
        // What was written is named, as train names what it saved.
        #expect(toFile.output == "wrote \(output.path)\n")
        #expect(try String(contentsOf: output, encoding: .utf8) == expected)
        // On standard output a Swift type is named after the spec instead of the file.
        let toStandardOutput = CommandRunner().run([arguments[0], spec.path] + arguments.dropFirst())
        #expect(toStandardOutput.output == expected.replacingOccurrences(of: "struct LeNet5 {", with: "struct Lenet5 {"))
    }

    /// A spec with errors emits nothing: diagnostics, exit 1, and no file appears.
    @Test(arguments: [["emit", "--target", "pytorch"], ["graph"]])
    func brokenSpecWritesNothing(arguments: [String]) throws {
        let spec = try temporarySpec("input 4x4x1\nconv 8 5x5\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let output = spec.folder.appendingPathComponent(arguments[0] == "graph" ? "out.svg" : "out.txt")
        let result = CommandRunner().run([arguments[0], spec.path] + arguments.dropFirst() + ["--output", output.path])
        #expect(result.code == .failure)
        #expect(result.error.contains("error: kernel 5x5 is larger than its input 4x4"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// Without --format the picture's format follows the file's extension; a --format that
    /// contradicts it, or an extension that names none, is refused before anything is written.
    @Test(arguments: [
        ([String](), "l.dot", "dot"), ([], "l.gv", "dot"), ([], "l.SVG", "svg"), ([], "picture", "svg"),
        (["--format", "dot"], "l.txt", "dot"), (["--format", "svg"], "l.svg", "svg"),
    ])
    func graphFormatFollowsTheExtension(arguments: [String], file: String, format: String) throws {
        let spec = try temporarySpec(try SpecFiles.text(of: "lenet5.cnn"), name: "lenet5.cnn")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let output = spec.folder.appendingPathComponent(file).path
        let result = CommandRunner().run(["graph", spec.path] + arguments + ["-o", output])
        #expect(result.code == .success, "\(result.error)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.hasPrefix(format == "dot" ? "digraph" : "<svg") || text.hasPrefix(format == "dot" ? "//" : "<?xml"),
                "\(text.prefix(40))")
        #expect(text.contains("<svg") == (format == "svg"))
    }

    @Test(arguments: [
        (["--format", "svg"], "x.dot", "cnnc: error: '--format svg' contradicts the output file OUT, whose extension means dot;"
            + " rename the file or drop --format\n"),
        (["--format", "dot"], "x.svg", "cnnc: error: '--format dot' contradicts the output file OUT, whose extension means svg;"
            + " rename the file or drop --format\n"),
        ([], "x.png", "cnnc: error: cannot tell the format of OUT from its extension; name it .svg, .dot or .gv,"
            + " or give --format\n"),
    ])
    func graphFormatMismatchIsAUsageError(arguments: [String], file: String, message: String) throws {
        let spec = try temporarySpec("input 8x8x1\nconv 2 3x3\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let output = spec.folder.appendingPathComponent(file).path
        let result = CommandRunner().run(["graph", spec.path] + arguments + ["-o", output])
        #expect(result.code == .usage)
        #expect(result.error == message.replacingOccurrences(of: "OUT", with: output)
            + "Usage: cnnc graph SPEC [options]\nSee 'cnnc help graph'.\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func emitNeedsATarget() {
        let result = CommandRunner().run("emit", SpecFiles.path(of: "lenet5.cnn"))
        #expect(result.code == .usage)
        #expect(result.error.hasPrefix("cnnc: error: 'emit' needs '--target TARGET'\n"))
    }
}
