/// The rules a layer's settings obey whatever its input: checked first by the shape rules, and
/// alone by the front end for a layer whose input could not be checked, so every such mistake
/// is reported in one run.
extension Operation {
    public func validateSettings() throws(ShapeError) {
        switch self {
        case let .convolution(conv):
            try Operation.requireInRange((.filters, nil, conv.filters), (.kernel, .height, conv.kernel.height),
                                         (.kernel, .width, conv.kernel.width), (.stride, nil, conv.stride.height),
                                         (.stride, nil, conv.stride.width), (.dilation, nil, conv.dilation.height),
                                         (.dilation, nil, conv.dilation.width), (.groups, nil, conv.groups))
            try Operation.requirePadding(conv.padding)
            if let filter = conv.fixedFilter, conv.kernel != Size2(square: 3) {
                throw .fixedFilterNeeds3x3(filter, kernel: conv.kernel)
            }
        case let .deconvolution(deconv):
            try Operation.requireInRange((.filters, nil, deconv.filters), (.kernel, .height, deconv.kernel.height),
                                         (.kernel, .width, deconv.kernel.width), (.stride, nil, deconv.stride.height),
                                         (.stride, nil, deconv.stride.width), (.dilation, nil, deconv.dilation.height),
                                         (.dilation, nil, deconv.dilation.width), (.groups, nil, deconv.groups))
            try Operation.requireInRange((.padding, nil, deconv.padding.height), (.padding, nil, deconv.padding.width),
                                         (.outputPadding, nil, deconv.outputPadding.height),
                                         (.outputPadding, nil, deconv.outputPadding.width), minimum: 0)
            // PyTorch's rule: the extra rows must be fewer than the stride or the dilation.
            let op = deconv.outputPadding, s = deconv.stride, d = deconv.dilation
            guard op.height < max(s.height, d.height), op.width < max(s.width, d.width) else {
                throw .outputPaddingTooLarge(outputPadding: op, stride: s, dilation: d)
            }
        case let .pooling(pool):
            try Operation.requireInRange((.window, .height, pool.window.height), (.window, .width, pool.window.width),
                                         (.stride, nil, pool.stride.height), (.stride, nil, pool.stride.width))
            try Operation.requirePadding(pool.padding)
            // With p <= k - 1 every window, the first and the last included, covers a real pixel.
            if case let .explicit(amount) = pool.padding,
               amount.height >= pool.window.height || amount.width >= pool.window.width {
                throw .poolingPaddingTooLarge(padding: amount, window: pool.window)
            }
        case let .upsample(upsample):
            try Operation.requireInRange((.factor, nil, upsample.factor.height), (.factor, nil, upsample.factor.width))
        case let .dense(dense):
            try Operation.requireInRange((.units, nil, dense.units))
        case let .dropout(rate):
            guard rate >= 0, rate < 1 else { throw .rateOutOfRange(rate) }
        case let .localResponseNorm(lrn):
            try Operation.requireInRange((.size, nil, lrn.size))
        case let .batchNorm(settings):
            guard settings.epsilon > 0 else { throw .batchNormSetting(.epsilon, settings.epsilon) }
            guard settings.momentum >= 0, settings.momentum <= 1 else {
                throw .batchNormSetting(.momentum, settings.momentum)
            }
        case .globalPooling, .flatten, .activation, .merge:
            break
        }
    }

    /// Bounding every setting keeps all later size arithmetic far from overflow.
    static func requireInRange(_ settings: (Setting, Geometry.Axis?, Int)..., minimum: Int = 1) throws(ShapeError) {
        for (setting, axis, value) in settings {
            if value < minimum { throw .valueTooSmall(setting, axis: axis, value: value, minimum: minimum) }
            if value > Layer.maximumSetting {
                throw .valueTooLarge(setting, axis: axis, value: value, maximum: Layer.maximumSetting)
            }
        }
    }

    private static func requirePadding(_ mode: PaddingMode) throws(ShapeError) {
        if case let .explicit(size) = mode {
            try requireInRange((.padding, nil, size.height), (.padding, nil, size.width), minimum: 0)
        }
    }
}
