import CNNModel

extension Summary {
    /// `conv 5x5/1 valid relu`, `maxpool 2x2/2`, `dense relu (flattens 4x4x16)`, `dropout 0.5`:
    /// kernel and stride as summaries show them; other layers as the spec writes them.
    static func typeDescription(of layer: Layer) -> String {
        var words: [String]
        switch layer.operation {
        case let .convolution(conv):
            words = ["conv", "\(conv.kernel)/\(conv.stride.compact)", conv.padding.description]
            if conv.dilation != .one { words.append("d\(conv.dilation.compact)") }
            if conv.groups != 1 { words.append("g\(conv.groups)") }
            if let activation = conv.activation { words.append(activation.description) }
            if !conv.bias { words.append("nobias") }
            if let filter = conv.fixedFilter { words.append("weights=\(filter.rawValue)") }
        case let .deconvolution(deconv):
            words = ["deconv", "\(deconv.kernel)/\(deconv.stride.compact)"]
            if deconv.padding != Size2(0, 0) { words.append("p" + deconv.padding.compact) }
            if deconv.outputPadding != Size2(0, 0) { words.append("op" + deconv.outputPadding.compact) }
            if deconv.dilation != .one { words.append("d\(deconv.dilation.compact)") }
            if deconv.groups != 1 { words.append("g\(deconv.groups)") }
            if let activation = deconv.activation { words.append(activation.description) }
            if !deconv.bias { words.append("nobias") }
        case let .pooling(pool):
            words = [layer.operation.keyword, "\(pool.window)/\(pool.stride.compact)"]
            if pool.padding != .valid { words.append(pool.padding.description) }
            if pool.ceilMode { words.append("ceil") }
        case let .dense(dense):
            words = ["dense"]
            if let activation = dense.activation { words.append(activation.description) }
            if !dense.bias { words.append("nobias") }
            if layer.flattensInput { words.append("(flattens \(layer.inputShape))") }
        default:
            words = [layer.operation.specText]
        }
        return words.joined(separator: " ")
    }
}
