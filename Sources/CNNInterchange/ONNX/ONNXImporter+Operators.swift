import CNNFormats
import CNNModel

/// The operators with weights or windows: conv, deconv, pooling, flatten, dense, batchnorm,
/// upsampling and the merges.
extension ONNXImporter {
    mutating func convolution(_ node: ONNXNode, at index: Int, input x: (value: ValueID, pending: Insets, padValue: Float)?) {
        guard let x else { return fail(node, "its input is no value of the graph") }
        guard node.inputs.count >= 2, let w = floats(node.inputs[1]), w.dimensions.count == 4 else {
            return fail(node, "its weights must be a 4-D float initializer")
        }
        let bias = node.inputs.count > 2 && !node.inputs[2].isEmpty ? floats(node.inputs[2]) : nil
        if node.inputs.count > 2, !node.inputs[2].isEmpty, bias == nil { return fail(node, "its bias must be a float initializer") }
        let kernel = Size2(w.dimensions[2], w.dimensions[3])
        let stride = integers(node, "strides", default: [1, 1]), dilation = integers(node, "dilations", default: [1, 1])
        let groups = integer(node, "group", default: 1)
        let pads = integers(node, "pads", default: [0, 0, 0, 0])
        guard stride.count == 2, dilation.count == 2, pads.count == 4 else { return fail(node, "only 2-D convolutions are read") }
        let autoPad = string(node, "auto_pad", default: "NOTSET")
        let (fused, output) = fusedActivation(after: node.outputs.first ?? "", of: node)
        let name: String?
        if node.opType == "Conv" {
            guard x.padValue == 0 || x.pending.isZero else { return fail(node, "a Pad before it fills with \(x.padValue), not 0") }
            let insets = Insets(top: x.pending.top + pads[0], bottom: x.pending.bottom + pads[2],
                                left: x.pending.left + pads[1], right: x.pending.right + pads[3])
            func conv(_ padding: PaddingMode, _: Bool) -> Operation {
                .convolution(Convolution(filters: w.dimensions[0], kernel: kernel, stride: Size2(stride[0], stride[1]),
                                         dilation: Size2(dilation[0], dilation[1]), groups: groups, padding: padding,
                                         bias: bias != nil, activation: fused))
            }
            let mode: PaddingMode
            if autoPad == "SAME_UPPER" {
                guard x.pending.isZero else { return fail(node, "a Pad before a conv with auto_pad is not folded") }
                mode = .same
            } else if autoPad == "NOTSET" || autoPad == "VALID", let resolved = paddingMode(insets, input: x.value, operation: conv) {
                mode = resolved.0
            } else {
                return fail(node, "its padding \(pads) (auto_pad \(autoPad)) is neither symmetric nor 'same' (extra pixel after)")
            }
            name = addLayer(conv(mode, false), for: node, inputs: [x.value], output: output)
        } else {
            guard x.pending.isZero else { return fail(node, "a Pad before a ConvTranspose is not folded") }
            guard pads[0] == pads[2], pads[1] == pads[3], autoPad == "NOTSET", attribute(node, "output_shape") == nil else {
                return fail(node, "only symmetric pads (no auto_pad, no output_shape) are read for ConvTranspose")
            }
            let outputPadding = integers(node, "output_padding", default: [0, 0])
            guard outputPadding.count == 2 else { return fail(node, "only 2-D transposed convolutions are read") }
            let deconv = Deconvolution(filters: w.dimensions[1] * groups, kernel: kernel, stride: Size2(stride[0], stride[1]),
                                       padding: Size2(pads[0], pads[1]), outputPadding: Size2(outputPadding[0], outputPadding[1]),
                                       dilation: Size2(dilation[0], dilation[1]), groups: groups, bias: bias != nil,
                                       activation: fused)
            name = addLayer(.deconvolution(deconv), for: node, inputs: [x.value], output: output)
        }
        guard let name else { return }
        weight("\(name).weight", w.values, shape: w.dimensions)
        if let bias { weight("\(name).bias", bias.values, shape: [bias.values.count]) }
    }

