/// The shape rules: the output shape and resolved padding of each operation, or why it cannot run.
extension Layer {
    static func infer(_ operation: Operation, inputs: [Shape]) throws(ShapeError) -> (Shape, Insets) {
        if case let .merge(kind) = operation { return (try merge(kind, inputs), .zero) }
        guard inputs.count == 1 else {
            throw .inputCount(keyword: operation.keyword, expected: "one input", found: inputs.count)
        }
        let input = inputs[0]
        try operation.validateSettings()
        switch operation {
        case let .convolution(conv):
            let (h, w, c) = try image(input, for: operation)
            try requireGroups(conv.groups, channels: c, filters: conv.filters)
            let (out, insets) = try slide(Size2(h, w), setting: .kernel, size: conv.kernel,
                                          extent: conv.effectiveKernel, stride: conv.stride, padding: conv.padding)
            guard checkedProduct(out.height, out.width, conv.filters) != nil else {
                throw .overflow(what: "the output of this conv")
            }
            guard checkedProduct(out.height, out.width, conv.filters, conv.kernel.area, c / conv.groups) != nil
            else { throw .overflow(what: "the MAC count of this conv") }
            return (.image(height: out.height, width: out.width, channels: conv.filters), insets)

        case let .deconvolution(deconv):
            return (try deconvolve(deconv, input), .zero)

        case let .pooling(pool):
            let (h, w, c) = try image(input, for: operation)
            var (out, insets) = try slide(Size2(h, w), setting: .window, size: pool.window, extent: pool.window,
                                          stride: pool.stride, padding: pool.padding)
            if pool.ceilMode { (out, insets) = ceilMode(Size2(h, w), pool, out, insets) }
            return (.image(height: out.height, width: out.width, channels: c), insets)

        case .globalPooling:
            let (_, _, c) = try image(input, for: operation)
            return (.image(height: 1, width: 1, channels: c), .zero)

        case let .upsample(upsample):
            let (h, w, c) = try image(input, for: operation)
            let height = try bounded(h * upsample.factor.height, "the output height of this upsample")
            let width = try bounded(w * upsample.factor.width, "the output width of this upsample")
            guard checkedProduct(height, width, c) != nil else { throw .overflow(what: "the output of this upsample") }
            return (.image(height: height, width: width, channels: c), .zero)

        case .flatten:
            return (.vector(input.elementCount), .zero)

        case let .dense(dense):
            guard checkedProduct(input.elementCount, dense.units) != nil else {
                throw .overflow(what: "the weight count of this dense layer")
            }
            return (.vector(dense.units), .zero)

        case .localResponseNorm:
            _ = try image(input, for: operation)
            return (input, .zero)

        case .dropout, .batchNorm, .activation, .merge:
            return (input, .zero)
        }
    }

    /// PyTorch's `ConvTranspose2d`: `(n - 1) * s - 2p + d * (k - 1) + op + 1` per axis.
    private static func deconvolve(_ deconv: Deconvolution, _ input: Shape) throws(ShapeError) -> Shape {
        let op = deconv.outputPadding, s = deconv.stride
        guard case let .image(h, w, c) = input else {
            throw .needsImageInput(keyword: "deconv", found: input)
        }
        try requireGroups(deconv.groups, channels: c, filters: deconv.filters)
        // Every term is at most 2^24, so these products and sums stay far from overflow.
        let extent = deconv.effectiveKernel
        let height = (h - 1) * s.height - 2 * deconv.padding.height + extent.height + op.height
        let width = (w - 1) * s.width - 2 * deconv.padding.width + extent.width + op.width
        guard height >= 1, width >= 1 else { throw .deconvolutionEmpty(output: Size2(height, width)) }
        _ = try bounded(height, "the output height of this deconv")
        _ = try bounded(width, "the output width of this deconv")
        guard checkedProduct(height, width, deconv.filters) != nil else {
            throw .overflow(what: "the output of this deconv")
        }
        guard checkedProduct(h, w, c, deconv.filters / deconv.groups, deconv.kernel.area) != nil else {
            throw .overflow(what: "the MAC count of this deconv")
        }
        return .image(height: height, width: width, channels: deconv.filters)
    }

