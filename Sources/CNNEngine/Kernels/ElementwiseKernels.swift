import CNNModel
import Foundation

/// The cheap per-element and per-position passes: activations, softmax, batchnorm, LRN, the
/// NHWC-to-CHW flatten and plain copies. Each works on `positions` rows of `channels` floats.
enum ElementwiseKernels {
    /// Applies `activation` in place to `count` floats; softmax normalises each run of `channels`.
    static func apply(_ activation: Activation, to buffer: FloatBuffer, count: Int, channels: Int) {
        let p = buffer.pointer
        switch activation {
        case .linear:
            break
        case .relu:
            for i in 0..<count { p[i] = max(p[i], 0) }
        case let .leakyReLU(alpha):
            for i in 0..<count where p[i] < 0 { p[i] *= alpha }
        case .sigmoid:
            VectorMath.map(p, count: count, VectorMath.sigmoid)
        case .tanh:
            VectorMath.map(p, count: count, VectorMath.tanh)
        case .softmax:
            softmax(p, rows: count / channels, channels: channels)
        case .relu6:
            for i in 0..<count { p[i] = min(max(p[i], 0), 6) }
        case .silu:
            VectorMath.map(p, count: count) { $0 * VectorMath.sigmoid($0) }
        case .hardSwish:
            for i in 0..<count { p[i] = p[i] * min(max(p[i] + 3, 0), 6) / 6 }
        case .hardSigmoid:
            for i in 0..<count { p[i] = min(max(p[i] + 3, 0), 6) / 6 }
        case .gelu:
            for i in 0..<count { p[i] = 0.5 * p[i] * (1 + Foundation.erf(p[i] * 0.70710678118654752)) }
        case .mish:
            VectorMath.map(p, count: count, VectorMath.mish)
        }
    }

    /// Subtracts the row maximum before exponentiating, so large scores cannot overflow.
    private static func softmax(_ p: UnsafeMutablePointer<Float>, rows: Int, channels: Int) {
        for row in 0..<rows {
            let v = p + row * channels
            var largest = -Float.infinity
            for c in 0..<channels { largest = max(largest, v[c]) }
            var sum: Float = 0
            for c in 0..<channels {
                v[c] = Foundation.exp(v[c] - largest)
                sum += v[c]
            }
            let scale = 1 / sum
            for c in 0..<channels { v[c] *= scale }
        }
    }

    /// `output[p, c] = input[p, c] * scale[c] + shift[c]`: inference batchnorm folded per channel.
    static func scaleAndShift(input: FloatBuffer, output: FloatBuffer, positions: Int, channels: Int,
                              scale: [Float], shift: [Float]) {
        let parts = Parallel.parts(forWork: 4 * positions * channels, limit: positions)
        Parallel.run(parts: parts) { part in
            scale.withUnsafeBufferPointer { scale in
                shift.withUnsafeBufferPointer { shift in
                    for position in Parallel.range(part: part, of: parts, count: positions) {
                        let from = input.pointer + position * channels
                        let to = output.pointer + position * channels
                        for c in 0..<channels { to[c] = from[c] * scale[c] + shift[c] }
                    }
                }
            }
        }
    }

    /// PyTorch's `LocalResponseNorm` over the channels of each position:
    /// `b_c = a_c / (k + alpha / size * sum_{c' = c - size/2}^{c + (size-1)/2} a_c'^2) ^ beta`.
    static func localResponseNorm(input: FloatBuffer, output: FloatBuffer, positions: Int, channels: Int,
                                  settings: LocalResponseNorm) {
        let before = settings.size / 2, after = (settings.size - 1) / 2
        let factor = settings.alpha / Float(settings.size)
        for position in 0..<positions {
            let from = input.pointer + position * channels
            let to = output.pointer + position * channels
            for c in 0..<channels {
                var sum: Float = 0
                for other in max(c - before, 0)...min(c + after, channels - 1) {
                    sum += from[other] * from[other]
                }
                to[c] = from[c] / Foundation.pow(settings.k + factor * sum, settings.beta)
            }
        }
    }

    /// Reorders each NHWC image `[H, W, C]` into PyTorch's flatten order `[C, H, W]`.
    static func flattenToCHW(input: FloatBuffer, output: FloatBuffer, batch: Int, height: Int, width: Int,
                             channels: Int) {
        let pixels = height * width, size = pixels * channels
        for n in 0..<batch {
            let from = input.pointer + n * size
            let to = output.pointer + n * size
            for pixel in 0..<pixels {
                for c in 0..<channels { to[c * pixels + pixel] = from[pixel * channels + c] }
            }
        }
    }

    /// `output[p, c] += bias[c]` for `positions` rows of `bias.count` channels.
    static func addBias(_ bias: [Float], to output: FloatBuffer, positions: Int) {
        let channels = bias.count
        bias.withUnsafeBufferPointer { b in
            for position in 0..<positions {
                let row = output.pointer + position * channels
                for c in 0..<channels { row[c] += b[c] }
            }
        }
    }

    /// Copies `count` floats.
    static func copy(from input: FloatBuffer, to output: FloatBuffer, count: Int) {
        output.pointer.update(from: input.pointer, count: count)
    }
}
