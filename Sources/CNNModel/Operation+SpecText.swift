extension Operation {
    /// The operation as the spec language writes it, defaults left out:
    /// `conv 64 3x3 s2 same d2 g4 relu nobias weights=sobel`, `maxpool 3 s2`, `dense 10 softmax`.
    public var specText: String {
        var words = [keyword]
        switch self {
        case let .convolution(conv):
            words += ["\(conv.filters)", "\(conv.kernel)"]
            if conv.stride != .one { words.append("s" + Operation.compact(conv.stride)) }
            if conv.padding != .valid { words.append(conv.padding.description) }
            if conv.dilation != .one { words.append("d" + Operation.compact(conv.dilation)) }
            if conv.groups != 1 { words.append("g\(conv.groups)") }
            if let activation = conv.activation { words.append(activation.description) }
            if !conv.bias { words.append("nobias") }
            if let filter = conv.fixedFilter { words.append("weights=\(filter.rawValue)") }
        case let .pooling(pool):
            words.append(Operation.compact(pool.window))
            if pool.stride != pool.window { words.append("s" + Operation.compact(pool.stride)) }
            if pool.padding != .valid { words.append(pool.padding.description) }
        case let .dense(dense):
            words.append("\(dense.units)")
            if let activation = dense.activation { words.append(activation.description) }
            if !dense.bias { words.append("nobias") }
        case let .dropout(rate):
            words.append("\(rate)")
        case let .localResponseNorm(lrn):
            words.append("\(lrn.size)")
        case let .activation(activation):
            words = [activation.description]
        case .globalPooling, .flatten, .batchNorm:
            break
        }
        return words.joined(separator: " ")
    }

    /// `2` for a square size, `2x1` otherwise: how windows, strides and dilations are written.
    private static func compact(_ size: Size2) -> String {
        size.isSquare ? "\(size.height)" : "\(size)"
    }
}
