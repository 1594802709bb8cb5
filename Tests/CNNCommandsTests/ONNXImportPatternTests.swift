import CNNFormats
import CNNInterchange
import CNNModel
import Testing

/// What other exporters write, built by hand: the shape arithmetic of `x.view(x.size(0), -1)`,
/// a Pad before a conv, MatMul + Add, and composite activations after foreign node names.
@Suite struct ONNXImportPatternTests {
    static func tensor(_ name: String, _ dimensions: [Int], _ values: [Float]) -> ONNXTensor {
        ONNXTensor(name: name, dimensions: dimensions, data: .float(values))
    }

    static func importing(_ nodes: [ONNXNode], initializers: [ONNXTensor], output: String) throws -> ImportedModel {
        var graph = ONNXGraph(name: "g")
        graph.inputs = [ONNXValueInfo(name: "x", dimensions: [.symbol("batch"), .size(1), .size(4), .size(4)])]
        graph.nodes = nodes
        graph.initializers = initializers
        graph.outputs = [ONNXValueInfo(name: output, dimensions: [])]
        var model = ONNXModel(graph: graph)
        model.producerName = "pytorch"
        return try ONNXImporter.importModel(bytes: model.serialized(), path: "p.onnx")
    }

    @Test func shapeArithmeticPadAndMatMulBecomeAFlatChain() throws {
        let imported = try Self.importing([
            ONNXNode(name: "/pad/Pad", opType: "Pad", inputs: ["x", "pads"], outputs: ["p"]),
            ONNXNode(name: "/conv/Conv", opType: "Conv", inputs: ["p", "w"], outputs: ["c"],
                     attributes: [ONNXAttribute("kernel_shape", .integers([3, 3]))]),
            ONNXNode(name: "sig", opType: "Sigmoid", inputs: ["c"], outputs: ["s"]),
            ONNXNode(name: "mul", opType: "Mul", inputs: ["c", "s"], outputs: ["a"]),
            ONNXNode(name: "shape", opType: "Shape", inputs: ["a"], outputs: ["sh"]),
            ONNXNode(name: "gather", opType: "Gather", inputs: ["sh", "zero"], outputs: ["n"]),
            ONNXNode(name: "unsq", opType: "Unsqueeze", inputs: ["n", "axes"], outputs: ["n1"]),
            ONNXNode(name: "cat", opType: "Concat", inputs: ["n1", "minus1"], outputs: ["target"],
                     attributes: [ONNXAttribute("axis", .integer(0))]),
            ONNXNode(name: "reshape", opType: "Reshape", inputs: ["a", "target"], outputs: ["f"]),
            ONNXNode(name: "fc", opType: "MatMul", inputs: ["f", "m"], outputs: ["mm"]),
            ONNXNode(name: "bias", opType: "Add", inputs: ["mm", "b"], outputs: ["y"]),
        ], initializers: [
            ONNXTensor(name: "pads", dimensions: [8], data: .int64([0, 0, 1, 1, 0, 0, 1, 1])),
            Self.tensor("w", [2, 1, 3, 3], (0..<18).map(Float.init)),
            ONNXTensor(name: "zero", dimensions: [], data: .int64([0])),
            ONNXTensor(name: "axes", dimensions: [1], data: .int64([0])),
            ONNXTensor(name: "minus1", dimensions: [1], data: .int64([-1])),
            Self.tensor("m", [32, 3], (0..<96).map(Float.init)),
            Self.tensor("b", [3], [1, 2, 3]),
        ], output: "y")
        #expect(imported.specText.hasSuffix("""
            input 4x4x1
            conv_Conv: conv 2 3x3 p1 silu nobias
            reshape: flatten
            fc: dense 3

            """))
        // MatMul's [in, out] matrix is stored as dense's [out, in].
        #expect(imported.weights?["fc.weight"]?.scalars.prefix(3) == [0, 3, 6])
        #expect(imported.weights?["fc.bias"]?.scalars == [1, 2, 3])
    }
}
