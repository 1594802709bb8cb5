import CNNModel

extension Activation {
    /// How a conv or dense layer applies its activation: the part fused into the GEMM's store, and
    /// the activation (if any) still to run as a separate pass.
    static func split(_ activation: Activation?) -> (fused: FusedActivation, separate: Activation?) {
        switch activation {
        case nil, .linear?: return (.none, nil)
        case .relu?: return (.relu, nil)
        case let .leakyReLU(alpha)?: return (.leakyReLU(alpha), nil)
        case .relu6?: return (.relu6, nil)
        case let other?: return (.none, other)
        }
    }
}

extension Activation {
    /// The activation as an inference store can apply it: what `split` fuses, and sigmoid and silu
    /// (whose training gradients need a separate pass); nil for the others.
    var inferenceFused: FusedActivation? {
        switch self {
        case .sigmoid: return .sigmoid
        case .silu: return .silu
        default:
            let split = Activation.split(self)
            return split.separate == nil ? split.fused : nil
        }
    }

    /// True when the gradient needs the value before the activation, not only the value after it.
    var gradientNeedsInput: Bool {
        switch self {
        case .silu, .hardSwish, .gelu, .mish: return true
        default: return false
        }
    }
}

/// The activation a conv, deconv or dense layer runs after its GEMM when the GEMM's store cannot
/// fuse it. In training it keeps the values before it when its gradient needs them.
final class TrailingActivation {
    let activation: Activation?
    /// `z` of the last training pass, for silu, hardswish, gelu and mish.
    private(set) var preActivation = FloatBuffer(count: 0)

    init(_ activation: Activation?) {
        self.activation = activation
    }

    /// Applies the activation to `count` values of `output` in place, first keeping them when `training`.
    func apply(to output: FloatBuffer, count: Int, channels: Int, training: Bool) {
        guard let activation else { return }
        if training, activation.gradientNeedsInput {
            if preActivation.count < count { preActivation = FloatBuffer(count: count) }
            preActivation.pointer.update(from: output.pointer, count: count)
        }
        ElementwiseKernels.apply(activation, to: output, count: count, channels: channels)
    }

    /// The input the activation's gradient needs (nil when it needs none).
    var inputForGradient: FloatBuffer? { activation?.gradientNeedsInput == true ? preActivation : nil }
}
