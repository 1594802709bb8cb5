import CNNModel
import Foundation

/// Slow, obviously correct twins of the fast kernels: naive loops over plain arrays, written from
/// the definitions (PyTorch's weight layouts, explicit padding checks). Only the tests call them.
enum ReferenceKernels {
    /// `C[M, N] = A[M, K] * B[K, N]`, all row-major.
    static func matrixProduct(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
                c[i * n + j] = sum
            }
        }
        return c
    }

    /// Cross-correlation of NHWC `input` with PyTorch-layout `weights [F, C/g, KH, KW]` plus `bias`;
    /// returns NHWC `[batch, OH, OW, F]`. Taps that fall in the padding contribute nothing.
    static func convolution(_ input: [Float], batch: Int, geometry g: ConvolutionGeometry, weights: [Float],
                            bias: [Float]?) -> [Float] {
        var output = [Float](repeating: 0, count: batch * g.outputCount)
        let cg = g.groupChannels, fg = g.groupFilters
        for n in 0..<batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for f in 0..<g.filters {
                        let group = f / fg
                        var sum = bias?[f] ?? 0
                        for kh in 0..<g.kernel.height {
                            for kw in 0..<g.kernel.width {
                                let h = oh * g.stride.height + kh * g.dilation.height - g.padding.top
                                let w = ow * g.stride.width + kw * g.dilation.width - g.padding.left
                                guard h >= 0, h < g.inputHeight, w >= 0, w < g.inputWidth else { continue }
                                for c in 0..<cg {
                                    let x = input[((n * g.inputHeight + h) * g.inputWidth + w) * g.channels + group * cg + c]
                                    let weight = weights[((f * cg + c) * g.kernel.height + kh) * g.kernel.width + kw]
                                    sum += x * weight
                                }
                            }
                        }
                        output[((n * g.outputHeight + oh) * g.outputWidth + ow) * g.filters + f] = sum
                    }
                }
            }
        }
        return output
    }

    /// The gradients of `convolution` (no activation) given `gradient` = dL/dy `[batch, OH, OW, F]`:
    /// dL/dx (NHWC), dL/dW (PyTorch's `[F, C/g, KH, KW]`) and dL/db, by the chain rule tap by tap.
    static func convolutionGradients(_ input: [Float], gradient: [Float], batch: Int, geometry g: ConvolutionGeometry,
                                     weights: [Float]) -> (input: [Float], weights: [Float], bias: [Float]) {
        var dx = [Float](repeating: 0, count: input.count)
        var dw = [Float](repeating: 0, count: weights.count)
        var db = [Float](repeating: 0, count: g.filters)
        let cg = g.groupChannels, fg = g.groupFilters
        for n in 0..<batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for f in 0..<g.filters {
                        let dy = gradient[((n * g.outputHeight + oh) * g.outputWidth + ow) * g.filters + f]
                        db[f] += dy
                        for kh in 0..<g.kernel.height {
                            for kw in 0..<g.kernel.width {
                                let h = oh * g.stride.height + kh * g.dilation.height - g.padding.top
                                let w = ow * g.stride.width + kw * g.dilation.width - g.padding.left
                                guard h >= 0, h < g.inputHeight, w >= 0, w < g.inputWidth else { continue }
                                for c in 0..<cg {
                                    let xi = ((n * g.inputHeight + h) * g.inputWidth + w) * g.channels + (f / fg) * cg + c
                                    let wi = ((f * cg + c) * g.kernel.height + kh) * g.kernel.width + kw
                                    dx[xi] += dy * weights[wi]
                                    dw[wi] += dy * input[xi]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dx, dw, db)
    }

    /// Max or average pooling of NHWC `input`; padded taps are skipped (an empty window gives 0).
    static func pooling(_ input: [Float], batch: Int, geometry g: PoolingGeometry) -> [Float] {
        var output = [Float](repeating: 0, count: batch * g.outputCount)
        for n in 0..<batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for c in 0..<g.channels {
                        var values: [Float] = []
                        for i in 0..<g.window.height {
                            for j in 0..<g.window.width {
                                let h = oh * g.stride.height + i - g.padding.top
                                let w = ow * g.stride.width + j - g.padding.left
                                guard h >= 0, h < g.inputHeight, w >= 0, w < g.inputWidth else { continue }
                                values.append(input[((n * g.inputHeight + h) * g.inputWidth + w) * g.channels + c])
                            }
                        }
                        let result: Float
                        if values.isEmpty {
                            result = 0
                        } else if g.kind == .max {
                            result = values.max() ?? 0
                        } else {
                            result = values.reduce(0, +) / Float(values.count)
                        }
                        output[((n * g.outputHeight + oh) * g.outputWidth + ow) * g.channels + c] = result
                    }
                }
            }
        }
        return output
    }

    /// `y[n, o] = bias[o] + sum_i x[n, i] * weights[o, i]` with PyTorch's `[out, in]` weights.
    static func dense(_ input: [Float], batch: Int, weights: [Float], bias: [Float]?, inputs: Int, outputs: Int)
        -> [Float]
    {
        var output = [Float](repeating: 0, count: batch * outputs)
        for n in 0..<batch {
            for o in 0..<outputs {
                var sum = bias?[o] ?? 0
                for i in 0..<inputs { sum += input[n * inputs + i] * weights[o * inputs + i] }
                output[n * outputs + o] = sum
            }
        }
        return output
    }

    /// The activation applied to every value; softmax over each run of `channels`.
    static func activation(_ activation: Activation, _ values: [Float], channels: Int) -> [Float] {
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
    static func batchNorm(_ values: [Float], channels: Int, weight: [Float], bias: [Float], mean: [Float],
                          variance: [Float], epsilon: Float) -> [Float] {
        values.indices.map { i in
            let c = i % channels
            return (values[i] - mean[c]) / (variance[c] + epsilon).squareRoot() * weight[c] + bias[c]
        }
    }

    /// PyTorch's `LocalResponseNorm` over the last axis: zero-padded `size/2` channels before and
    /// `(size-1)/2` after, averaged over `size` (padding counted), times alpha, plus k, to the beta.
    static func localResponseNorm(_ values: [Float], channels: Int, settings s: LocalResponseNorm) -> [Float] {
        values.indices.map { i in
            let c = i % channels, base = i - c
            var sum: Float = 0
            for other in (c - s.size / 2)...(c + (s.size - 1) / 2) where other >= 0 && other < channels {
                sum += values[base + other] * values[base + other]
            }
            return values[i] / pow(s.k + s.alpha * sum / Float(s.size), s.beta)
        }
    }

    /// NHWC images `[batch, H, W, C]` in PyTorch's flatten order `[batch, C * H * W]`.
    static func flattenToCHW(_ values: [Float], batch: Int, height: Int, width: Int, channels: Int) -> [Float] {
        var output = values
        for n in 0..<batch {
            for h in 0..<height {
                for w in 0..<width {
                    for c in 0..<channels {
                        let from = ((n * height + h) * width + w) * channels + c
                        output[n * height * width * channels + (c * height + h) * width + w] = values[from]
                    }
                }
            }
        }
        return output
    }

    // MARK: Graph layers

    /// PyTorch's `ConvTranspose2d` from its definition: every input pixel scatters `x * W[c, f]`
    /// onto output `(h*s - p + kh*d, w*s - p + kw*d)`; `weights [C, F/g, KH, KW]`; NHWC in and out.
    static func deconvolution(_ input: [Float], batch: Int, layer: Layer, weights: [Float], bias: [Float]?) -> [Float] {
        guard case let .deconvolution(deconv) = layer.operation, case let .image(h, w, c) = layer.inputShape,
              case let .image(oh, ow, f) = layer.outputShape else { return [] }
        let cg = c / deconv.groups, fg = f / deconv.groups
        var output = [Float](repeating: 0, count: batch * oh * ow * f)
        for n in 0..<batch {
            for y in 0..<h {
                for x in 0..<w {
                    for channel in 0..<c {
                        let group = channel / cg
                        let value = input[((n * h + y) * w + x) * c + channel]
                        for kh in 0..<deconv.kernel.height {
                            for kw in 0..<deconv.kernel.width {
                                let oy = y * deconv.stride.height - deconv.padding.height + kh * deconv.dilation.height
                                let ox = x * deconv.stride.width - deconv.padding.width + kw * deconv.dilation.width
                                guard oy >= 0, oy < oh, ox >= 0, ox < ow else { continue }
                                for k in 0..<fg {
                                    let weight = weights[((channel * fg + k) * deconv.kernel.height + kh) * deconv.kernel.width + kw]
                                    output[((n * oh + oy) * ow + ox) * f + group * fg + k] += value * weight
                                }
                            }
                        }
                    }
                }
            }
            if let bias {
                for pixel in 0..<oh * ow { for k in 0..<f { output[(n * oh * ow + pixel) * f + k] += bias[k] } }
            }
        }
        return output
    }

    /// `nn.Upsample(scale_factor=(fh, fw))` on NHWC, nearest or bilinear with `align_corners=False`,
    /// each output computed alone from PyTorch's source-index formula.
    static func upsample(_ input: [Float], batch: Int, layer: Layer, upsample: Upsample) -> [Float] {
        guard case let .image(h, w, c) = layer.inputShape, case let .image(oh, ow, _) = layer.outputShape else { return [] }
        func source(_ index: Int, _ factor: Int, _ length: Int) -> (Int, Int, Float) {
            if upsample.mode == .nearest { return (index / factor, index / factor, 0) }
            let real = max((Float(index) + 0.5) * Float(1.0 / Double(factor)) - 0.5, 0)
            let low = min(Int(real.rounded(.down)), length - 1)
            return (low, min(low + 1, length - 1), real - Float(low))
        }
        var output = [Float](repeating: 0, count: batch * oh * ow * c)
        for n in 0..<batch {
            for y in 0..<oh {
                let (y0, y1, ly) = source(y, upsample.factor.height, h)
                for x in 0..<ow {
                    let (x0, x1, lx) = source(x, upsample.factor.width, w)
                    for channel in 0..<c {
                        func at(_ yy: Int, _ xx: Int) -> Float { input[((n * h + yy) * w + xx) * c + channel] }
                        let top = at(y0, x0) * (1 - lx) + at(y0, x1) * lx
                        let bottom = at(y1, x0) * (1 - lx) + at(y1, x1) * lx
                        output[((n * oh + y) * ow + x) * c + channel] = top * (1 - ly) + bottom * ly
                    }
                }
            }
        }
        return output
    }

    /// `add`, `concat` (channels) or `mul` (with 1x1xC gates broadcast) of NHWC operands.
    static func merge(_ kind: MergeKind, _ inputs: [[Float]], layer: Layer, batch: Int) -> [Float] {
        let channels = layer.outputShape.channels, positions = layer.outputShape.elementCount / channels
        var result: [Float] = []
        for n in 0..<batch {
            for p in 0..<positions {
                let pixel = n * positions + p
                switch kind {
                case .add:
                    result += (0..<channels).map { c in inputs.reduce(0) { $0 + $1[pixel * channels + c] } }
                case .mul:
                    result += (0..<channels).map { c in
                        zip(inputs, layer.inputShapes).reduce(1) { product, operand in
                            let isGate = operand.1.elementCount == channels && positions > 1
                            return product * operand.0[isGate ? n * channels + c : pixel * channels + c]
                        }
                    }
                case .concat:
                    for (input, shape) in zip(inputs, layer.inputShapes) {
                        result += input[pixel * shape.channels..<(pixel + 1) * shape.channels]
                    }
                }
            }
        }
        return result
    }
}