    mutating func pooling(_ node: ONNXNode, input x: (value: ValueID, pending: Insets, padValue: Float)?) {
        guard let x else { return fail(node, "its input is no value of the graph") }
        let isMax = node.opType == "MaxPool"
        let window = integers(node, "kernel_shape", default: [])
        let stride = integers(node, "strides", default: [1, 1]), pads = integers(node, "pads", default: [0, 0, 0, 0])
        guard window.count == 2, stride.count == 2, pads.count == 4 else { return fail(node, "only 2-D pooling is read") }
        guard integers(node, "dilations", default: [1, 1]) == [1, 1], node.outputs.count == 1 else {
            return fail(node, "dilated pooling and MaxPool's indices output have no cnnc form")
        }
        guard x.pending.isZero || (isMax && x.padValue == -.infinity) else {
            return fail(node, "a Pad before it fills with \(x.padValue); only -inf before a MaxPool is folded")
        }
        let insets = Insets(top: x.pending.top + pads[0], bottom: x.pending.bottom + pads[2],
                            left: x.pending.left + pads[1], right: x.pending.right + pads[3])
        if !isMax, !insets.isZero, integer(node, "count_include_pad", default: 0) != 0 {
            return fail(node, "an average that counts its padding (count_include_pad=1) has no cnnc form")
        }
        let ceil = integer(node, "ceil_mode", default: 0) == 1
        func pool(_ padding: PaddingMode, _ ceilMode: Bool) -> Operation {
            .pooling(Pooling(kind: isMax ? .max : .average, window: Size2(window[0], window[1]),
                             stride: Size2(stride[0], stride[1]), padding: padding, ceilMode: ceilMode || ceil))
        }
        let autoPad = string(node, "auto_pad", default: "NOTSET")
        guard autoPad == "NOTSET" || autoPad == "SAME_UPPER" || autoPad == "VALID" else {
            return fail(node, "auto_pad \(autoPad) puts the odd pixel before; cnnc's same puts it after")
        }
        if autoPad == "SAME_UPPER" {
            guard x.pending.isZero else { return fail(node, "a Pad before a pool with auto_pad is not folded") }
            addLayer(pool(.same, false), for: node, inputs: [x.value])
            return
        }
        guard let mode = paddingMode(insets, input: x.value, operation: pool) else {
            return fail(node, "its padding \(pads) has no cnnc form (symmetric, 'same' or 'ceil' mode)")
        }
        addLayer(pool(mode.0, mode.ceil), for: node, inputs: [x.value])
    }

    /// Flatten from axis 1, or a Reshape to `[N, C*H*W]`, is cnnc's flatten; the Flatten that
    /// `ONNXExporter` puts before a dense layer (`<layer>/flatten`) is that layer's own.
    mutating func flatten(_ node: ONNXNode, at index: Int, input x: (value: ValueID, pending: Insets, padValue: Float)?) {
        guard let x = unpadded(x, node), let output = node.outputs.first else { return }
        let elements = builder.shape(of: x).elementCount
        if node.opType == "Flatten" {
            guard integer(node, "axis", default: 1) == 1 else { return fail(node, "only Flatten from axis 1 is read") }
        } else {
            guard let shape = int64s(node.inputs.dropFirst().first), shape.count == 2,
                  shape[1] == -1 || shape[1] == Int64(elements), shape[0] <= 1 else {
                return fail(node, "only a Reshape to [N, C*H*W] by a constant shape is read (as flatten)")
            }
        }
        let readers = consumers[output] ?? []
        if node.name.hasSuffix("/flatten"), readers.count == 1, ["Gemm", "MatMul"].contains(graph.nodes[readers[0]].opType),
           builder.shape(of: x).isImage {
            bindings[output] = .value(x, pending: .zero, padValue: 0)   // dense on an image flattens by itself
            return
        }
        addLayer(.flatten, for: node, inputs: [x])
    }

    /// Gemm (`transB` either way, alpha = beta = 1) or MatMul with a constant matrix, plus the Add
    /// of a constant bias after it.
    mutating func dense(_ node: ONNXNode, at index: Int, input x: (value: ValueID, pending: Insets, padValue: Float)?) {
        guard let x = unpadded(x, node), node.inputs.count >= 2, let b = floats(node.inputs[1]), b.dimensions.count == 2 else {
            return fail(node, "only a product with a constant 2-D matrix is read (as dense)")
        }
        let transposed = node.opType == "Gemm" && integer(node, "transB", default: 0) == 1
        guard integer(node, "transA", default: 0) == 0, float(node, "alpha", default: 1) == 1, float(node, "beta", default: 1) == 1 else {
            return fail(node, "only Gemm with transA 0 and alpha = beta = 1 is read")
        }
        let (inputs, units) = transposed ? (b.dimensions[1], b.dimensions[0]) : (b.dimensions[0], b.dimensions[1])
        // [out, in], as cnnc and PyTorch store a dense layer.
        let matrix = transposed ? b.values : (0..<units).flatMap { o in (0..<inputs).map { i in b.values[i * units + o] } }
        var bias = node.opType == "Gemm" && node.inputs.count > 2 ? floats(node.inputs[2])?.values : nil
        var output = node.outputs.first ?? ""
        if bias == nil, let readers = consumers[output], readers.count == 1, graph.nodes[readers[0]].opType == "Add",
           let constant = graph.nodes[readers[0]].inputs.first(where: { $0 != output }).flatMap(floats),
           constant.values.count == units {
            bias = constant.values
            consumed.insert(readers[0])
            output = graph.nodes[readers[0]].outputs.first ?? ""
        }
        guard bias == nil || bias?.count == units else { return fail(node, "its bias does not have \(units) values") }
        let (fused, last) = fusedActivation(after: output, of: node)
        guard let name = addLayer(.dense(Dense(units: units, bias: bias != nil, activation: fused)), for: node,
                                  inputs: [x], output: last) else { return }
        weight("\(name).weight", matrix, shape: [units, inputs])
        if let bias { weight("\(name).bias", bias, shape: [units]) }
    }

