/// Why a layer cannot accept its input. The front end turns these into diagnostics
/// at the offending source location; library users get them as thrown errors.
public enum ShapeError: Error, Hashable, Sendable {
    /// A spatial layer (conv, pooling, lrn, global pooling) after the data became a vector.
    case needsImageInput(keyword: String, found: Shape)
    /// The dilated kernel or window does not fit in the padded input.
    case kernelLargerThanInput(kernel: Size2, paddedInput: Size2)
    /// `groups` must divide both the input channels and the filters.
    case groupsDoNotDivide(groups: Int, channels: Int, filters: Int)
    /// A setting below its minimum (filters, kernel, stride, dilation, groups, units, size).
    case valueTooSmall(setting: String, value: Int, minimum: Int)
    /// A setting above `Layer.maximumSetting`.
    case valueTooLarge(setting: String, value: Int, maximum: Int)
    /// Explicit pooling padding of at least the window: some windows would see padding only.
    case poolingPaddingTooLarge(padding: Size2, window: Size2)
    /// A dropout rate outside [0, 1).
    case rateOutOfRange(Float)
    /// A fixed filter bank (`weights=sobel`) only exists for 3x3 kernels.
    case fixedFilterNeeds3x3(FixedFilter, kernel: Size2)
    /// An element, parameter or MAC count that does not fit in a 64-bit integer.
    case overflow(what: String)
}

extension ShapeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .needsImageInput(keyword, found):
            return "\(keyword) needs an HxWxC input, but its input is the vector \(found)"
        case let .kernelLargerThanInput(kernel, input):
            return "kernel \(kernel) is larger than its input \(input)"
        case let .groupsDoNotDivide(groups, channels, filters):
            return "\(groups) groups do not divide \(channels) input channels and \(filters) filters"
        case let .valueTooSmall(setting, value, minimum):
            return "\(setting) must be at least \(minimum), not \(value)"
        case let .valueTooLarge(setting, value, maximum):
            return "\(setting) must be at most \(maximum), not \(value)"
        case let .poolingPaddingTooLarge(padding, window):
            return "padding \(padding) leaves pooling windows of \(window) with no input; pad at most"
                + " \(window.height - 1)x\(window.width - 1)"
        case let .rateOutOfRange(rate):
            return "dropout rate \(rate) is outside 0 <= P < 1"
        case let .fixedFilterNeeds3x3(filter, kernel):
            return "weights=\(filter.rawValue) needs a 3x3 kernel, not \(kernel)"
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
