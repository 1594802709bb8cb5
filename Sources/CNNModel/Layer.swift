/// One checked layer: its operation with every shape and padding resolved.
///
/// Built only through `init(name:operation:input:)`, which applies the shape rules,
/// so a `Layer` value is always consistent.
public struct Layer: Hashable, Sendable {
    /// Unique within the model; the prefix of its weight names (`conv1.weight`).
    public let name: String
    public let operation: Operation
    public let inputShape: Shape
    public let outputShape: Shape
    /// Resolved padding of a convolution or pooling layer; zero for every other layer.
    public let padding: Insets

    public init(name: String, operation: Operation, input: Shape) throws(ShapeError) {
        self.name = name
        self.operation = operation
        self.inputShape = input
        (outputShape, padding) = try Layer.infer(operation, input: input)
    }

    /// Upper bound of any size or setting (2^24): far beyond real networks, small enough that
    /// products of a few of them never overflow unnoticed.
    public static let maximumSetting = 1 << 24

    /// True for a dense layer on an image: it flattens in C x H x W order first, as Darknet does implicitly.
    public var flattensInput: Bool {
        if case .dense = operation { return inputShape.isImage }
        return false
    }
}

extension Layer {
    static func infer(_ operation: Operation, input: Shape) throws(ShapeError) -> (Shape, Insets) {
        switch operation {
        case let .convolution(conv):
            try requireInRange(("filters", conv.filters), ("kernel height", conv.kernel.height),
                               ("kernel width", conv.kernel.width), ("stride", conv.stride.height),
                               ("stride", conv.stride.width), ("dilation", conv.dilation.height),
                               ("dilation", conv.dilation.width), ("groups", conv.groups))
            try requirePadding(conv.padding)
            if let filter = conv.fixedFilter, conv.kernel != Size2(square: 3) {
                throw .fixedFilterNeeds3x3(filter, kernel: conv.kernel)
            }
            let (h, w, c) = try image(input, for: operation)
            guard c % conv.groups == 0, conv.filters % conv.groups == 0 else {
                throw .groupsDoNotDivide(groups: conv.groups, channels: c, filters: conv.filters)
            }
            let (out, insets) = try slide(h, w, window: conv.effectiveKernel, stride: conv.stride,
                                          padding: conv.padding)
            guard checkedProduct(out.height, out.width, conv.filters) != nil else {
                throw .overflow(what: "the output of this conv")
            }
            guard checkedProduct(out.height, out.width, conv.filters, conv.kernel.area, c / conv.groups) != nil
            else { throw .overflow(what: "the MAC count of this conv") }
            return (.image(height: out.height, width: out.width, channels: conv.filters), insets)

        case let .pooling(pool):
            try requireInRange(("window height", pool.window.height), ("window width", pool.window.width),
                               ("stride", pool.stride.height), ("stride", pool.stride.width))
            try requirePadding(pool.padding)
            // With p <= k - 1 every window, the first and the last included, covers a real pixel.
            if case let .explicit(amount) = pool.padding,
               amount.height >= pool.window.height || amount.width >= pool.window.width {
                throw .poolingPaddingTooLarge(padding: amount, window: pool.window)
            }
            let (h, w, c) = try image(input, for: operation)
            let (out, insets) = try slide(h, w, window: pool.window, stride: pool.stride, padding: pool.padding)
            return (.image(height: out.height, width: out.width, channels: c), insets)

        case .globalPooling:
            let (_, _, c) = try image(input, for: operation)
            return (.image(height: 1, width: 1, channels: c), .zero)

        case .flatten:
            return (.vector(input.elementCount), .zero)

        case let .dense(dense):
            try requireInRange(("units", dense.units))
            guard checkedProduct(input.elementCount, dense.units) != nil else {
                throw .overflow(what: "the weight count of this dense layer")
            }
            return (.vector(dense.units), .zero)

        case let .dropout(rate):
            guard rate >= 0, rate < 1 else { throw .rateOutOfRange(rate) }
            return (input, .zero)

        case let .localResponseNorm(lrn):
            try requireInRange(("size", lrn.size))
            _ = try image(input, for: operation)
            return (input, .zero)

        case .batchNorm, .activation:
            return (input, .zero)
        }
    }

    private static func image(_ shape: Shape, for operation: Operation) throws(ShapeError) -> (Int, Int, Int) {
        guard case let .image(h, w, c) = shape else {
            throw .needsImageInput(keyword: operation.keyword, found: shape)
        }
        return (h, w, c)
    }

    private static func slide(_ h: Int, _ w: Int, window: Size2, stride: Size2, padding: PaddingMode)
        throws(ShapeError) -> (Size2, Insets)
    {
        let insets = Geometry.insets(padding, input: Size2(h, w), kernel: window, stride: stride)
        guard let paddedH = checkedSum(h, insets.top, insets.bottom),
              let paddedW = checkedSum(w, insets.left, insets.right)
        else { throw .overflow(what: "the padded input") }
        guard let outH = Geometry.outputLength(h, kernel: window.height, stride: stride.height,
                                               padding: insets.top + insets.bottom),
              let outW = Geometry.outputLength(w, kernel: window.width, stride: stride.width,
                                               padding: insets.left + insets.right)
        else { throw .kernelLargerThanInput(kernel: window, paddedInput: Size2(paddedH, paddedW)) }
        return (Size2(outH, outW), insets)
    }

    /// Bounding every setting keeps all later size arithmetic far from overflow.
    static func requireInRange(_ settings: (String, Int)..., minimum: Int = 1) throws(ShapeError) {
        for (setting, value) in settings {
            if value < minimum { throw .valueTooSmall(setting: setting, value: value, minimum: minimum) }
            if value > Layer.maximumSetting {
                throw .valueTooLarge(setting: setting, value: value, maximum: Layer.maximumSetting)
            }
        }
    }

    private static func requirePadding(_ mode: PaddingMode) throws(ShapeError) {
        if case let .explicit(size) = mode {
            try requireInRange(("padding", size.height), ("padding", size.width), minimum: 0)
        }
    }
}
