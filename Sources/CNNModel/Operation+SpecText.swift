extension Operation {
    /// The operation as the spec language writes it, defaults left out:
    /// `conv 64 3x3 s2 same d2 g4 relu nobias weights=sobel`, `maxpool 3 s2 ceil`, `dense 10 softmax`.
    public var specText: String {
        var words = [keyword]
        switch self {
        case let .convolution(conv):
            words += ["\(conv.filters)", "\(conv.kernel)"]
            if conv.stride != .one { words.append("s" + conv.stride.compact) }
            if conv.padding != .valid { words.append(conv.padding.description) }
            if conv.dilation != .one { words.append("d" + conv.dilation.compact) }
            if conv.groups != 1 { words.append("g\(conv.groups)") }
            if let activation = conv.activation { words.append(activation.description) }
            if !conv.bias { words.append("nobias") }
            if let filter = conv.fixedFilter { words.append("weights=\(filter.rawValue)") }
        case let .deconvolution(deconv):
            words += ["\(deconv.filters)", "\(deconv.kernel)"]
            if deconv.stride != .one { words.append("s" + deconv.stride.compact) }
            if deconv.padding != Size2(0, 0) { words.append("p" + deconv.padding.compact) }
            if deconv.outputPadding != Size2(0, 0) { words.append("op" + deconv.outputPadding.compact) }
            if deconv.dilation != .one { words.append("d" + deconv.dilation.compact) }
            if deconv.groups != 1 { words.append("g\(deconv.groups)") }
            if let activation = deconv.activation { words.append(activation.description) }
            if !deconv.bias { words.append("nobias") }
        case let .pooling(pool):
            words.append(pool.window.compact)
            if pool.stride != pool.window { words.append("s" + pool.stride.compact) }
            if pool.padding != .valid { words.append(pool.padding.description) }
            if pool.ceilMode { words.append("ceil") }
        case let .upsample(upsample):
            words.append(upsample.factor.compact)
            if upsample.mode != .nearest { words.append(upsample.mode.rawValue) }
        case let .dense(dense):
            words.append("\(dense.units)")
            if let activation = dense.activation { words.append(activation.description) }
            if !dense.bias { words.append("nobias") }
        case let .dropout(rate):
            words.append("\(rate)")
        case let .batchNorm(settings):
            if settings.epsilon != BatchNorm().epsilon { words.append("eps=\(settings.epsilon)") }
            if settings.momentum != BatchNorm().momentum { words.append("momentum=\(settings.momentum)") }
        case let .localResponseNorm(lrn):
            words.append("\(lrn.size)")
        case let .activation(activation):
            words = [activation.description]
        case .globalPooling, .flatten, .merge:
            break
        }
        return words.joined(separator: " ")
    }
}
