/// The settings a layer statement can write. Shape errors name the setting they are about, and
/// the front end keeps where each one was written, so a diagnostic points at the right word.
public enum Setting: Hashable, Sendable, CaseIterable {
    case filters, kernel, window, stride, padding, outputPadding, dilation, groups, ceil
    case activation, bias, weights, units, rate, size, alpha, factor, mode, epsilon, momentum
    /// The sizes of `input HxWxC` (`inputSize` for a vector) and the count of a `repeat`: not
    /// layer settings, but checked like them.
    case inputHeight, inputWidth, inputChannels, inputSize, repeatCount

    /// How messages name the setting, with the axis for two-dimensional ones (`kernel height`).
    public func name(axis: Geometry.Axis? = nil) -> String {
        let base: String
        switch self {
        case .outputPadding: base = "output padding"
        case .epsilon: base = "eps"
        case .ceil: base = "ceil mode"
        case .factor: base = "scale factor"
        case .inputHeight: base = "input height"
        case .inputWidth: base = "input width"
        case .inputChannels: base = "input channels"
        case .inputSize: base = "input size"
        case .repeatCount: base = "the repeat count"
        default: base = "\(self)"
        }
        guard let axis, self == .kernel || self == .window else { return base }
        return base + (axis == .height ? " height" : " width")
    }
}
