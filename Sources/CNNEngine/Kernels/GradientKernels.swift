import CNNModel
import Foundation

/// Backward passes of the elementwise, reshaping and normalising layers, on NHWC buffers.
/// Their slow twins are the finite-difference checks in the tests.
enum GradientKernels {
    /// Turns `gradient` (dL/dy) into dL/dz in place, where `y = activation(z)` is in `output` and
    /// `z` in `input` (needed by silu, hardswish, gelu and mish; see `Activation.gradientNeedsInput`).
    static func activation(_ activation: Activation, input: FloatBuffer?, output: FloatBuffer, gradient: FloatBuffer,
                           count: Int, channels: Int) {
        let y = output.pointer, g = gradient.pointer
        precondition(input != nil || !activation.gradientNeedsInput, "\(activation) needs its input")
        let z = input?.pointer ?? output.pointer
        switch activation {
        case .linear:
            break
        case .relu:
            for i in 0..<count where y[i] <= 0 { g[i] = 0 }
        case let .leakyReLU(alpha):
            for i in 0..<count where y[i] <= 0 { g[i] *= alpha }
        case .sigmoid:
            for i in 0..<count { g[i] *= y[i] * (1 - y[i]) }
        case .tanh:
            for i in 0..<count { g[i] *= 1 - y[i] * y[i] }
        case .relu6:
            for i in 0..<count where y[i] <= 0 || y[i] >= 6 { g[i] = 0 }
        case .hardSigmoid:
            for i in 0..<count { g[i] = y[i] > 0 && y[i] < 1 ? g[i] / 6 : 0 }
        case .silu:
            for i in 0..<count {
                let sigmoid = 1 / (1 + Foundation.exp(-z[i]))
                g[i] *= sigmoid * (1 + z[i] * (1 - sigmoid))
            }
        case .hardSwish:
            for i in 0..<count { g[i] *= z[i] <= -3 ? 0 : z[i] >= 3 ? 1 : (2 * z[i] + 3) / 6 }
        case .gelu:
            for i in 0..<count {
                let cdf = 0.5 * (1 + Foundation.erf(z[i] * 0.70710678118654752))
                let density = Foundation.exp(-0.5 * z[i] * z[i]) * 0.39894228040143268
                g[i] *= cdf + z[i] * density
            }
        case .mish:
            for i in 0..<count {
                let x = z[i]
                let softplus = x > 20 ? x : Foundation.log1p(Foundation.exp(x))
                let t = Foundation.tanh(softplus), sigmoid = 1 / (1 + Foundation.exp(-x))
                g[i] *= t + x * (1 - t * t) * sigmoid
            }
        case .softmax:
            // dz_c = y_c (g_c - sum_k g_k y_k) over the channels of each position.
            for row in stride(from: 0, to: count, by: channels) {
                var dot: Float = 0
                for c in row..<row + channels { dot += g[c] * y[c] }
                for c in row..<row + channels { g[c] = y[c] * (g[c] - dot) }
            }
        }
    }

    /// `output[i] = input[i] * factor[i]` (dropout's mask, forward and backward).
    static func multiply(_ input: FloatBuffer, by factor: FloatBuffer, into output: FloatBuffer, count: Int) {
        for i in 0..<count { output.pointer[i] = input.pointer[i] * factor.pointer[i] }
    }

    /// `sums[j] = sum_r matrix[r, j]` of a row-major `rows` x `columns` buffer (bias gradients).
    static func columnSums(_ matrix: FloatBuffer, rows: Int, columns: Int, offset: Int = 0, stride: Int? = nil,
                           into sums: inout [Float], sumsOffset: Int = 0) {
        let stride = stride ?? columns
        for j in 0..<columns { sums[sumsOffset + j] = 0 }
        sums.withUnsafeMutableBufferPointer { s in
            for r in 0..<rows {
                let row = matrix.pointer + offset + r * stride
                for j in 0..<columns { s[sumsOffset + j] += row[j] }
            }
        }
    }

