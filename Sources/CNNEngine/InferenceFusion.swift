import CNNModel

/// Which layers inference runs as one: a conv followed by a batchnorm (folded into the conv's
/// weights and bias, `W' = W * s`, `b' = b * s + t` per filter with the batchnorm's
/// `s = weight / sqrt(var + eps)` and `t = bias - mean * s`) and optionally by an activation
/// the conv's store applies (relu, leaky relu, relu6, sigmoid, silu), as ONNX Runtime and oneDNN fuse them. The fused
/// conv writes the group's last value directly; the values in between are never materialised.
///
/// A group needs consecutive layers, each the only reader of the one before, whose values are
/// not model outputs, and a conv without an activation of its own. Training runs the layers
/// one by one (it needs the batch statistics and every value).
struct InferenceFusion: Sendable {
    struct Group: Sendable {
        /// Layer indices: the conv, its batchnorm, and the activation absorbed after it (if any).
        var convolution: Int
        var batchNorm: Int
        var activation: Int?

        /// The layer whose output the fused conv writes.
        var last: Int { activation ?? batchNorm }
    }

    /// The groups in layer order.
    let groups: [Group]
    /// For each layer, true when a group's conv computes it (the batchnorm and activation).
    let isAbsorbed: [Bool]
    /// For each layer, the layer whose output it writes: its own, or for a group's conv the group's last.
    let writtenLayer: [Int]

    init(_ model: Model) {
        var readers = [Int](repeating: 0, count: model.layers.count + 1)
        for layer in model.layers { for value in layer.inputs { readers[value.rawValue] += 1 } }
        for output in model.outputs { readers[output.value.rawValue] += 1 }
        /// True when layer `index` is the only use of layer `index - 1`'s output.
        func readsAlone(_ index: Int) -> Bool {
            index < model.layers.count && model.layers[index].inputs == [ValueID(rawValue: index)]
                && readers[index] == 1
        }
        var groups: [Group] = []
        var index = 0
        while index < model.layers.count {
            defer { index += 1 }
            guard case let .convolution(conv) = model.layers[index].operation,
                  conv.activation == nil || conv.activation == .linear,
                  readsAlone(index + 1), case .batchNorm = model.layers[index + 1].operation else { continue }
            var group = Group(convolution: index, batchNorm: index + 1)
            if readsAlone(index + 2), case let .activation(activation) = model.layers[index + 2].operation,
               activation != .linear, activation.inferenceFused != nil {
                group.activation = index + 2
            }
            groups.append(group)
            index = group.last
        }
        self.groups = groups
        var absorbed = [Bool](repeating: false, count: model.layers.count)
        for group in groups {
            absorbed[group.batchNorm] = true
            if let activation = group.activation { absorbed[activation] = true }
        }
        isAbsorbed = absorbed
        var written = Array(model.layers.indices)
        for group in groups { written[group.convolution] = group.last }
        writtenLayer = written
    }
}
