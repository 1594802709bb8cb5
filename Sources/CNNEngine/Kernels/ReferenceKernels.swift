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
}
