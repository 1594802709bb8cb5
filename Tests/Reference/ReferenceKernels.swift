import CNNModel
import Foundation

/// Slow, obviously correct twins of the engine's fast kernels: naive loops over plain arrays,
/// written from the definitions (PyTorch's weight layouts, explicit padding checks), taking
/// their sizes from the checked `Layer` and nothing from `CNNEngine`, so a mistake in the
/// engine's geometry or layouts cannot hide in both. Images are NHWC `[batch, H, W, C]`.
public enum ReferenceKernels {
    /// `C[M, N] = A[M, K] * B[K, N]`, all row-major.
    public static func matrixProduct(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int) -> [Float] {
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

    /// Cross-correlation of the convolution `layer` with PyTorch-layout `weights [F, C/g, KH, KW]`
    /// plus `bias`, without its activation; `[batch, OH, OW, F]`. Taps in the padding add nothing.
    public static func convolution(_ input: [Float], batch: Int, layer: Layer, weights: [Float],
                                   bias: [Float]?) -> [Float] {
        let g = Window(convolution: layer)
        var output = [Float](repeating: 0, count: batch * g.outputCount)
        for n in 0..<batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for f in 0..<g.filters {
                        var sum = bias?[f] ?? 0
                        g.forEachTap(oh, ow, filter: f) { h, w, c, tap in
                            sum += input[g.inputIndex(n, h, w, c)] * weights[tap]
                        }
                        output[((n * g.outputHeight + oh) * g.outputWidth + ow) * g.filters + f] = sum
                    }
                }
            }
        }
        return output
    }

    /// The gradients of `convolution` given `gradient` = dL/dy `[batch, OH, OW, F]`: dL/dx (NHWC),
    /// dL/dW (PyTorch's `[F, C/g, KH, KW]`) and dL/db, by the chain rule tap by tap.
    public static func convolutionGradients(_ input: [Float], gradient: [Float], batch: Int, layer: Layer,
                                            weights: [Float]) -> (input: [Float], weights: [Float], bias: [Float]) {
        let g = Window(convolution: layer)
        var dx = [Float](repeating: 0, count: input.count)
        var dw = [Float](repeating: 0, count: weights.count)
        var db = [Float](repeating: 0, count: g.filters)
        for n in 0..<batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for f in 0..<g.filters {
                        let dy = gradient[((n * g.outputHeight + oh) * g.outputWidth + ow) * g.filters + f]
                        db[f] += dy
                        g.forEachTap(oh, ow, filter: f) { h, w, c, tap in
                            let xi = g.inputIndex(n, h, w, c)
                            dx[xi] += dy * weights[tap]
                            dw[tap] += dy * input[xi]
                        }
                    }
                }
            }
        }
        return (dx, dw, db)
    }

    /// Max or average pooling (or global pooling) of `layer`; padded taps are skipped: they never
    /// win a max and are not counted in an average (an empty window gives 0).
    public static func pooling(_ input: [Float], batch: Int, layer: Layer) -> [Float] {
        guard case let .image(h, w, c) = layer.inputShape, case let .image(oh, ow, _) = layer.outputShape else { return [] }
        let kind: PoolKind, window: Size2, stride: Size2, padding: Insets
        switch layer.operation {
        case let .pooling(pool):
            (kind, window, stride, padding) = (pool.kind, pool.window, pool.stride, layer.padding)
        case let .globalPooling(global):
            (kind, window, stride, padding) = (global, Size2(h, w), Size2(h, w), .zero)
        default:
            return []
        }
        var output = [Float](repeating: 0, count: batch * oh * ow * c)
        for n in 0..<batch {
            for y in 0..<oh {
                for x in 0..<ow {
                    for channel in 0..<c {
                        var values: [Float] = []
                        for i in 0..<window.height {
                            for j in 0..<window.width {
                                let row = y * stride.height + i - padding.top, column = x * stride.width + j - padding.left
                                guard row >= 0, row < h, column >= 0, column < w else { continue }
                                values.append(input[((n * h + row) * w + column) * c + channel])
                            }
                        }
                        let result: Float
                        if values.isEmpty {
                            result = 0
                        } else if kind == .max {
                            result = values.max() ?? 0
                        } else {
                            result = values.reduce(0, +) / Float(values.count)
                        }
                        output[((n * oh + y) * ow + x) * c + channel] = result
                    }
                }
            }
        }
        return output
    }

    /// `y[n, o] = bias[o] + sum_i x[n, i] * weights[o, i]` with PyTorch's `[out, in]` weights.
    public static func dense(_ input: [Float], batch: Int, weights: [Float], bias: [Float]?, inputs: Int,
                             outputs: Int) -> [Float] {
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

    /// NHWC images `[batch, H, W, C]` in PyTorch's flatten order `[batch, C * H * W]`.
    public static func flattenToCHW(_ values: [Float], batch: Int, height: Int, width: Int, channels: Int) -> [Float] {
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

/// The sizes of one convolution, read from its checked `Layer` (never the engine's geometry).
private struct Window {
    var inputHeight, inputWidth, channels, outputHeight, outputWidth, filters: Int
    var convolution: Convolution
    var padding: Insets

    init(convolution layer: Layer) {
        guard case let .convolution(conv) = layer.operation, case let .image(h, w, c) = layer.inputShape,
              case let .image(oh, ow, f) = layer.outputShape
        else { preconditionFailure("\(layer.name) is not a convolution on an image") }
        (inputHeight, inputWidth, channels, outputHeight, outputWidth, filters) = (h, w, c, oh, ow, f)
        convolution = conv
        padding = layer.padding
    }

    var outputCount: Int { outputHeight * outputWidth * filters }

    func inputIndex(_ n: Int, _ h: Int, _ w: Int, _ c: Int) -> Int {
        ((n * inputHeight + h) * inputWidth + w) * channels + c
    }

    /// Calls `body(h, w, c, weightIndex)` for every tap of filter `f` at output `(oh, ow)` that lies
    /// in the image: input row, column and channel, and the tap's index in `[F, C/g, KH, KW]`.
    func forEachTap(_ oh: Int, _ ow: Int, filter f: Int, _ body: (Int, Int, Int, Int) -> Void) {
        let k = convolution.kernel, s = convolution.stride, d = convolution.dilation
        let groupChannels = channels / convolution.groups, group = f / (filters / convolution.groups)
        for kh in 0..<k.height {
            for kw in 0..<k.width {
                let h = oh * s.height + kh * d.height - padding.top
                let w = ow * s.width + kw * d.width - padding.left
                guard h >= 0, h < inputHeight, w >= 0, w < inputWidth else { continue }
                for c in 0..<groupChannels {
                    body(h, w, group * groupChannels + c, ((f * groupChannels + c) * k.height + kh) * k.width + kw)
                }
            }
        }
    }
}
