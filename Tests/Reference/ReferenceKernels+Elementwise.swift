import CNNModel
import Foundation

extension ReferenceKernels {
    /// The activation applied to every value, from PyTorch's formulas; softmax over each run of `channels`.
    public static func activation(_ activation: Activation, _ values: [Float], channels: Int) -> [Float] {
        switch activation {
        case .linear: return values
        case .relu: return values.map { $0 > 0 ? $0 : 0 }
        case let .leakyReLU(alpha): return values.map { $0 > 0 ? $0 : alpha * $0 }
        case .sigmoid: return values.map { 1 / (1 + exp(-$0)) }
        case .tanh: return values.map { tanh($0) }
        case .relu6: return values.map { min(max($0, 0), 6) }
        case .silu: return values.map { $0 * (1 / (1 + exp(-$0))) }
        case .hardSwish: return values.map { $0 * min(max($0 + 3, 0), 6) / 6 }
        case .hardSigmoid: return values.map { min(max($0 + 3, 0), 6) / 6 }
        case .gelu: return values.map { Float(0.5 * Double($0) * (1 + erf(Double($0) / 2.0.squareRoot()))) }
        case .mish: return values.map { Float(Double($0) * tanh(log(1 + exp(Double($0))))) }
        case .softmax:
            var output = values
            for start in stride(from: 0, to: values.count, by: channels) {
                let row = values[start..<start + channels]
                let largest = row.max() ?? 0
                let sum = row.reduce(0) { $0 + exp($1 - largest) }
                for i in row.indices { output[i] = exp(values[i] - largest) / sum }
            }
            return output
        }
    }

    /// `(x - mean) / sqrt(var + eps) * weight + bias` per channel (the last axis).
    public static func batchNorm(_ values: [Float], channels: Int, weight: [Float], bias: [Float], mean: [Float],
                                 variance: [Float], epsilon: Float) -> [Float] {
        values.indices.map { i in
            let c = i % channels
            return (values[i] - mean[c]) / (variance[c] + epsilon).squareRoot() * weight[c] + bias[c]
        }
    }

    /// PyTorch's `LocalResponseNorm` over the last axis: zero-padded `size/2` channels before and
    /// `(size-1)/2` after, averaged over `size` (padding counted), times alpha, plus k, to the beta.
    public static func localResponseNorm(_ values: [Float], channels: Int, settings s: LocalResponseNorm) -> [Float] {
        values.indices.map { i in
            let c = i % channels, base = i - c
            var sum: Float = 0
            for other in (c - s.size / 2)...(c + (s.size - 1) / 2) where other >= 0 && other < channels {
                sum += values[base + other] * values[base + other]
            }
            return values[i] / pow(s.k + s.alpha * sum / Float(s.size), s.beta)
        }
    }
}
