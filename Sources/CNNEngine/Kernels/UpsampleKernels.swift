/// `upsample` on NHWC buffers: nearest and bilinear (`align_corners=False`), as PyTorch's
/// `nn.Upsample(scale_factor=...)` computes them, forward and backward.
enum UpsampleKernels {
    /// For one output index along an axis: the two source indices and their weights.
    /// PyTorch: `src = (dst + 0.5) / factor - 0.5`, clamped at 0; the second index stops at the edge.
    struct Tap: Hashable, Sendable {
        var first: Int
        var second: Int
        var firstWeight: Float
        var secondWeight: Float
    }

    static func taps(outputLength: Int, inputLength: Int, factor: Int, bilinear: Bool) -> [Tap] {
        let scale = Float(1.0 / Double(factor))
        return (0..<outputLength).map { index in
            guard bilinear else { return Tap(first: index / factor, second: index / factor, firstWeight: 1, secondWeight: 0) }
            let source = max(scale * (Float(index) + 0.5) - 0.5, 0)
            let first = min(Int(source), inputLength - 1)
            let second = min(first + 1, inputLength - 1)
            let lambda = source - Float(first)
            return Tap(first: first, second: second, firstWeight: 1 - lambda, secondWeight: lambda)
        }
    }

    /// `output[n, y, x, :] = sum of the (up to) four taps of input[n]`.
    static func forward(input: FloatBuffer, output: FloatBuffer, batch: Int, height: Int, width: Int, channels: Int,
                        rows: [Tap], columns: [Tap]) {
        let inputSize = height * width * channels, outputSize = rows.count * columns.count * channels
        for n in 0..<batch {
            let x = input.pointer + n * inputSize
            var out = output.pointer + n * outputSize
            for row in rows {
                let top = x + row.first * width * channels, bottom = x + row.second * width * channels
                for column in columns {
                    let a = column.first * channels, b = column.second * channels
                    let w00 = row.firstWeight * column.firstWeight, w01 = row.firstWeight * column.secondWeight
                    let w10 = row.secondWeight * column.firstWeight, w11 = row.secondWeight * column.secondWeight
                    for c in 0..<channels {
                        out[c] = w00 * top[a + c] + w01 * top[b + c] + w10 * bottom[a + c] + w11 * bottom[b + c]
                    }
                    out += channels
                }
            }
        }
    }

    /// Adds each output gradient back onto its taps, weighted as in `forward`.
    static func backward(gradient: FloatBuffer, into inputGradient: FloatBuffer, batch: Int, height: Int, width: Int,
                         channels: Int, rows: [Tap], columns: [Tap]) {
        let inputSize = height * width * channels, outputSize = rows.count * columns.count * channels
        inputGradient.pointer.update(repeating: 0, count: batch * inputSize)
        for n in 0..<batch {
            let dx = inputGradient.pointer + n * inputSize
            var g = gradient.pointer + n * outputSize
            for row in rows {
                let top = dx + row.first * width * channels, bottom = dx + row.second * width * channels
                for column in columns {
                    let a = column.first * channels, b = column.second * channels
                    let w00 = row.firstWeight * column.firstWeight, w01 = row.firstWeight * column.secondWeight
                    let w10 = row.secondWeight * column.firstWeight, w11 = row.secondWeight * column.secondWeight
                    for c in 0..<channels {
                        top[a + c] += w00 * g[c]
                        top[b + c] += w01 * g[c]
                        bottom[a + c] += w10 * g[c]
                        bottom[b + c] += w11 * g[c]
                    }
                    g += channels
                }
            }
        }
    }
}
