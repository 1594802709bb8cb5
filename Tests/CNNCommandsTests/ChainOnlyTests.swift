import CNNCommands
import CNNTestSupport
import Foundation
import Testing

/// Until the Swift emitter takes graphs, it refuses a graph (or a layer that came with
/// graphs) with one line, exit 1, and write nothing; every other command takes it.
@Suite struct ChainOnlyTests {
    static let specs = [
        ("input 8x8x2\nadd { conv 2 3x3 p1 }\n", "add ('add1')"),
        ("input 8x8x2\nupsample 2\n", "upsample ('upsample1')"),
        ("input 8x8x2\ndeconv 2 2 s2\n", "deconv ('deconv1')"),
        ("input 9x9x2\nmaxpool 2 ceil\n", "ceil pooling ('maxpool1')"),
        ("input 8x8x2\nconv 2 3x3 silu\n", "silu ('conv1')"),
        ("input 8x8x2\na: relu\nb: tanh\noutput @a @b\n", "a model with several outputs"),
        ("input 8x8x2\na: relu\nb: tanh\n@a\nsigmoid\n", "references that branch the model"),
    ]

    @Test(arguments: [["emit", "--target", "swift", "-o", "out"]])
    func refusesWhatItCannotRunYet(arguments: [String]) throws {
        for (text, feature) in ChainOnlyTests.specs {
            let spec = try temporarySpec(text)
            defer { try? FileManager.default.removeItem(at: spec.folder) }
            let output = spec.folder.appendingPathComponent("out")
            let command = arguments.map { $0 == "out" ? output.path : $0 }
            let result = CommandRunner().run([command[0], spec.path] + command.dropFirst())
            #expect(result.code == .failure)
            let expected = "cnnc: error: 'cnnc \(command[0])' does not handle \(feature) yet; it takes chains of the"
                + " classic layers, while every other command and target takes every model\n"
            #expect(result.error.hasSuffix(expected), "\(text): \(result.error)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
            #expect(CommandRunner().run("summary", spec.path).code == .success)
            #expect(CommandRunner().run("run", spec.path, "--random", "2").code == .success)
        }
    }
}
