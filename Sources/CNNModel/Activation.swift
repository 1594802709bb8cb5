/// Element-wise (or, for softmax, per-position) nonlinearities, each exactly as PyTorch defines it.
public enum Activation: Hashable, Sendable {
    case relu
    /// Negative slope; 0.01 by default, as PyTorch's `LeakyReLU`.
    case leakyReLU(alpha: Float)
    case sigmoid
    case tanh
    /// Over the channel axis of each position (the last axis, as in Keras).
    case softmax
    case linear
    /// `min(max(x, 0), 6)` (MobileNetV2).
    case relu6
    /// `x * sigmoid(x)`, also called swish (EfficientNet).
    case silu
    /// `x * relu6(x + 3) / 6` (MobileNetV3).
    case hardSwish
    /// `relu6(x + 3) / 6`.
    case hardSigmoid
    /// `x * Phi(x)` with the exact normal CDF (the erf form, PyTorch's default).
    case gelu
    /// `x * tanh(softplus(x))` (YOLOv4).
    case mish

    public static let defaultLeakyAlpha: Float = 0.01

    /// Every activation with its default settings, in the order help texts list them.
    public static let all: [Activation] = [
        .relu, .sigmoid, .tanh, .softmax, .leakyReLU(alpha: defaultLeakyAlpha), .linear,
        .relu6, .silu, .hardSwish, .hardSigmoid, .gelu, .mish,
    ]

    /// The spec-language keywords of `all`.
    public static let keywords = all.map(\.keyword)

    /// The activation a spec word names, with default settings; `swish` is another name for `silu`.
    public static func named(_ word: String) -> Activation? {
        word == "swish" ? .silu : all.first { $0.keyword == word }
    }

    /// The spec-language keyword.
    public var keyword: String {
        switch self {
        case .relu: return "relu"
        case .leakyReLU: return "leakyrelu"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softmax: return "softmax"
        case .linear: return "linear"
        case .relu6: return "relu6"
        case .silu: return "silu"
        case .hardSwish: return "hardswish"
        case .hardSigmoid: return "hardsigmoid"
        case .gelu: return "gelu"
        case .mish: return "mish"
        }
    }

    /// Layers followed by a rectifier-like activation get He initialisation, others Glorot.
    public var isReLUFamily: Bool {
        switch self {
        case .relu, .leakyReLU, .relu6, .silu, .hardSwish, .gelu, .mish: return true
        case .sigmoid, .tanh, .softmax, .linear, .hardSigmoid: return false
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
