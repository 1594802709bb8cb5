import CNNModel

/// The Python of one layer: the submodule `__init__` registers and the statements `forward` runs.
///
/// Every spec layer becomes a submodule named like the layer, so `state_dict()` holds exactly
/// `layer.parameterTensors`. Padding follows `layer.padding` (already resolved by CNNModel):
/// symmetric padding goes into the module's `padding=`, anything else into an explicit `F.pad`.
struct PyTorchLayerCode {
    /// The `__init__` statements: the registration, then any setup (frozen fixed filters).
    private(set) var initialisation: [String] = []
    /// The `forward` statements, each reading and assigning `x`.
    private(set) var forward: [String] = []
    /// The final softmax, when the caller asked to keep it out of `forward` (see `init`).
    private(set) var finalSoftmax: String?
    private(set) var helpers: Set<PyTorchHelper> = []

    /// The layer's code as a submodule called `name` (its name inside the block call it is in).
    /// With `splittingSoftmax`, a softmax this layer ends with is left out of `forward` and
    /// returned as `finalSoftmax`, so the model can also return the scores before it. A merge has
    /// no submodule: its expression is the caller's, which knows the operands' variables.
    init(_ layer: Layer, name: String, splittingSoftmax: Bool = false) {
        let reference = SubmoduleReference(layerName: name)
        let submodule = reference.expression
        var activation: Activation?
        let module: String?
        switch layer.operation {
        case let .convolution(conv):
            module = PyTorchLayerCode.convolution(conv, layer)
            if !layer.padding.isSymmetric {
                forward.append("x = F.pad(x, \(PythonSyntax.padding(layer.padding)))"
                    + "  # zeros; 'same' puts the odd pixel after")
            }
            forward.append("x = \(submodule)(x)")
            activation = conv.activation
            if let filter = conv.fixedFilter {
                initialisation.append("fix_weights(\(submodule), \(PythonSyntax.string(filter.rawValue)))")
                helpers.insert(.fixedFilters)
            }
        case let .deconvolution(deconv):
            module = PyTorchLayerCode.deconvolution(deconv, layer)
            forward.append("x = \(submodule)(x)")
            activation = deconv.activation
        case let .pooling(pool):
            module = pooling(pool, layer, submodule)
        case let .upsample(upsample):
            let corners = upsample.mode == .bilinear ? ", align_corners=False" : ""
            module = "nn.Upsample(scale_factor=\(PythonSyntax.size(upsample.factor)), "
                + "mode=\(PythonSyntax.string(upsample.mode.rawValue))\(corners))"
            forward.append("x = \(submodule)(x)")
        case .merge:
            module = nil
        case let .globalPooling(kind):
            module = kind == .max ? "nn.AdaptiveMaxPool2d(1)" : "nn.AdaptiveAvgPool2d(1)"
            forward.append("x = \(submodule)(x)")
        case .flatten:
            module = "nn.Flatten()"
            forward.append("x = \(submodule)(x)  # C x H x W order")
        case let .dense(dense):
            module = "nn.Linear(\(layer.inputShape.elementCount), \(dense.units)\(dense.bias ? "" : ", bias=False"))"
            if layer.flattensInput {
                forward.append("x = torch.flatten(x, 1)  # implicit flatten, C x H x W order as cnnc's weights")
            }
            forward.append("x = \(submodule)(x)")
            activation = dense.activation
        case let .dropout(rate):
            module = "nn.Dropout(p=\(PythonSyntax.float(rate)))"
            forward.append("x = \(submodule)(x)")
        case let .batchNorm(norm):
            let kind = layer.inputShape.isImage ? "BatchNorm2d" : "BatchNorm1d"
            module = "nn.\(kind)(\(layer.inputShape.channels), eps=\(PythonSyntax.float(norm.epsilon)), "
                + "momentum=\(PythonSyntax.float(norm.momentum)))"
            forward.append("x = \(submodule)(x)")
        case let .localResponseNorm(lrn):
            module = "nn.LocalResponseNorm(\(lrn.size), alpha=\(PythonSyntax.float(lrn.alpha)), "
                + "beta=\(PythonSyntax.float(lrn.beta)), k=\(PythonSyntax.float(lrn.k)))"
            forward.append("x = \(submodule)(x)")
        case let .activation(function):
            module = PyTorchLayerCode.module(for: function)
            if splittingSoftmax, function == .softmax {
                finalSoftmax = "\(submodule)(x)"
            } else {
                forward.append("x = \(submodule)(x)")
            }
        }
        if let module { initialisation.insert(reference.registration(module), at: 0) }
        if let activation {
            if splittingSoftmax, activation == .softmax {
                finalSoftmax = PyTorchLayerCode.expression(for: .softmax)
            } else if let expression = PyTorchLayerCode.expression(for: activation) {
                forward.append("x = \(expression)")
            }
        }
    }

