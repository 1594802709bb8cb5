import CNNFormats
import CNNModel

/// The ONNX nodes of each kind of layer, with PyTorch's semantics where ONNX leaves a choice.
extension ONNXExporter {
    mutating func add(_ layer: Layer) throws(ONNXExportError) {
        let operands = layer.inputs.map(model.name(of:))
        let name = layer.name, x = operands[0]
        switch layer.operation {
        case let .convolution(conv):
            let inputs = [x, "\(name).weight"] + (conv.bias ? ["\(name).bias"] : [])
            let attributes = Self.window(conv.kernel, stride: conv.stride, padding: layer.padding,
                                         isSame: conv.padding == .same && conv.dilation == .one)
                + [ONNXAttribute("dilations", .integers(Self.pair(conv.dilation))),
                   ONNXAttribute("group", .integer(Int64(conv.groups)))]
            let y = node("Conv", inputs, name: name, output: Self.output(of: name, before: conv.activation), attributes)
            activate(y, conv.activation, layer: name)
        case let .deconvolution(deconv):
            let inputs = [x, "\(name).weight"] + (deconv.bias ? ["\(name).bias"] : [])
            let attributes = [ONNXAttribute("kernel_shape", .integers(Self.pair(deconv.kernel))),
                              ONNXAttribute("strides", .integers(Self.pair(deconv.stride))),
                              ONNXAttribute("pads", .integers(Self.pair(deconv.padding) + Self.pair(deconv.padding))),
                              ONNXAttribute("output_padding", .integers(Self.pair(deconv.outputPadding))),
                              ONNXAttribute("dilations", .integers(Self.pair(deconv.dilation))),
                              ONNXAttribute("group", .integer(Int64(deconv.groups)))]
            let y = node("ConvTranspose", inputs, name: name, output: Self.output(of: name, before: deconv.activation),
                         attributes)
            activate(y, deconv.activation, layer: name)
        case let .pooling(pool):
            try pooling(pool, layer, x)
        case let .globalPooling(kind):
            node(kind == .max ? "GlobalMaxPool" : "GlobalAveragePool", [x], name: name)
        case let .upsample(upsample):
            // PyTorch's nearest takes floor(i / s); its bilinear (align_corners=False) is pytorch_half_pixel.
            let scales = constant("\(name)/scales", .float([1, 1, Float(upsample.factor.height),
                                                            Float(upsample.factor.width)]), dimensions: [4])
            let attributes: [ONNXAttribute] = upsample.mode == .nearest
                ? [ONNXAttribute("mode", .string("nearest")),
                   ONNXAttribute("coordinate_transformation_mode", .string("asymmetric")),
                   ONNXAttribute("nearest_mode", .string("floor"))]
                : [ONNXAttribute("mode", .string("linear")),
                   ONNXAttribute("coordinate_transformation_mode", .string("pytorch_half_pixel"))]
            node("Resize", [x, "", scales], name: name, attributes)
        case .flatten:
            node("Flatten", [x], name: name, [ONNXAttribute("axis", .integer(1))])
        case let .dense(dense):
            // The implicit flatten of an image is NCHW's C x H x W order, the order of cnnc's dense weights.
            let flat = layer.flattensInput
                ? node("Flatten", [x], name: "\(name)/flatten", [ONNXAttribute("axis", .integer(1))]) : x
            let inputs = [flat, "\(name).weight"] + (dense.bias ? ["\(name).bias"] : [])
            let y = node("Gemm", inputs, name: name, output: Self.output(of: name, before: dense.activation),
                         [ONNXAttribute("transB", .integer(1))])
            activate(y, dense.activation, layer: name)
        case let .dropout(rate):
            // Identity at inference; the rate is kept for readers of the file.
            let ratio = constant("\(name)/ratio", .float([rate]), dimensions: [])
            node("Dropout", [x, ratio], name: name)
        case let .batchNorm(norm):
            // ONNX's momentum weighs the running value, PyTorch's the new batch.
            let inputs = [x] + ["weight", "bias", "running_mean", "running_var"].map { "\(name).\($0)" }
            node("BatchNormalization", inputs, name: name,
                 [ONNXAttribute("epsilon", .float(norm.epsilon)), ONNXAttribute("momentum", .float(1 - norm.momentum))])
        case let .localResponseNorm(lrn):
            node("LRN", [x], name: name, [ONNXAttribute("size", .integer(Int64(lrn.size))),
                                          ONNXAttribute("alpha", .float(lrn.alpha)),
                                          ONNXAttribute("beta", .float(lrn.beta)),
                                          ONNXAttribute("bias", .float(lrn.k))])
        case let .activation(function):
            if function == .linear {
                node("Identity", [x], name: name)
            } else {
                activate(x, function, layer: name, nodeName: name)
            }
        case let .merge(kind):
            switch kind {
            case .concat: node("Concat", operands, name: name, [ONNXAttribute("axis", .integer(1))])
            case .add: chain("Add", operands, name: name)
            case .mul: chain("Mul", operands, name: name)  // a 1x1xC gate broadcasts as [N, C, 1, 1]
            }
        }
    }

    /// The value a layer's main node defines: the layer's own name, unless an activation follows.
    static func output(of layer: String, before activation: Activation?) -> String {
        activation == nil || activation == .linear ? layer : "\(layer)/linear"
    }

    static func pair(_ size: Size2) -> [Int64] { [Int64(size.height), Int64(size.width)] }

