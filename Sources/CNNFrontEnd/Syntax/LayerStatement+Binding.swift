import CNNModel

extension LayerStatement {
    /// The operation with every setting written as `$param` set to that parameter's value in
    /// `bindings` (a block call's arguments). Two-dimensional settings take the value on both axes.
    func operation(binding bindings: [String: Int]) -> Operation {
        var operation = self.operation
        for (setting, parameter) in parameters {
            guard let value = bindings[parameter] else { continue }
            operation = operation.setting(setting, to: value, strideWritten: argumentSpans[.stride] != nil)
        }
        return operation
    }
}

extension Operation {
    /// The operation with the integer `setting` set to `value`. A pooling window also sets the
    /// stride when the statement wrote none, since the stride defaults to the window.
    func setting(_ setting: Setting, to value: Int, strideWritten: Bool) -> Operation {
        let square = Size2(square: value)
        switch self {
        case var .convolution(conv):
            switch setting {
            case .filters: conv.filters = value
            case .kernel: conv.kernel = square
            case .stride: conv.stride = square
            case .padding: conv.padding = .explicit(square)
            case .dilation: conv.dilation = square
            case .groups: conv.groups = value
            default: break
            }
            return .convolution(conv)
        case var .deconvolution(deconv):
            switch setting {
            case .filters: deconv.filters = value
            case .kernel: deconv.kernel = square
            case .stride: deconv.stride = square
            case .padding: deconv.padding = square
            case .outputPadding: deconv.outputPadding = square
            case .dilation: deconv.dilation = square
            case .groups: deconv.groups = value
            default: break
            }
            return .deconvolution(deconv)
        case var .pooling(pool):
            switch setting {
            case .window:
                pool.window = square
                if !strideWritten { pool.stride = square }
            case .stride: pool.stride = square
            case .padding: pool.padding = .explicit(square)
            default: break
            }
            return .pooling(pool)
        case var .upsample(upsample):
            if setting == .factor { upsample.factor = square }
            return .upsample(upsample)
        case var .dense(dense):
            if setting == .units { dense.units = value }
            return .dense(dense)
        case var .localResponseNorm(lrn):
            if setting == .size { lrn.size = value }
            return .localResponseNorm(lrn)
        default:
            return self
        }
    }
}
