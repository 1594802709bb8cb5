/// Batch normalisation in training mode over NHWC data: statistics over the N*H*W positions of
/// each channel, as PyTorch's `BatchNorm2d` (and `BatchNorm1d` on vectors) in `train()` mode.
enum BatchNormKernels {
    /// The per-channel arrays a batchnorm layer keeps between steps, so that a step allocates nothing.
    struct Statistics {
        /// Batch means and biased variances of the last training forward pass.
        var mean: [Float]
        var variance: [Float]
        /// 1/sqrt(var + eps) per channel.
        var inverseDeviation: [Float]
        /// Sums of x and x^2 per channel, in double precision.
        var sums: [Double]
        var squares: [Double]

        init(channels: Int) {
            mean = [Float](repeating: 0, count: channels)
            variance = [Float](repeating: 0, count: channels)
            inverseDeviation = [Float](repeating: 1, count: channels)
            sums = [Double](repeating: 0, count: channels)
            squares = [Double](repeating: 0, count: channels)
        }
    }

    /// Normalises with the batch's own statistics: writes `normalized` (x-hat), `output`, and the
    /// batch's mean, biased variance and 1/sqrt(var + eps) into `statistics`.
    static func forward(input: FloatBuffer, output: FloatBuffer, normalized: FloatBuffer, positions: Int,
                        channels: Int, weight: [Float], bias: [Float], epsilon: Float,
                        statistics s: inout Statistics) {
        let x = input.pointer, y = output.pointer, xhat = normalized.pointer
        s.sums.withUnsafeMutableBufferPointer { sums in
            s.squares.withUnsafeMutableBufferPointer { squares in
                sums.update(repeating: 0)
                squares.update(repeating: 0)
                for position in 0..<positions {
                    let row = x + position * channels
                    for c in 0..<channels {
                        let value = Double(row[c])
                        sums[c] += value
                        squares[c] += value * value
                    }
                }
            }
        }
        let count = Double(positions)
        for c in 0..<channels {
            let mean = s.sums[c] / count
            s.mean[c] = Float(mean)
            s.variance[c] = Float(max(s.squares[c] / count - mean * mean, 0))
            s.inverseDeviation[c] = 1 / (s.variance[c] + epsilon).squareRoot()
        }
        s.mean.withUnsafeBufferPointer { mean in
            s.inverseDeviation.withUnsafeBufferPointer { inverse in
                for position in 0..<positions {
                    let offset = position * channels
                    for c in 0..<channels {
                        let i = offset + c
                        xhat[i] = (x[i] - mean[c]) * inverse[c]
                        y[i] = xhat[i] * weight[c] + bias[c]
                    }
                }
            }
        }
    }

    /// `dx = inv / n * (n * g*w - sum(g*w) - xhat * sum(g*w * xhat))`, `dw = sum(g * xhat)`, `db = sum g`.
    static func backward(gradient: FloatBuffer, normalized: FloatBuffer, inputGradient: FloatBuffer?,
                         positions: Int, channels: Int, weight: [Float], inverseDeviation: [Float],
                         weightGradient: inout [Float], biasGradient: inout [Float]) {
        let g = gradient.pointer, xhat = normalized.pointer
        biasGradient.withUnsafeMutableBufferPointer { sumG in
            weightGradient.withUnsafeMutableBufferPointer { sumGX in
                sumG.update(repeating: 0)
                sumGX.update(repeating: 0)
                for position in 0..<positions {
                    let offset = position * channels
                    for c in 0..<channels {
                        sumG[c] += g[offset + c]
                        sumGX[c] += g[offset + c] * xhat[offset + c]
                    }
                }
                guard let inputGradient else { return }
                let n = Float(positions), dx = inputGradient.pointer
                for position in 0..<positions {
                    let offset = position * channels
                    for c in 0..<channels {
                        let i = offset + c
                        dx[i] = weight[c] * inverseDeviation[c] / n * (n * g[i] - sumG[c] - xhat[i] * sumGX[c])
                    }
                }
            }
        }
    }
}