    /// `kernel_shape`, `strides` and `pads` in ONNX's order: top, left, bottom, right; `same`
    /// as `auto_pad=SAME_UPPER` (the odd pixel after, as cnnc puts it), so an import says `same`
    /// again (not when dilated: ONNX Runtime refuses that).
    static func window(_ kernel: Size2, stride: Size2, padding p: Insets, isSame: Bool = false) -> [ONNXAttribute] {
        [ONNXAttribute("kernel_shape", .integers(pair(kernel))), ONNXAttribute("strides", .integers(pair(stride)))]
            + (isSame ? [ONNXAttribute("auto_pad", .string("SAME_UPPER"))]
                      : [ONNXAttribute("pads", .integers([p.top, p.left, p.bottom, p.right].map(Int64.init)))])
    }

    /// Padding never wins a max and never counts in an average (`count_include_pad=0`); the
    /// layer's padding already holds what `ceil` mode adds. ONNX Runtime wants pads smaller than
    /// the window: a max pool padded further is padded first with -inf.
    private mutating func pooling(_ pool: Pooling, _ layer: Layer, _ x: String) throws(ONNXExportError) {
        let name = layer.name, p = layer.padding
        let fitsWindow = max(p.top, p.bottom) < pool.window.height && max(p.left, p.right) < pool.window.width
        let isSame = pool.padding == .same && !pool.ceilMode
        guard pool.kind == .max else {
            guard fitsWindow else {
                throw .unsupported(layer: name, reason: "ONNX's AveragePool needs padding smaller than the window")
            }
            node("AveragePool", [x], name: name, Self.window(pool.window, stride: pool.stride, padding: p, isSame: isSame)
                 + [ONNXAttribute("count_include_pad", .integer(0))])
            return
        }
        if fitsWindow {
            node("MaxPool", [x], name: name, Self.window(pool.window, stride: pool.stride, padding: p, isSame: isSame))
            return
        }
        let pads = constant("\(name)/pads", .int64([0, 0, p.top, p.left, 0, 0, p.bottom, p.right].map(Int64.init)),
                            dimensions: [8])
        let lowest = constant("\(name)/lowest", .float([-.infinity]), dimensions: [])
        let padded = node("Pad", [x, pads, lowest], name: "\(name)/pad", [ONNXAttribute("mode", .string("constant"))])
        node("MaxPool", [padded], name: name, Self.window(pool.window, stride: pool.stride, padding: .zero))
    }

    /// A two-operand operator folded over several operands; the last node has the layer's name.
    private mutating func chain(_ opType: String, _ operands: [String], name: String) {
        var result = operands[0]
        for (index, operand) in operands.dropFirst().enumerated() {
            let isLast = index == operands.count - 2
            result = node(opType, [result, operand], name: isLast ? name : "\(name)/\(opType.lowercased())\(index + 1)")
        }
    }

    /// Applies `activation` to `x`, defining the value `layer`. The last node is called `nodeName`
    /// (`<layer>/<activation>` by default); activations that opset 17 lacks are composed:
    /// SiLU `x * Sigmoid(x)`, GELU `x * (Erf(x / sqrt 2) + 1) / 2`, Mish `x * Tanh(Softplus(x))`.
    mutating func activate(_ x: String, _ activation: Activation?, layer: String, nodeName: String? = nil) {
        guard let activation, activation != .linear else { return }
        let step = activation.keyword
        let last = nodeName ?? "\(layer)/\(step)"
        func helper(_ what: String) -> String { "\(layer)/\(step)/\(what)" }
        func scalar(_ what: String, _ value: Float) -> String {
            constant(helper(what), .float([value]), dimensions: [])
        }
        switch activation {
        case .relu: node("Relu", [x], name: last, output: layer)
        case let .leakyReLU(alpha):
            node("LeakyRelu", [x], name: last, output: layer, [ONNXAttribute("alpha", .float(alpha))])
        case .sigmoid: node("Sigmoid", [x], name: last, output: layer)
        case .tanh: node("Tanh", [x], name: last, output: layer)
        case .softmax: node("Softmax", [x], name: last, output: layer, [ONNXAttribute("axis", .integer(1))])
        case .relu6: node("Clip", [x, scalar("min", 0), scalar("max", 6)], name: last, output: layer)
        case .hardSigmoid:
            node("HardSigmoid", [x], name: last, output: layer,
                 [ONNXAttribute("alpha", .float(1.0 / 6)), ONNXAttribute("beta", .float(0.5))])
        case .hardSwish: node("HardSwish", [x], name: last, output: layer)
        case .silu:
            let gate = node("Sigmoid", [x], name: helper("sigmoid"))
            node("Mul", [x, gate], name: last, output: layer)
        case .gelu:
            let scaled = node("Div", [x, scalar("sqrt2", Float(2).squareRoot())], name: helper("div"))
            let erf = node("Erf", [scaled], name: helper("erf"))
            let shifted = node("Add", [erf, scalar("one", 1)], name: helper("add"))
            let product = node("Mul", [x, shifted], name: helper("mul"))
            node("Mul", [product, scalar("half", 0.5)], name: last, output: layer)
        case .mish:
            let softplus = node("Softplus", [x], name: helper("softplus"))
            let tanh = node("Tanh", [softplus], name: helper("tanh"))
            node("Mul", [x, tanh], name: last, output: layer)
        case .linear: break
        }
    }
}
