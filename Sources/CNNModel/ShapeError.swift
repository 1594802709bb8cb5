/// Why a layer cannot accept its inputs. One wording for every tool: the front end shows
/// `description` at the offending source location (adding notes and help); library users get
/// the same text from a thrown error.
public enum ShapeError: Error, Hashable, Sendable {
    /// A spatial layer (conv, pooling, lrn, upsample, global pooling) after the data became a vector.
    case needsImageInput(keyword: String, found: Shape)
    /// The dilated kernel or window does not fit in the padded input.
    case kernelLargerThanInput(WindowMismatch)
    /// `groups` must divide the input channels.
    case groupsDoNotDivideChannels(groups: Int, channels: Int)
    /// `groups` must divide the filters.
    case groupsDoNotDivideFilters(groups: Int, filters: Int)
    /// A setting below its minimum (filters, kernel, stride, dilation, groups, units, size).
    case valueTooSmall(Setting, axis: Geometry.Axis? = nil, value: Int, minimum: Int)
    /// A setting above `Layer.maximumSetting`.
    case valueTooLarge(Setting, axis: Geometry.Axis? = nil, value: Int, maximum: Int)
    /// Explicit pooling padding of at least the window: some windows would see padding only.
    case poolingPaddingTooLarge(padding: Size2, window: Size2)
    /// A dropout rate outside [0, 1).
    case rateOutOfRange(Float)
    /// A batchnorm eps that is not positive, or a momentum outside [0, 1].
    case batchNormSetting(Setting, Float)
    /// A fixed filter bank (`weights=sobel`) only exists for 3x3 kernels.
    case fixedFilterNeeds3x3(FixedFilter, kernel: Size2)
    /// A transposed convolution's output padding must be smaller than its stride or its dilation.
    case outputPaddingTooLarge(outputPadding: Size2, stride: Size2, dilation: Size2)
    /// A transposed convolution whose padding crops away the whole output.
    case deconvolutionEmpty(output: Size2)
    /// Merge operands whose shapes cannot be combined; `first` and `second` are operand indices (0-based).
    case operandsDiffer(MergeKind, first: Int, second: Int, Shape, Shape)
    /// A layer given the wrong number of inputs (a merge needs two or more, every other layer one).
    case inputCount(keyword: String, expected: String, found: Int)
    /// An output size beyond `Layer.maximumSetting` (upsampling, a transposed convolution, a concat).
    case sizeTooLarge(what: String, size: Int)
    /// An element, parameter or MAC count that does not fit in a 64-bit integer.
    case overflow(what: String)
}

/// A kernel or window that does not fit in its (padded) input, with what a message needs to explain it.
public struct WindowMismatch: Hashable, Sendable {
    /// `kernel` (conv) or `window` (pooling).
    public var setting: Setting
    /// As written.
    public var size: Size2
    /// Dilated: `d * (k - 1) + 1` per axis.
    public var extent: Size2
    public var input: Size2
    public var padded: Size2
    public var stride: Size2

    public init(setting: Setting, size: Size2, extent: Size2, input: Size2, padded: Size2, stride: Size2) {
        self.setting = setting
        self.size = size
        self.extent = extent
        self.input = input
        self.padded = padded
        self.stride = stride
    }

    /// The axis that does not fit (height when both fail).
    public var axis: Geometry.Axis { padded.height < extent.height ? .height : .width }
}

extension ShapeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .needsImageInput(keyword, found):
            return "\(keyword) needs an HxWxC input, but its input is the vector \(found)"
        case let .kernelLargerThanInput(window):
            let dilated = window.extent != window.size ? " dilated to \(window.extent)" : ""
            let padded = window.padded != window.input ? "padded " : ""
            return "\(window.setting) \(window.size)\(dilated) is larger than its \(padded)input \(window.padded)"
        case let .groupsDoNotDivideChannels(groups, channels):
            return "\(groups) groups do not divide the \(channels) input channels"
        case let .groupsDoNotDivideFilters(groups, filters):
            return "\(groups) groups do not divide the \(filters) filters"
        case let .valueTooSmall(setting, axis, value, minimum):
            return "\(setting.name(axis: axis)) must be at least \(minimum), not \(value)"
        case let .valueTooLarge(setting, axis, value, maximum):
            return "\(setting.name(axis: axis)) must be at most \(maximum), not \(value)"
        case let .poolingPaddingTooLarge(padding, window):
            return "padding \(padding) leaves some \(window) pooling windows with no input"
        case let .rateOutOfRange(rate):
            return "dropout rate \(rate) is outside 0 <= P < 1"
        case let .batchNormSetting(setting, value):
            return setting == .epsilon ? "batchnorm eps must be positive, not \(value)"
                : "batchnorm momentum \(value) is outside 0 <= momentum <= 1"
        case let .fixedFilterNeeds3x3(filter, kernel):
            return "weights=\(filter.rawValue) needs a 3x3 kernel, not \(kernel)"
        case let .outputPaddingTooLarge(outputPadding, stride, dilation):
            return "output padding \(outputPadding) must be smaller than the stride \(stride) or the dilation \(dilation)"
        case let .deconvolutionEmpty(output):
            return "the padding crops the whole output of this deconv (it would be \(output))"
        case let .operandsDiffer(kind, first, second, a, b):
            let what: String
            switch kind {
            case .add: what = "operands of one shape"
            case .concat: what = "operands of one height and width (or all vectors)"
            case .mul: what = "operands of one shape, or an HxWxC operand and a 1x1xC gate"
            }
            return "\(kind) needs \(what), but operand \(first + 1) is \(a) and operand \(second + 1) is \(b)"
        case let .inputCount(keyword, expected, found):
            return "\(keyword) takes \(expected), not \(found)"
        case let .sizeTooLarge(what, size):
            return "\(what) would be \(size), more than \(Layer.maximumSetting)"
        case let .overflow(what):
            return "\(what) overflows a 64-bit integer"
        }
    }
}

/// `a * b * ...` or nil when it overflows; sizes come from user input and must never trap.
@inlinable
public func checkedProduct(_ factors: Int...) -> Int? {
    var result = 1
    for factor in factors {
        let (product, overflow) = result.multipliedReportingOverflow(by: factor)
        if overflow { return nil }
        result = product
    }
    return result
}

/// `a + b + ...` or nil when it overflows.
@inlinable
public func checkedSum(_ terms: Int...) -> Int? {
    var result = 0
    for term in terms {
        let (sum, overflow) = result.addingReportingOverflow(term)
        if overflow { return nil }
        result = sum
    }
    return result
}
