import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNInterchange
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// The graph `ONNXExporter` builds, checked without Python: node names, value names, ONNX's pad
/// order and the composed activations; and the command's refusals.
@Suite struct ONNXExportTests {
    static func export(_ text: String) throws -> ONNXGraph {
        let model = try #require(Compiler.compile(source: text).model)
        return try ONNXExporter.export(model, weights: Network(model: model).weights).graph
    }

    @Test func convWithAsymmetricSameAndAnActivation() throws {
        let graph = try Self.export("input 8x8x3\nconv 4 2x2 s2 same relu\nc: conv 2 3x3 p1 silu nobias\n")
        #expect(graph.inputs == [ONNXValueInfo(name: "input", dimensions: [.symbol("N"), .size(3), .size(8), .size(8)])])
        #expect(graph.outputs == [ONNXValueInfo(name: "c", dimensions: [.symbol("N"), .size(2), .size(4), .size(4)])])
        #expect(graph.nodes.map(\.name) == ["conv1", "conv1/relu", "c", "c/silu/sigmoid", "c/silu"])
        #expect(graph.nodes.map(\.opType) == ["Conv", "Relu", "Conv", "Sigmoid", "Mul"])
        #expect(graph.nodes.map(\.inputs) == [["input", "conv1.weight", "conv1.bias"], ["conv1/linear"],
                                             ["conv1", "c.weight"], ["c/linear"], ["c/linear", "c/silu/sigmoid"]])
        #expect(graph.nodes.map(\.outputs) == [["conv1/linear"], ["conv1"], ["c/linear"], ["c/silu/sigmoid"], ["c"]])
        // 'same' is ONNX's SAME_UPPER; the 3x3 pads one on every side.
        #expect(graph.nodes[0].attributes.contains(ONNXAttribute("auto_pad", .string("SAME_UPPER"))))
        #expect(graph.nodes[0].attributes.first { $0.name == "pads" } == nil)
        #expect(graph.nodes[2].attributes.first { $0.name == "pads" }?.value == .integers([1, 1, 1, 1]))
        #expect(graph.initializers.map(\.name) == ["conv1.weight", "conv1.bias", "c.weight"])
        #expect(graph.initializers[0].dimensions == [4, 3, 2, 2])
    }

    @Test func unevenSamePadsAfterAndPoolingKeepsItsPadding() throws {
        let graph = try Self.export("input 7x7x1\nconv 1 2x2 d3 same\nmaxpool 3 s2 full\navgpool 2 ceil\n")
        let pads = graph.nodes.map { $0.attributes.first { $0.name == "pads" }?.value }
        // Dilated 'same' (an effective 4x4) as pads: the odd row and column after; full: 2 on every
        // side; ceil mode: the row and column its last window reaches.
        #expect(pads == [.integers([1, 1, 2, 2]), .integers([2, 2, 2, 2]), .integers([0, 0, 1, 1])])
        #expect(graph.nodes.map(\.opType) == ["Conv", "MaxPool", "AveragePool"])
        #expect(graph.nodes[2].attributes.contains(ONNXAttribute("count_include_pad", .integer(0))))
    }

    @Test func mergesAndRenamedOutputs() throws {
        let graph = try Self.export("input 4x4x2\na: conv 2 1x1\nb: conv 2 1x1\ns: add @a @b @a\nm: mul @s {}\noutput @s @m\n")
        #expect(graph.nodes.filter { $0.opType == "Add" }.map(\.name) == ["s/add1", "s"])
        #expect(graph.outputs.map(\.name) == ["s", "m"])
    }

    @Test func theCommandNeedsAFileAndWeightsOnlyForONNX() throws {
        let spec = try temporarySpec("input 4x4x1\nconv 2 3x3\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let bare = CommandRunner().run("emit", spec.path, "--target", "onnx")
        #expect(bare.code == .usage)
        #expect(bare.error.hasPrefix("cnnc: error: 'emit' needs '--output FILE'\n"))
        let python = CommandRunner().run("emit", spec.path, "--target", "pytorch", "--weights", "w.safetensors")
        #expect(python.code == .usage)
        #expect(python.error.hasPrefix("cnnc: error: '--weights' and '--target pytorch' cannot be used together"))

        let other = try temporarySpec("input 4x4x1\nconv 3 3x3\n")
        defer { try? FileManager.default.removeItem(at: other.folder) }
        let weights = other.folder.appendingPathComponent("w.safetensors")
        try SafetensorsFile.write(Network(model: try #require(Compiler.compile(source: "input 4x4x1\nconv 3 3x3\n").model)).weights,
                                  to: weights)
        let output = spec.folder.appendingPathComponent("m.onnx")
        let wrong = CommandRunner().run("emit", spec.path, "--target", "onnx", "--weights", weights.path, "-o", output.path)
        #expect(wrong.code == .failure)
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let seeded = CommandRunner().run("emit", spec.path, "--target", "onnx", "-o", output.path)
        #expect(seeded.code == .success)
        let bytes = try Data(contentsOf: output)
        #expect(bytes.starts(with: [0x08, 0x08]))  // ir_version 8 comes first
    }
}
