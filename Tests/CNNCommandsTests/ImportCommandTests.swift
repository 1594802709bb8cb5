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

    /// What the fuzzer found (an upsampling factor past Int.max once trapped) and its seeds:
    /// each imports or is refused, never a trap.
    @Test func fuzzSeedsAndFindingsAreHandled() throws {
        let folder = GoldenFiles.repositoryRoot.appendingPathComponent("Tests/Fuzz/Seeds/onnx")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.contains("crash-upsample-factor.onnx"))
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            let result = Result { try ONNXImporter.importModel(bytes: bytes, path: name) }
            if name.hasPrefix("crash-") { #expect(throws: ImportError.self) { try result.get() } }
        }
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

    /// A Darknet cfg with its .weights: the spec, and safetensors holding Darknet's numbers under
    /// the layers' names (the conv's biases are its batchnorm's shift); summary reads the cfg itself.
    @Test func darknetConfigurationsAndWeights() throws {
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cfg = folder.appendingPathComponent("tiny.cfg").path, weights = folder.appendingPathComponent("tiny.weights").path
        try "[net]\nwidth=4\nheight=4\nchannels=1\n[convolutional]\nbatch_normalize=1\nfilters=2\nsize=3\npad=1\nactivation=leaky\n"
            .write(toFile: cfg, atomically: true, encoding: .utf8)
        // Header 0.2.0 with a 64-bit seen; then biases, scales, means, variances (2 each), 18 weights.
        var file: [UInt8] = [0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8)
        for value in (1...26).map(Float.init) { file += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        try Data(file).write(to: URL(fileURLWithPath: weights))
        let spec = folder.appendingPathComponent("tiny.cnn").path, out = folder.appendingPathComponent("tiny.safetensors").path
        let result = CommandRunner().run("import", cfg, "--darknet-weights", weights, "--weights-out", out, "-o", spec)
        #expect(result.code == .success, "\(result.error)")
        let tensors = try SafetensorsFile.read(from: URL(fileURLWithPath: out)).tensors
        #expect(tensors["l0_bn.bias"]?.scalars == [1, 2])
        #expect(tensors["l0_bn.weight"]?.scalars == [3, 4])
        #expect(tensors["l0_bn.running_mean"]?.scalars == [5, 6])
        #expect(tensors["l0_bn.running_var"]?.scalars == [7, 8])
        #expect(tensors["l0_conv.weight"]?.shape == [2, 1, 3, 3])
        #expect(tensors["l0_conv.weight"]?.scalars == (9...26).map(Float.init))
        #expect(CommandRunner().run("run", spec, "--weights", out, "--random", "1").code == .success)

        let fixture = GoldenFiles.repositoryRoot.appendingPathComponent("Tests/CNNInterchangeTests/Fixtures/yolov3-tiny.cfg").path
        let summary = CommandRunner().run("summary", fixture, "--format", "json")
        let totals = try #require(try JSONSerialization.jsonObject(with: Data(summary.output.utf8)) as? [String: Any])
        #expect(totals["total_params"] as? Int == 8_858_734)
        let mismatched = CommandRunner().run("import", fixture, "--darknet-weights", weights, "-o", spec)
        #expect(mismatched.code == .failure)
    }
}