    private static func convolution(_ conv: Convolution, _ layer: Layer) -> String {
        var arguments = ["\(layer.inputShape.channels)", "\(conv.filters)",
                         "kernel_size=\(PythonSyntax.size(conv.kernel))"]
        if conv.stride != .one { arguments.append("stride=\(PythonSyntax.size(conv.stride))") }
        let insets = layer.padding
        if insets.isSymmetric, !insets.isZero {
            arguments.append("padding=\(PythonSyntax.size(Size2(insets.top, insets.left)))")
        }
        if conv.dilation != .one { arguments.append("dilation=\(PythonSyntax.size(conv.dilation))") }
        if conv.groups != 1 { arguments.append("groups=\(conv.groups)") }
        if !conv.bias { arguments.append("bias=False") }
        return "nn.Conv2d(\(arguments.joined(separator: ", ")))"
    }

    private static func deconvolution(_ deconv: Deconvolution, _ layer: Layer) -> String {
        var arguments = ["\(layer.inputShape.channels)", "\(deconv.filters)",
                         "kernel_size=\(PythonSyntax.size(deconv.kernel))"]
        if deconv.stride != .one { arguments.append("stride=\(PythonSyntax.size(deconv.stride))") }
        if deconv.padding != Size2(0, 0) { arguments.append("padding=\(PythonSyntax.size(deconv.padding))") }
        if deconv.outputPadding != Size2(0, 0) {
            arguments.append("output_padding=\(PythonSyntax.size(deconv.outputPadding))")
        }
        if deconv.groups != 1 { arguments.append("groups=\(deconv.groups)") }
        if !deconv.bias { arguments.append("bias=False") }
        if deconv.dilation != .one { arguments.append("dilation=\(PythonSyntax.size(deconv.dilation))") }
        return "nn.ConvTranspose2d(\(arguments.joined(separator: ", ")))"
    }

    /// Max pooling pads with -inf (never wins), average pooling divides by the real pixels only.
    /// PyTorch's pooling modules do exactly that for symmetric padding of at most half the window;
    /// beyond that (asymmetric `same`, `full`, large `pN`) the padding is explicit.
    private mutating func pooling(_ pool: Pooling, _ layer: Layer, _ submodule: String) -> String {
        let insets = layer.padding
        let inModule = insets.isSymmetric && insets.top <= pool.window.height / 2
            && insets.left <= pool.window.width / 2
        var arguments = ["\(PythonSyntax.size(pool.window))"]
        if pool.stride != pool.window { arguments.append("stride=\(PythonSyntax.size(pool.stride))") }
        if inModule, !insets.isZero {
            arguments.append("padding=\(PythonSyntax.size(Size2(insets.top, insets.left)))")
            if pool.kind == .average { arguments.append("count_include_pad=False") }
        }
        let padding = PythonSyntax.padding(insets)
        switch (pool.kind, inModule) {
        case (.max, false):
            forward.append("x = F.pad(x, \(padding), value=float(\"-inf\"))  # padding never wins a max")
            forward.append("x = \(submodule)(x)")
        case (.average, false):
            forward.append("x = average_excluding_padding(x, \(submodule), \(padding))")
            helpers.insert(.averageExcludingPadding)
        default:
            forward.append("x = \(submodule)(x)")
        }
        return "nn.\(pool.kind == .max ? "MaxPool2d" : "AvgPool2d")(\(arguments.joined(separator: ", ")))"
    }

    /// The activation as a submodule, for activation layers.
    static func module(for activation: Activation) -> String {
        switch activation {
        case .relu: return "nn.ReLU()"
        case let .leakyReLU(alpha): return "nn.LeakyReLU(\(PythonSyntax.float(alpha)))"
        case .sigmoid: return "nn.Sigmoid()"
        case .tanh: return "nn.Tanh()"
        case .softmax: return "nn.Softmax(dim=1)"
        case .linear: return "nn.Identity()"
        case .relu6: return "nn.ReLU6()"
        case .silu: return "nn.SiLU()"
        case .hardSwish: return "nn.Hardswish()"
        case .hardSigmoid: return "nn.Hardsigmoid()"
        case .gelu: return "nn.GELU()"
        case .mish: return "nn.Mish()"
        }
    }

    /// The activation applied to `x`, for a conv's or dense layer's own activation; nil for linear.
    static func expression(for activation: Activation) -> String? {
        switch activation {
        case .relu: return "F.relu(x)"
        case let .leakyReLU(alpha): return "F.leaky_relu(x, \(PythonSyntax.float(alpha)))"
        case .sigmoid: return "torch.sigmoid(x)"
        case .tanh: return "torch.tanh(x)"
        case .softmax: return "torch.softmax(x, dim=1)"
        case .linear: return nil
        case .relu6: return "F.relu6(x)"
        case .silu: return "F.silu(x)"
        case .hardSwish: return "F.hardswish(x)"
        case .hardSigmoid: return "F.hardsigmoid(x)"
        case .gelu: return "F.gelu(x)"
        case .mish: return "F.mish(x)"
        }
    }
}
