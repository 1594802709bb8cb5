import CNNFormats
import CNNModel

/// The shape arithmetic older PyTorch exports write for `x.view(x.size(0), -1)`: Shape, Gather,
/// Unsqueeze, Squeeze, Cast and Concat of integers, folded into constants so that the Reshape at
/// the end is a flatten. The batch size is not known in advance, so Shape gives 0 for it, which
/// Reshape reads as "keep this dimension": exactly what the exporter meant.
extension ONNXImporter {
    /// Folds `node` into a constant and returns true, or returns false when it is no shape arithmetic.
    mutating func foldShapeArithmetic(_ node: ONNXNode) -> Bool {
        guard let output = node.outputs.first else { return false }
        let folded: [Int64]?
        switch node.opType {
        case "Shape":
            guard let input = node.inputs.first, let x = value(input) else { return false }
            let shape = builder.shape(of: x.value)
            // NCHW as ONNX sees it; 0 is the batch.
            folded = [0] + (shape.isImage ? [shape.channels] + shape.dimensions.dropLast() : shape.dimensions).map(Int64.init)
        case "Gather":
            guard integer(node, "axis", default: 0) == 0, node.inputs.count == 2,
                  let data = int64s(node.inputs[0]), let indices = int64s(node.inputs[1]),
                  indices.allSatisfy({ (-Int64(data.count)..<Int64(data.count)).contains($0) }) else { return false }
            folded = indices.map { data[Int($0 < 0 ? $0 + Int64(data.count) : $0)] }
        case "Unsqueeze", "Squeeze", "Cast":
            guard let input = node.inputs.first, let data = int64s(input) else { return false }
            folded = data
        case "Concat":
            let parts = node.inputs.map { name -> [Int64]? in
                if case let .int64(values)? = constants[name]?.data { return values }
                return nil
            }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return false }
            folded = parts.flatMap { $0 ?? [] }
        default:
            return false
        }
        guard let folded else { return false }
        constants[output] = ONNXTensor(name: output, dimensions: [folded.count], data: .int64(folded))
        return true
    }
}
