import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNInterchange
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// `cnnc import` and the commands that take an ONNX file in place of a spec.
@Suite struct ImportCommandTests {
    static let spec = "input 8x8x1\nconv 4 3x3 same relu\nmaxpool 2\ndense 3 softmax\n"

    /// A folder with `model.onnx` exported from `spec` (seeded weights) and the spec itself.
    static func exported() throws -> (folder: URL, onnx: String, spec: String) {
        let spec = try temporarySpec(Self.spec)
        let onnx = spec.folder.appendingPathComponent("model.onnx").path
        let emit = CommandRunner().run("emit", spec.path, "--target", "onnx", "-o", onnx)
        try #require(emit.code == .success, "\(emit.error)")
        return (spec.folder, onnx, spec.path)
    }

    @Test func importWritesTheSpecAndItsWeights() throws {
        let (folder, onnx, specPath) = try Self.exported()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("back.cnn").path, weights = folder.appendingPathComponent("w.safetensors").path
        let result = CommandRunner().run("import", onnx, "-o", out, "--weights-out", weights)
        #expect(result.code == .success, "\(result.error)")
        #expect(result.output == "wrote \(weights) (4 tensors)\nwrote \(out)\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == """
            # Imported from \(onnx) (ONNX IR 8, opset 17, written by cnnc \(CLI.version)).
            input 8x8x1
            conv1: conv 4 3x3 same relu
            maxpool1: maxpool 2
            dense1: dense 3 softmax

            """)
        // The weights are the seeded ones `emit` wrote, under the same names.
        let model = try #require(Compiler.compile(source: Self.spec).model)
        #expect(try SafetensorsFile.read(from: URL(fileURLWithPath: weights)).tensors == Network(model: model).weights)

        let run = CommandRunner().run("run", out, "--weights", weights, "--random", "2")
        let direct = CommandRunner().run("run", onnx, "--random", "2")
        let seeded = CommandRunner().run("run", specPath, "--random", "2")
        // The same predictions (the last line is the timing).
        let predictions = { (text: String) in text.split(separator: "\n").dropLast() }
        #expect(predictions(run.output) == predictions(direct.output))
        #expect(predictions(run.output) == predictions(seeded.output))
        #expect(direct.error.isEmpty, "an ONNX model's own weights are no seeded initialisation")
    }

    @Test func checkSummaryAndGraphTakeTheONNXFile() throws {
        let (folder, onnx, specPath) = try Self.exported()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(CommandRunner().run("check", onnx).code == .success)
        let summary = CommandRunner().run("summary", onnx, "--format", "json")
        let original = CommandRunner().run("summary", specPath, "--format", "json")
        #expect(summary.code == .success)
        #expect(summary.output == original.output)
        #expect(CommandRunner().run("graph", onnx, "--format", "dot").output.contains("conv1"))
    }

    /// Every operator without a layer is listed with its node, and nothing is written.
    @Test func unsupportedOperatorsAreAllListed() throws {
        var graph = ONNXGraph(name: "g")
        graph.inputs = [ONNXValueInfo(name: "input", dimensions: [.symbol("N"), .size(1), .size(4), .size(4)])]
        graph.nodes = [ONNXNode(name: "a", opType: "Relu", inputs: ["input"], outputs: ["a"]),
                       ONNXNode(name: "b", opType: "Einsum", inputs: ["a"], outputs: ["b"]),
                       ONNXNode(name: "c", opType: "Relu", inputs: ["b"], outputs: ["c"]),
                       ONNXNode(name: "d", opType: "TopK", inputs: ["a"], outputs: ["d"])]
        graph.outputs = [ONNXValueInfo(name: "c", dimensions: []), ONNXValueInfo(name: "d", dimensions: [])]
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("odd.onnx").path
        try Data(ONNXModel(graph: graph).serialized()).write(to: URL(fileURLWithPath: path))
        let out = folder.appendingPathComponent("odd.cnn").path
        let result = CommandRunner().run("import", path, "-o", out)
        #expect(result.code == .failure)
        #expect(result.error == """
            cnnc: error: cannot import \(path) (2 problems):
              node 'b' (Einsum): the operator Einsum has no cnnc layer
              node 'd' (TopK): the operator TopK has no cnnc layer

            """)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Cut anywhere, the file is refused with a message naming it, never a crash.
    @Test func truncatedFilesAreRefused() throws {
        let (folder, onnx, _) = try Self.exported()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: onnx)))
        for length in stride(from: 1, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(throws: (any Error).self) { try ONNXImporter.importModel(bytes: Array(bytes[..<length]), path: "cut.onnx") }
        }
        let cut = folder.appendingPathComponent("cut.onnx").path
        try Data(bytes[..<(bytes.count / 2)]).write(to: URL(fileURLWithPath: cut))
        let result = CommandRunner().run("check", cut)
        #expect(result.code == .failure)
        #expect(result.error.hasPrefix("cnnc: error: \(cut)"))
    }
}
