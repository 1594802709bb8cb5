/// Updates weights from their gradients; one value per training run, carrying its own state.
protocol Optimizer {
    /// One step over `parameters` (always the same list, in the same order).
    mutating func update(_ parameters: [Parameter])
}

/// The optimizers `cnnc train --optimizer` offers, with PyTorch's defaults.
public enum OptimizerKind: String, CaseIterable, Sendable {
    case adam, sgd
}

/// `torch.optim.SGD`: `g = grad + wd * w; v = mu * v + g; w -= lr * v` (no dampening, no Nesterov).
struct SGD: Optimizer {
    var learningRate: Float
    var momentum: Float = 0
    var weightDecay: Float = 0
    private var velocity: [[Float]] = []

    init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    mutating func update(_ parameters: [Parameter]) {
        if velocity.isEmpty { velocity = parameters.map { [Float](repeating: 0, count: $0.count) } }
        for (slot, parameter) in parameters.enumerated() {
            for i in 0..<parameter.count {
                let g = parameter.gradient[i] + weightDecay * parameter.value[i]
                velocity[slot][i] = momentum * velocity[slot][i] + g
                parameter.value[i] -= learningRate * (momentum == 0 ? g : velocity[slot][i])
            }
        }
    }
}

/// `torch.optim.Adam` with its defaults (betas 0.9 / 0.999, eps 1e-8; weight decay as L2 on the
/// gradient): `w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)`.
struct Adam: Optimizer {
    var learningRate: Float
    var beta1: Float = 0.9
    var beta2: Float = 0.999
    var epsilon: Float = 1e-8
    var weightDecay: Float = 0
    private var step = 0
    private var first: [[Float]] = []
    private var second: [[Float]] = []

    init(learningRate: Float, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    mutating func update(_ parameters: [Parameter]) {
        if first.isEmpty {
            first = parameters.map { [Float](repeating: 0, count: $0.count) }
            second = first
        }
        step += 1
        let correction1 = 1 - pow(beta1, step), correction2 = 1 - pow(beta2, step)
        let stepSize = learningRate / correction1, root2 = correction2.squareRoot()
        for (slot, parameter) in parameters.enumerated() {
            for i in 0..<parameter.count {
                let g = parameter.gradient[i] + weightDecay * parameter.value[i]
                first[slot][i] = beta1 * first[slot][i] + (1 - beta1) * g
                second[slot][i] = beta2 * second[slot][i] + (1 - beta2) * g * g
                parameter.value[i] -= stepSize * first[slot][i] / (second[slot][i].squareRoot() / root2 + epsilon)
            }
        }
    }

    /// `base^exponent` by repeated multiplication, bit-identical on every platform.
    private func pow(_ base: Float, _ exponent: Int) -> Float {
        var result: Float = 1
        for _ in 0..<exponent { result *= base }
        return result
    }
}