    mutating func batchNorm(_ node: ONNXNode, input x: (value: ValueID, pending: Insets, padValue: Float)?) {
        guard let x = unpadded(x, node) else { return }
        let parts = node.inputs.dropFirst().map(floats)
        guard parts.count == 4, parts.allSatisfy({ $0 != nil }), integer(node, "training_mode", default: 0) == 0 else {
            return fail(node, "scale, bias, mean and variance must be float initializers (inference mode)")
        }
        // ONNX's momentum weighs the running value, PyTorch's and cnnc's the new batch.
        // Rounded to 6 decimals, so that PyTorch's 0.1 written as 0.9 reads back as 0.1.
        let momentum = Float(((1 - Double(float(node, "momentum", default: 0.9))) * 1e6).rounded() / 1e6)
        let norm = BatchNorm(epsilon: float(node, "epsilon", default: 1e-5), momentum: momentum)
        guard let name = addLayer(.batchNorm(norm), for: node, inputs: [x], output: node.outputs.first) else { return }
        for (suffix, part) in zip(["weight", "bias", "running_mean", "running_var"], parts) {
            if let part { weight("\(name).\(suffix)", part.values, shape: [part.values.count]) }
        }
    }

    /// Resize or Upsample by whole factors: nearest (PyTorch's floor) or bilinear (half-pixel).
    mutating func upsample(_ node: ONNXNode, input x: (value: ValueID, pending: Insets, padValue: Float)?) {
        guard let x = unpadded(x, node), case let .image(h, w, _) = builder.shape(of: x) else {
            return fail(node, "only an image is resized")
        }
        var factors: [Float]?
        if node.opType == "Resize" {
            factors = floats(node.inputs.count > 2 ? node.inputs[2] : nil).map(\.values).flatMap { $0.isEmpty ? nil : $0 }
            if factors == nil, node.inputs.count > 3, let sizes = int64s(node.inputs[3]), sizes.count == 4 {
                factors = [1, 1, Float(sizes[2]) / Float(h), Float(sizes[3]) / Float(w)]
            }
        } else {
            factors = floats(node.inputs.count > 1 ? node.inputs[1] : nil)?.values
                ?? { if case let .floats(values)? = attribute(node, "scales") { return values } else { return nil } }()
        }
        guard let f = factors, f.count == 4, f[0] == 1, f[1] == 1, f[2] >= 1, f[3] >= 1,
              f[2] <= Float(Layer.maximumSetting), f[3] <= Float(Layer.maximumSetting),
              f[2] == f[2].rounded(), f[3] == f[3].rounded() else {
            return fail(node, "only whole scale factors of height and width are read")
        }
        let mode = string(node, "mode", default: "nearest")
        let transform = string(node, "coordinate_transformation_mode", default: "half_pixel")
        let upsampling: Upsample.Mode
        switch mode {
        case "nearest" where node.opType == "Upsample" || (transform == "asymmetric" && string(node, "nearest_mode", default: "round_prefer_floor") == "floor"):
            upsampling = .nearest
        case "linear" where node.opType == "Resize" && ["half_pixel", "pytorch_half_pixel"].contains(transform),
             "bilinear" where node.opType == "Upsample":
            upsampling = .bilinear
        default:
            return fail(node, "mode \(mode) with \(transform) coordinates is neither PyTorch's nearest nor its bilinear")
        }
        addLayer(.upsample(Upsample(factor: Size2(Int(f[2]), Int(f[3])), mode: upsampling)), for: node, inputs: [x])
    }

    mutating func merge(_ node: ONNXNode, operands: [String]) {
        if operands.count == 1, node.inputs.count == 1, ["Concat", "Sum"].contains(node.opType) {
            bindings[node.outputs.first ?? ""] = bindings[operands[0]]   // of one value: that value
            return
        }
        guard operands.count == node.inputs.count, operands.count >= 2 else {
            return fail(node, "only a merge of layer values is read (a constant operand has no cnnc form)")
        }
        var values: [ValueID] = []
        for operand in operands {
            guard let value = unpadded(value(operand), node) else { return }
            values.append(value)
        }
        let kind: MergeKind
        switch node.opType {
        case "Concat":
            guard integer(node, "axis", default: 1) == 1 else { return fail(node, "only Concat along the channels (axis 1) is read") }
            kind = .concat
        case "Mul": kind = .mul
        default: kind = .add
        }
        addLayer(.merge(kind), for: node, inputs: values)
    }
}
