/// Batch normalisation in training mode over NHWC data: statistics over the N*H*W positions of
/// each channel, as PyTorch's `BatchNorm2d` (and `BatchNorm1d` on vectors) in `train()` mode.
enum BatchNormKernels {
    /// Normalises with the batch's own statistics: writes `normalized` (x-hat), `output`, the
    /// per-channel `inverseDeviation` 1/sqrt(var + eps), and returns the batch means and biased variances.
    static func forward(input: FloatBuffer, output: FloatBuffer, normalized: FloatBuffer, positions: Int,
                        channels: Int, weight: [Float], bias: [Float], epsilon: Float,
                        inverseDeviation: inout [Float]) -> (mean: [Float], variance: [Float]) {
        var mean = [Double](repeating: 0, count: channels), square = [Double](repeating: 0, count: channels)
        let x = input.pointer
        for position in 0..<positions {
            for c in 0..<channels {
                let value = Double(x[position * channels + c])
                mean[c] += value
                square[c] += value * value
            }
        }
        let count = Double(positions)
        var variance = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            mean[c] /= count
            variance[c] = Float(max(square[c] / count - mean[c] * mean[c], 0))
            inverseDeviation[c] = 1 / (variance[c] + epsilon).squareRoot()
        }
        let y = output.pointer, xhat = normalized.pointer
        for position in 0..<positions {
            for c in 0..<channels {
                let i = position * channels + c
                xhat[i] = (x[i] - Float(mean[c])) * inverseDeviation[c]
                y[i] = xhat[i] * weight[c] + bias[c]
            }
        }
        return (mean.map { Float($0) }, variance)
    }

    /// `dx = inv / n * (n * g*w - sum(g*w) - xhat * sum(g*w * xhat))`, `dw = sum(g * xhat)`, `db = sum g`.
    static func backward(gradient: FloatBuffer, normalized: FloatBuffer, inputGradient: FloatBuffer?,
                         positions: Int, channels: Int, weight: [Float], inverseDeviation: [Float],
                         weightGradient: inout [Float], biasGradient: inout [Float]) {
        let g = gradient.pointer, xhat = normalized.pointer
        var sumG = [Float](repeating: 0, count: channels), sumGX = [Float](repeating: 0, count: channels)
        for position in 0..<positions {
            for c in 0..<channels {
                let i = position * channels + c
                sumG[c] += g[i]
                sumGX[c] += g[i] * xhat[i]
            }
        }
        biasGradient = sumG
        weightGradient = sumGX
        guard let inputGradient else { return }
        let n = Float(positions), dx = inputGradient.pointer
        for position in 0..<positions {
            for c in 0..<channels {
                let i = position * channels + c
                dx[i] = weight[c] * inverseDeviation[c] / n * (n * g[i] - sumG[c] - xhat[i] * sumGX[c])
            }
        }
    }
}