    /// `add` and `mul` keep the (broadcast) shape, `concat` stacks channels or vector features.
    private static func merge(_ kind: MergeKind, _ inputs: [Shape]) throws(ShapeError) -> Shape {
        guard inputs.count >= 2 else {
            throw .inputCount(keyword: kind.rawValue, expected: "two or more operands", found: inputs.count)
        }
        switch kind {
        case .add:
            if let other = inputs.firstIndex(where: { $0 != inputs[0] }) {
                throw .operandsDiffer(kind, first: 0, second: other, inputs[0], inputs[other])
            }
            return inputs[0]
        case .mul:
            // The full shape is any operand that is not a 1x1xC gate (or the first, if all are).
            let full = inputs.firstIndex { !isGate($0) } ?? 0
            for (index, shape) in inputs.enumerated() where shape != inputs[full] {
                guard isGate(shape), shape.channels == inputs[full].channels, inputs[full].isImage else {
                    throw .operandsDiffer(kind, first: full, second: index, inputs[full], shape)
                }
            }
            return inputs[full]
        case .concat:
            var total = 0
            for (index, shape) in inputs.enumerated() {
                switch (inputs[0], shape) {
                case let (.image(h, w, _), .image(h2, w2, _)) where h == h2 && w == w2: break
                case (.vector, .vector): break
                default: throw .operandsDiffer(kind, first: 0, second: index, inputs[0], shape)
                }
                total += shape.channels
            }
            let channels = try bounded(total, "the channels of this concat")
            switch inputs[0] {
            case let .image(h, w, _):
                guard checkedProduct(h, w, channels) != nil else { throw .overflow(what: "the output of this concat") }
                return .image(height: h, width: w, channels: channels)
            case .vector:
                return .vector(channels)
            }
        }
    }

    private static func isGate(_ shape: Shape) -> Bool {
        if case .image(1, 1, _) = shape { return true }
        return false
    }

    private static func image(_ shape: Shape, for operation: Operation) throws(ShapeError) -> (Int, Int, Int) {
        guard case let .image(h, w, c) = shape else {
            throw .needsImageInput(keyword: operation.keyword, found: shape)
        }
        return (h, w, c)
    }

    private static func requireGroups(_ groups: Int, channels: Int, filters: Int) throws(ShapeError) {
        guard channels % groups == 0 else { throw .groupsDoNotDivideChannels(groups: groups, channels: channels) }
        guard filters % groups == 0 else { throw .groupsDoNotDivideFilters(groups: groups, filters: filters) }
    }

    /// The output and padding of a window of (dilated) `extent` sliding over `input`.
    private static func slide(_ input: Size2, setting: Setting, size: Size2, extent: Size2, stride: Size2,
                              padding: PaddingMode) throws(ShapeError) -> (Size2, Insets) {
        let insets = Geometry.insets(padding, input: input, kernel: extent, stride: stride)
        guard let paddedH = checkedSum(input.height, insets.top, insets.bottom),
              let paddedW = checkedSum(input.width, insets.left, insets.right)
        else { throw .overflow(what: "the padded input") }
        guard let outH = Geometry.outputLength(input.height, kernel: extent.height, stride: stride.height,
                                               padding: insets.top + insets.bottom),
              let outW = Geometry.outputLength(input.width, kernel: extent.width, stride: stride.width,
                                               padding: insets.left + insets.right)
        else {
            throw .kernelLargerThanInput(WindowMismatch(setting: setting, size: size, extent: extent, input: input,
                                                        padded: Size2(paddedH, paddedW), stride: stride))
        }
        return (Size2(outH, outW), insets)
    }

    /// PyTorch's `ceil_mode`: one more window where floor drops a partial one, unless it would start
    /// past the input and its top/left padding. The rows and columns it reaches past the padded
    /// input are added to the bottom/right padding (never winning a max, never counted in an average).
    private static func ceilMode(_ input: Size2, _ pool: Pooling, _ out: Size2, _ insets: Insets) -> (Size2, Insets) {
        func axis(_ n: Int, _ k: Int, _ s: Int, _ before: Int, _ after: Int, _ floorOut: Int) -> (Int, Int) {
            var count = (n + before + after - k + s - 1) / s + 1
            if (count - 1) * s >= n + before { count -= 1 }
            count = max(count, floorOut)
            return (count, max((count - 1) * s + k - n - before, after))
        }
        let (outH, bottom) = axis(input.height, pool.window.height, pool.stride.height, insets.top, insets.bottom,
                                  out.height)
        let (outW, right) = axis(input.width, pool.window.width, pool.stride.width, insets.left, insets.right,
                                 out.width)
        return (Size2(outH, outW), Insets(top: insets.top, bottom: bottom, left: insets.left, right: right))
    }

    private static func bounded(_ size: Int, _ what: String) throws(ShapeError) -> Int {
        guard size <= Layer.maximumSetting else { throw .sizeTooLarge(what: what, size: size) }
        return size
    }
}
