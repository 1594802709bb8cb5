import Foundation
import CNNModel

/// A slow, obviously correct forward pass of a `Model` on one NHWC sample, written from the
/// definitions (not from the emitted code), for checking the PyTorch module's numbers.
///
/// Weights are looked up by their safetensors names in PyTorch's layouts.
struct ReferenceForward {
    let model: Model
    let weights: [String: [Float]]

    /// The output of one sample: `[H * W * C]` in HWC order for images, `[N]` for vectors.
    func callAsFunction(_ input: [Float]) -> [Float] {
        var x = input
        for layer in model.layers {
            x = apply(layer, x)
        }
        return x
    }

    private func weight(_ layer: Layer, _ suffix: String) -> [Float] {
        weights["\(layer.name).\(suffix)"] ?? []
    }

    private func apply(_ layer: Layer, _ x: [Float]) -> [Float] {
        let (h, w, c) = dims(layer.inputShape)
        let (oh, ow, oc) = dims(layer.outputShape)
        let pad = layer.padding
        /// Input value at (y, x, channel), or nil in the padding.
        func at(_ y: Int, _ xx: Int, _ channel: Int) -> Float? {
            guard y >= 0, y < h, xx >= 0, xx < w else { return nil }
            return x[(y * w + xx) * c + channel]
        }
        switch layer.operation {
        case let .convolution(conv):
            let kernel = weight(layer, "weight"), bias = weight(layer, "bias")
            let perGroup = c / conv.groups, filtersPerGroup = conv.filters / conv.groups
            var out = [Float](repeating: 0, count: oh * ow * oc)
            for y in 0..<oh { for xx in 0..<ow { for f in 0..<oc {
                var sum: Float = conv.bias ? bias[f] : 0
                let group = f / filtersPerGroup
                for ky in 0..<conv.kernel.height { for kx in 0..<conv.kernel.width { for ci in 0..<perGroup {
                    let iy = y * conv.stride.height + ky * conv.dilation.height - pad.top
                    let ix = xx * conv.stride.width + kx * conv.dilation.width - pad.left
                    guard let value = at(iy, ix, group * perGroup + ci) else { continue }
                    sum += value * kernel[((f * perGroup + ci) * conv.kernel.height + ky) * conv.kernel.width + kx]
                } } }
                out[(y * ow + xx) * oc + f] = sum
            } } }
            return activate(conv.activation, out, channels: oc)
        case let .pooling(pool):
            var out = [Float](repeating: 0, count: oh * ow * oc)
            for y in 0..<oh { for xx in 0..<ow { for ch in 0..<c {
                var values: [Float] = []
                for ky in 0..<pool.window.height { for kx in 0..<pool.window.width {
                    if let v = at(y * pool.stride.height + ky - pad.top, xx * pool.stride.width + kx - pad.left, ch) {
                        values.append(v)
                    }
                } }
                out[(y * ow + xx) * oc + ch] = pool.kind == .max
                    ? values.max() ?? -.infinity : values.reduce(0, +) / Float(values.count)
            } } }
            return out
        case let .globalPooling(kind):
            return (0..<c).map { ch in
                let values = (0..<(h * w)).map { x[$0 * c + ch] }
                return kind == .max ? values.max() ?? 0 : values.reduce(0, +) / Float(values.count)
            }
        case .flatten:
            return chwOrder(x, layer.inputShape)
        case let .dense(dense):
            let input = chwOrder(x, layer.inputShape)
            let matrix = weight(layer, "weight"), bias = weight(layer, "bias")
            let out = (0..<dense.units).map { o in
                (0..<input.count).reduce(dense.bias ? bias[o] : 0) { $0 + matrix[o * input.count + $1] * input[$1] }
            }
            return activate(dense.activation, out, channels: dense.units)
        case .dropout:
            return x
        case let .batchNorm(norm):
            let gamma = weight(layer, "weight"), beta = weight(layer, "bias")
            let mean = weight(layer, "running_mean"), variance = weight(layer, "running_var")
            return x.indices.map { i in
                let ch = i % c
                return (x[i] - mean[ch]) / (variance[ch] + norm.epsilon).squareRoot() * gamma[ch] + beta[ch]
            }
        case let .localResponseNorm(lrn):
            return x.indices.map { i in
                let ch = i % c, base = i - ch
                let low = max(0, ch - lrn.size / 2), high = min(c - 1, ch + (lrn.size - 1) / 2)
                let squares = (low...high).reduce(Float(0)) { $0 + x[base + $1] * x[base + $1] }
                return x[i] / pow(lrn.k + lrn.alpha / Float(lrn.size) * squares, lrn.beta)
            }
        case let .activation(function):
            return activate(function, x, channels: c)
        case .deconvolution, .upsample, .merge:
            fatalError("the reference forward pass covers the layers of chains")
        }
    }

    private func dims(_ shape: Shape) -> (Int, Int, Int) {
        switch shape {
        case let .image(h, w, c): return (h, w, c)
        case let .vector(n): return (1, 1, n)
        }
    }

    /// An HWC sample reordered as PyTorch's flatten of C x H x W.
    private func chwOrder(_ x: [Float], _ shape: Shape) -> [Float] {
        let (h, w, c) = dims(shape)
        return (0..<c).flatMap { ch in (0..<(h * w)).map { x[$0 * c + ch] } }
    }

    /// Applies `activation` to HWC (or vector) values; softmax runs over the channels of each position.
    private func activate(_ activation: Activation?, _ x: [Float], channels: Int) -> [Float] {
        switch activation {
        case nil, .linear?: return x
        case .relu?: return x.map { max($0, 0) }
        case let .leakyReLU(alpha)?: return x.map { $0 > 0 ? $0 : alpha * $0 }
        case .sigmoid?: return x.map { 1 / (1 + exp(-$0)) }
        case .tanh?: return x.map { Foundation.tanh($0) }
        case .softmax?:
            return stride(from: 0, to: x.count, by: channels).flatMap { start in
                let slice = x[start..<(start + channels)]
                let top = slice.max() ?? 0
                let exps = slice.map { exp($0 - top) }
                let total = exps.reduce(0, +)
                return exps.map { $0 / total }
            }
        default: fatalError("the reference forward pass covers the classic activations")
        }
    }
}
