import CNNFormats
import CNNModel

/// Each ONNX operator as the layer it is.
extension ONNXImporter {
    mutating func add(_ node: ONNXNode, at index: Int) {
        if ["Shape", "Gather", "Unsqueeze", "Squeeze", "Cast", "Concat"].contains(node.opType), foldShapeArithmetic(node) { return }
        let operands = node.inputs.filter { !$0.isEmpty && constants[$0] == nil }
        let x = operands.first.flatMap(value)
        switch node.opType {
        case "Constant":
            guard case let .tensor(tensor)? = attribute(node, "value"), let output = node.outputs.first else {
                return fail(node, "only a Constant with a tensor 'value' is read")
            }
            constants[output] = tensor
        case "Identity":
            // Of a value or of a constant (PyTorch's exporter shares initializers through Identity).
            guard let output = node.outputs.first, let input = node.inputs.first else { return }
            if let constant = constants[input] { constants[output] = constant } else { bindings[output] = bindings[input] }
        case "Pad":
            guard let x, let pads = int64s(node.inputs.dropFirst().first) ?? attribute(node, "pads").flatMap(Self.int64s),
                  pads.count == 8, pads[0] == 0, pads[1] == 0, pads[4] == 0, pads[5] == 0,
                  pads.allSatisfy({ $0 >= 0 }), string(node, "mode", default: "constant") == "constant" else {
                return fail(node, "only constant padding of height and width is read (and folded into the next conv or pool)")
            }
            let fill = floats(node.inputs.count > 2 ? node.inputs[2] : nil)?.values.first ?? 0
            let pad = pads.map(Self.bounded)
            let insets = Insets(top: x.pending.top + pad[2], bottom: x.pending.bottom + pad[6],
                                left: x.pending.left + pad[3], right: x.pending.right + pad[7])
            bindings[node.outputs.first ?? ""] = .value(x.value, pending: insets, padValue: fill)
        case "Conv", "ConvTranspose":
            convolution(node, at: index, input: x)
        case "MaxPool", "AveragePool":
            pooling(node, input: x)
        case "GlobalAveragePool", "GlobalMaxPool":
            guard let x = unpadded(x, node) else { return }
            addLayer(.globalPooling(node.opType == "GlobalMaxPool" ? .max : .average), for: node, inputs: [x])
        case "Flatten", "Reshape":
            flatten(node, at: index, input: x)
        case "Gemm", "MatMul":
            dense(node, at: index, input: x)
        case "BatchNormalization":
            batchNorm(node, input: x)
        case "Dropout":
            guard let x = unpadded(x, node) else { return }
            let rate = floats(node.inputs.count > 1 ? node.inputs[1] : nil)?.values.first ?? float(node, "ratio", default: 0.5)
            addLayer(.dropout(rate: rate), for: node, inputs: [x], output: node.outputs.first)
        case "LRN":
            guard let x = unpadded(x, node) else { return }
            let size = integer(node, "size", default: 5)
            let defaults = LocalResponseNorm(size: size)
            guard abs(float(node, "alpha", default: 1e-4) - defaults.alpha) < 1e-9,
                  abs(float(node, "beta", default: 0.75) - defaults.beta) < 1e-7,
                  abs(float(node, "bias", default: 1) - defaults.k) < 1e-7 else {
                return fail(node, "cnnc's lrn has alpha 1e-4, beta 0.75 and bias 1 (AlexNet's); this one differs")
            }
            addLayer(.localResponseNorm(defaults), for: node, inputs: [x])
        case "Resize", "Upsample":
            upsample(node, input: x)
        case "Add", "Sum", "Mul", "Concat":
            merge(node, operands: operands)
        default:
            if let match = activation(at: index) {
                guard let x = unpadded(x, node) else { return }
                consumed.formUnion(match.nodes)
                addLayer(.activation(match.activation), for: node, inputs: [x], output: match.output)
            } else {
                fail(node, "the operator \(node.opType) has no cnnc layer")
            }
        }
    }

    static func int64s(_ value: ONNXAttribute.Value) -> [Int64]? {
        if case let .integers(values) = value { return values }
        return nil
    }

    /// `x`'s value when no padding waits on it (a Pad before anything but a conv or pool is refused).
    mutating func unpadded(_ x: (value: ValueID, pending: Insets, padValue: Float)?, _ node: ONNXNode) -> ValueID? {
        guard let x else {
            fail(node, "its input is no value of the graph")
            return nil
        }
        guard x.pending.isZero else {
            fail(node, "a Pad reaches it; cnnc folds Pad only into the conv or pool after it")
            return nil
        }
        return x.value
    }

    /// The padding mode that resolves to `insets` for `operation`'s layer on `input`: explicit
    /// when symmetric, else `ceil` mode (pools) or `same` when that puts the extra pixels where
    /// the file does; nil when cnnc cannot say it.
    func paddingMode(_ insets: Insets, input: ValueID,
                     operation: (PaddingMode, Bool) -> Operation) -> (PaddingMode, ceil: Bool)? {
        let shape = builder.shape(of: input)
        var candidates: [(PaddingMode, Bool)] = []
        if insets.isSymmetric {
            candidates.append((insets.isZero ? .valid : .explicit(Size2(insets.top, insets.left)), false))
        }
        if insets.bottom >= insets.top, insets.right >= insets.left {
            let base = Size2(insets.top, insets.left)
            candidates.append((base == Size2(0, 0) ? .valid : .explicit(base), true))
        }
        candidates.append((.same, false))
        return candidates.first { candidate in
            (try? Layer(name: "probe", operation: operation(candidate.0, candidate.1), input: shape))?.padding == insets
        }.map { ($0.0, $0.1) }
    }

    mutating func weight(_ name: String, _ values: [Float], shape: [Int]) {
        weights[name] = Tensor(shape: shape, scalars: values)
    }
}
