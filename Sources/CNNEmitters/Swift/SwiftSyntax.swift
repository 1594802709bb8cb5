import CNNModel

/// `CNNModel` values written as the Swift expressions that build them, defaults left out.
enum SwiftSyntax {
    static func operation(_ operation: Operation) -> String {
        switch operation {
        case let .convolution(conv):
            var arguments = ["filters: \(conv.filters)", "kernel: \(size(conv.kernel))"]
            if conv.stride != .one { arguments.append("stride: \(size(conv.stride))") }
            if conv.dilation != .one { arguments.append("dilation: \(size(conv.dilation))") }
            if conv.groups != 1 { arguments.append("groups: \(conv.groups)") }
            if conv.padding != .valid { arguments.append("padding: \(padding(conv.padding))") }
            if !conv.bias { arguments.append("bias: false") }
            if let activation = conv.activation { arguments.append("activation: \(self.activation(activation))") }
            if let filter = conv.fixedFilter { arguments.append("fixedFilter: .\(filter.rawValue)") }
            return ".convolution(Convolution(\(arguments.joined(separator: ", "))))"
        case let .deconvolution(deconv):
            var arguments = ["filters: \(deconv.filters)", "kernel: \(size(deconv.kernel))"]
            if deconv.stride != .one { arguments.append("stride: \(size(deconv.stride))") }
            if deconv.padding != Size2(0, 0) { arguments.append("padding: \(size(deconv.padding))") }
            if deconv.outputPadding != Size2(0, 0) { arguments.append("outputPadding: \(size(deconv.outputPadding))") }
            if deconv.dilation != .one { arguments.append("dilation: \(size(deconv.dilation))") }
            if deconv.groups != 1 { arguments.append("groups: \(deconv.groups)") }
            if !deconv.bias { arguments.append("bias: false") }
            if let activation = deconv.activation { arguments.append("activation: \(self.activation(activation))") }
            return ".deconvolution(Deconvolution(\(arguments.joined(separator: ", "))))"
        case let .pooling(pool):
            var arguments = ["kind: .\(pool.kind.rawValue)", "window: \(size(pool.window))"]
            if pool.stride != pool.window { arguments.append("stride: \(size(pool.stride))") }
            if pool.padding != .valid { arguments.append("padding: \(padding(pool.padding))") }
            if pool.ceilMode { arguments.append("ceilMode: true") }
            return ".pooling(Pooling(\(arguments.joined(separator: ", "))))"
        case let .upsample(upsample):
            return ".upsample(Upsample(factor: \(size(upsample.factor)), mode: .\(upsample.mode.rawValue)))"
        case let .merge(kind):
            return ".merge(.\(kind.rawValue))"
        case let .globalPooling(kind):
            return ".globalPooling(.\(kind.rawValue))"
        case .flatten:
            return ".flatten"
        case let .dense(dense):
            var arguments = ["units: \(dense.units)"]
            if !dense.bias { arguments.append("bias: false") }
            if let activation = dense.activation { arguments.append("activation: \(self.activation(activation))") }
            return ".dense(Dense(\(arguments.joined(separator: ", "))))"
        case let .dropout(rate):
            return ".dropout(rate: \(rate))"
        case let .batchNorm(settings):
            let defaults = BatchNorm()
            if settings == defaults { return ".batchNorm(BatchNorm())" }
            return ".batchNorm(BatchNorm(epsilon: \(settings.epsilon), momentum: \(settings.momentum)))"
        case let .localResponseNorm(lrn):
            let defaults = LocalResponseNorm(size: lrn.size)
            if lrn == defaults { return ".localResponseNorm(LocalResponseNorm(size: \(lrn.size)))" }
            return ".localResponseNorm(LocalResponseNorm(size: \(lrn.size), alpha: \(lrn.alpha), beta: \(lrn.beta), k: \(lrn.k)))"
        case let .activation(activation):
            return ".activation(\(self.activation(activation)))"
        }
    }

    static func activation(_ activation: Activation) -> String {
        switch activation {
        case .relu: return ".relu"
        case let .leakyReLU(alpha): return ".leakyReLU(alpha: \(alpha))"
        case .sigmoid: return ".sigmoid"
        case .tanh: return ".tanh"
        case .softmax: return ".softmax"
        case .linear: return ".linear"
        case .relu6: return ".relu6"
        case .silu: return ".silu"
        case .hardSwish: return ".hardSwish"
        case .hardSigmoid: return ".hardSigmoid"
        case .gelu: return ".gelu"
        case .mish: return ".mish"
        }
    }

    static func padding(_ padding: PaddingMode) -> String {
        switch padding {
        case .valid: return ".valid"
        case .same: return ".same"
        case .full: return ".full"
        case let .explicit(amount): return ".explicit(\(size(amount)))"
        }
    }

    static func size(_ size: Size2) -> String { "Size2(\(size.height), \(size.width))" }

    static func shape(_ shape: Shape) -> String {
        switch shape {
        case let .image(h, w, c): return ".image(height: \(h), width: \(w), channels: \(c))"
        case let .vector(n): return ".vector(\(n))"
        }
    }

    /// A local constant for the value called `name`: letters, digits and `_`, dots as `_`, never a keyword.
    static func variable(_ name: String) -> String {
        let text = String(name.unicodeScalars.map { scalar -> Character in
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                ? Character(scalar) : "_"
        })
        return "v_" + text
    }

    /// A Swift string literal (layer names are identifiers, but escape anyway).
    static func string(_ text: String) -> String {
        var result = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            // A CR ends the line too; other control characters would be invisible or rejected.
            case _ where character.value < 0x20 || (0x7F...0x9F).contains(character.value)
                || CommentText.isLineBreak(character):
                result += "\\u{\(String(character.value, radix: 16))}"
            default: result.unicodeScalars.append(character)
            }
        }
        return result + "\""
    }
}
