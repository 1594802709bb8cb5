import CNNFormats
import CNNModel

/// Activations, single operators or the small subgraphs exporters write for them.
extension ONNXImporter {
    /// The activation that starts at node `index` (which reads `x`): its kind, every node it
    /// spans, and the value its last node defines. Composite forms:
    /// silu `Mul(x, Sigmoid(x))`, mish `Mul(x, Tanh(Softplus(x)))`,
    /// gelu `Mul(Mul(x, Add(Erf(Div(x, sqrt 2)), 1)), 0.5)`.
    func activation(at index: Int) -> (activation: Activation, nodes: [Int], output: String)? {
        guard let match = anyActivation(at: index) else { return nil }
        // In a file cnnc wrote, the helper nodes of one activation are named after its last node.
        let last = graph.nodes[match.nodes[match.nodes.count - 1]].name
        if writtenByCnnc, !match.nodes.dropLast().allSatisfy({ graph.nodes[$0].name.hasPrefix(last + "/") }) {
            // A sigmoid layer whose output a mul layer reads (`mul {} { sigmoid }`) is no silu.
            let node = graph.nodes[index]
            return node.opType == "Sigmoid" ? (.sigmoid, [index], node.outputs.first ?? "") : nil
        }
        return match
    }

    private func anyActivation(at index: Int) -> (activation: Activation, nodes: [Int], output: String)? {
        let node = graph.nodes[index]
        guard let x = node.inputs.first, let out = node.outputs.first else { return nil }
        let single: Activation?
        switch node.opType {
        case "Relu": single = .relu
        case "LeakyRelu": single = .leakyReLU(alpha: float(node, "alpha", default: 0.01))
        case "Tanh": single = .tanh
        case "HardSwish": single = .hardSwish
        case "Gelu" where string(node, "approximate", default: "none") == "none": single = .gelu
        case "Mish": single = .mish
        case "Softmax" where integer(node, "axis", default: -1) == 1
            || (integer(node, "axis", default: -1) == -1 && value(x).map { !builder.shape(of: $0.value).isImage } == true):
            single = .softmax
        case "HardSigmoid" where abs(float(node, "alpha", default: 0.2) - 1.0 / 6) < 1e-6
            && abs(float(node, "beta", default: 0.5) - 0.5) < 1e-6:
            single = .hardSigmoid
        case "Clip":
            let low = floats(node.inputs.count > 1 ? node.inputs[1] : nil)?.values.first ?? float(node, "min", default: -.infinity)
            let high = floats(node.inputs.count > 2 ? node.inputs[2] : nil)?.values.first ?? float(node, "max", default: .infinity)
            single = low == 0 && high == 6 ? .relu6 : nil
        case "Sigmoid":
            if let mul = onlyReader(of: out), mul.node.opType == "Mul", Set(mul.node.inputs) == [x, out] {
                return (.silu, [index, mul.index], mul.node.outputs.first ?? "")
            }
            single = .sigmoid
        case "Softplus":
            guard let tanh = onlyReader(of: out), tanh.node.opType == "Tanh",
                  let mul = onlyReader(of: tanh.node.outputs.first ?? ""), mul.node.opType == "Mul",
                  Set(mul.node.inputs) == [x, tanh.node.outputs.first ?? ""] else { return nil }
            return (.mish, [index, tanh.index, mul.index], mul.node.outputs.first ?? "")
        case "Div":
            return gelu(at: index)
        default:
            single = nil
        }
        return single.map { ($0, [index], out) }
    }

    /// The Erf form of GELU starting at its Div.
    private func gelu(at index: Int) -> (activation: Activation, nodes: [Int], output: String)? {
        let div = graph.nodes[index]
        guard div.inputs.count == 2, let x = div.inputs.first, isConstant(div.inputs[1], Float(2).squareRoot()),
              let erf = onlyReader(of: div.outputs.first ?? ""), erf.node.opType == "Erf",
              let add = onlyReader(of: erf.node.outputs.first ?? ""), add.node.opType == "Add",
              add.node.inputs.contains(where: { isConstant($0, 1) }),
              let mul = onlyReader(of: add.node.outputs.first ?? ""), mul.node.opType == "Mul",
              Set(mul.node.inputs) == [x, add.node.outputs.first ?? ""],
              let half = onlyReader(of: mul.node.outputs.first ?? ""), half.node.opType == "Mul",
              half.node.inputs.contains(where: { isConstant($0, 0.5) }) else { return nil }
        return (.gelu, [index, erf.index, add.index, mul.index, half.index], half.node.outputs.first ?? "")
    }

    /// Fuses the activation after a conv, deconv or dense node whose output `value` nothing else
    /// reads; returns it and the value to bind the layer to (the activation's output). In a file
    /// cnnc wrote, only the activation nodes named `<layer>/...` are the layer's own; an activation
    /// layer of the spec stays a layer.
    mutating func fusedActivation(after value: String, of node: ONNXNode) -> (Activation?, output: String) {
        guard let readers = consumers[value], let first = readers.min(), !graph.outputs.contains(where: { $0.name == value }),
              !writtenByCnnc || graph.nodes[first].name.hasPrefix(node.name + "/"),
              let match = activation(at: first), Set(readers).isSubset(of: match.nodes) else { return (nil, value) }
        consumed.formUnion(match.nodes)
        return (match.activation, match.output)
    }

    private func onlyReader(of value: String) -> (index: Int, node: ONNXNode)? {
        guard let readers = consumers[value], readers.count == 1, !graph.outputs.contains(where: { $0.name == value }) else {
            return nil
        }
        return (readers[0], graph.nodes[readers[0]])
    }

    private func isConstant(_ name: String, _ expected: Float) -> Bool {
        guard let values = floats(name)?.values, values.count == 1 else { return false }
        return abs(values[0] - expected) <= 1e-6 * max(1, abs(expected))
    }
}