    /// Writes the transpose of a row-major `rows` x `columns` matrix to `result` (`columns` x `rows`).
    static func transpose(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into result: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            for j in 0..<columns { result[j * rows + r] = matrix[r * columns + j] }
        }
    }

    /// Inverse of `ElementwiseKernels.flattenToCHW`: `[C, H, W]` gradients back to NHWC.
    static func unflattenFromCHW(gradient: FloatBuffer, into inputGradient: FloatBuffer, batch: Int,
                                 height: Int, width: Int, channels: Int) {
        let pixels = height * width, size = pixels * channels
        for n in 0..<batch {
            let from = gradient.pointer + n * size, to = inputGradient.pointer + n * size
            for pixel in 0..<pixels {
                for c in 0..<channels { to[pixel * channels + c] = from[c * pixels + pixel] }
            }
        }
    }

    /// Max pooling sends each output's gradient to the first input that won its window; average
    /// pooling spreads it evenly over the window's inputs (padding excluded, as in the forward pass).
    static func pooling(input: FloatBuffer, gradient: FloatBuffer, into inputGradient: FloatBuffer,
                        batch: Int, geometry g: PoolingGeometry) {
        inputGradient.pointer.update(repeating: 0, count: batch * g.inputCount)
        let c = g.channels
        for n in 0..<batch {
            let image = input.pointer + n * g.inputCount, dx = inputGradient.pointer + n * g.inputCount
            for oh in 0..<g.outputHeight {
                let hs = PoolingGeometry.span(oh, stride: g.stride.height, before: g.padding.top,
                                              window: g.window.height, length: g.inputHeight)
                for ow in 0..<g.outputWidth {
                    let ws = PoolingGeometry.span(ow, stride: g.stride.width, before: g.padding.left,
                                                  window: g.window.width, length: g.inputWidth)
                    guard !hs.isEmpty, !ws.isEmpty else { continue }
                    let dy = gradient.pointer + ((n * g.outputHeight + oh) * g.outputWidth + ow) * c
                    if g.kind == .max {
                        for ch in 0..<c {
                            // Start inside the window, so a window of -inf or NaN keeps its gradient.
                            var winner = (hs.lowerBound * g.inputWidth + ws.lowerBound) * c + ch
                            var best = image[winner]
                            for h in hs {
                                for w in ws {
                                    let index = (h * g.inputWidth + w) * c + ch
                                    if image[index] > best { best = image[index]; winner = index }
                                }
                            }
                            dx[winner] += dy[ch]
                        }
                    } else {
                        let share = 1 / Float(hs.count * ws.count)
                        for h in hs {
                            for w in ws {
                                let pixel = dx + (h * g.inputWidth + w) * c
                                for ch in 0..<c { pixel[ch] += dy[ch] * share }
                            }
                        }
                    }
                }
            }
        }
    }

    /// PyTorch's `LocalResponseNorm` backward. With `s_c = k + alpha/size * sum_{c' in win(c)} x_c'^2`
    /// and `y_c = x_c s_c^-beta`: `dx_j = g_j s_j^-beta - 2 alpha beta / size * x_j * sum_{c: j in win(c)} g_c x_c s_c^(-beta-1)`.
    static func localResponseNorm(input: FloatBuffer, gradient: FloatBuffer, into inputGradient: FloatBuffer,
                                  positions: Int, channels: Int, settings: LocalResponseNorm) {
        let before = settings.size / 2, after = (settings.size - 1) / 2
        let factor = settings.alpha / Float(settings.size)
        // Per-position scratch on the stack: the backward pass allocates nothing.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * channels) { scratch in
            let scale = scratch.baseAddress!, term = scale + channels
            for position in 0..<positions {
                let x = input.pointer + position * channels, g = gradient.pointer + position * channels
                let dx = inputGradient.pointer + position * channels
                for c in 0..<channels {
                    var sum: Float = 0
                    for other in max(c - before, 0)...min(c + after, channels - 1) { sum += x[other] * x[other] }
                    scale[c] = settings.k + factor * sum
                    term[c] = g[c] * x[c] * Foundation.pow(scale[c], -settings.beta - 1)
                }
                for j in 0..<channels {
                    // c's window contains j when c - before <= j <= c + after.
                    var sum: Float = 0
                    for c in max(j - after, 0)...min(j + before, channels - 1) { sum += term[c] }
                    dx[j] = g[j] * Foundation.pow(scale[j], -settings.beta) - 2 * factor * settings.beta * x[j] * sum
                }
            }
        }
    }
}
