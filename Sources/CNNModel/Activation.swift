/// Element-wise (or, for softmax, per-position) nonlinearities.
public enum Activation: Hashable, Sendable {
    case relu
    /// Negative slope; 0.01 by default, as PyTorch's `LeakyReLU`.
    case leakyReLU(alpha: Float)
    case sigmoid
    case tanh
    /// Over the channel axis of each position (the last axis, as in Keras).
    case softmax
    case linear

    public static let defaultLeakyAlpha: Float = 0.01

    /// The spec-language keyword.
    public var keyword: String {
        switch self {
        case .relu: return "relu"
        case .leakyReLU: return "leakyrelu"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softmax: return "softmax"
        case .linear: return "linear"
        }
    }

    /// Layers followed by a relu-family activation get He initialisation, others Glorot.
    public var isReLUFamily: Bool {
        switch self {
        case .relu, .leakyReLU: return true
        default: return false
        }
    }
}

extension Activation: CustomStringConvertible {
    /// `relu`, `leakyrelu 0.2` (alpha shown only when not the default).
    public var description: String {
        if case let .leakyReLU(alpha) = self, alpha != Activation.defaultLeakyAlpha {
            return "leakyrelu \(alpha)"
        }
        return keyword
    }
}
