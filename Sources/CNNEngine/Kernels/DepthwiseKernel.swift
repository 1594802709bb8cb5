import CNNModel

/// Depthwise convolution (one filter per channel: groups = channels = filters) computed directly
/// on NHWC, vectorised over the channels, instead of one tiny GEMM per channel.
///
/// Output `[N, OH, OW, C]` from input `[N, H, W, C]` and weights `[KH, KW, C]` (the conv layer's
/// `[KH, KW, C/g, F]` with C/g = 1 and F = C): for each output pixel and each 8-channel slice,
/// `y = act(b + sum over in-bounds taps of w[tap] * x[tap])`. Taps that fall on padding are
/// skipped, so no padded copy of the input is made; away from the border the taps run without
/// bounds, and 3x3 kernels keep their nine weights in registers. Rows of the output are split over the cores.
/// The slow twin is `ReferenceKernels.convolution` (in `Tests/Reference`), which the tests compare against.
enum DepthwiseKernel {
    typealias Vector = SIMD8<Float>

    static func forward(input: FloatBuffer, batch: Int, geometry: ConvolutionGeometry, weights: FloatBuffer,
                        bias: FloatBuffer, output: FloatBuffer, activation: FusedActivation) {
        precondition(geometry.groups == geometry.channels && geometry.filters == geometry.channels,
                     "depthwise needs one filter per channel")
        let problem = Problem(input: input.pointer, weights: weights.pointer, bias: bias.pointer,
                              output: output.pointer, geometry: geometry, activation: activation)
        let rows = batch * geometry.outputHeight
        let work = batch * geometry.outputCount * geometry.kernel.area
        let parts = Parallel.parts(forWork: work, limit: rows)
        Parallel.run(parts: parts) { part in
            problem.compute(rows: Parallel.range(part: part, of: parts, count: rows))
        }
    }

    private struct Problem: @unchecked Sendable {
        let input: UnsafeMutablePointer<Float>
        let weights: UnsafeMutablePointer<Float>
        let bias: UnsafeMutablePointer<Float>
        let output: UnsafeMutablePointer<Float>
        let geometry: ConvolutionGeometry
        let activation: FusedActivation

        /// Output rows `(n, oh)` flattened as `n * OH + oh`.
        func compute(rows: Range<Int>) {
            let g = geometry, c = g.channels
            // Output columns whose taps all land inside the image.
            let first = (g.padding.left + g.stride.width - 1) / g.stride.width
            let limit = g.inputWidth - 1 - (g.kernel.width - 1) * g.dilation.width + g.padding.left
            let last = limit < 0 ? 0 : min(g.outputWidth, limit / g.stride.width + 1)
            let interior = first < last ? first..<last : 0..<0
            let vectorChannels = c / 8 * 8
            for row in rows {
                let n = row / g.outputHeight, oh = row - n * g.outputHeight
                // The kernel rows whose taps land inside the image for this output row.
                let top = oh * g.stride.height - g.padding.top
                let firstI = top >= 0 ? 0 : (-top + g.dilation.height - 1) / g.dilation.height
                let lastI = min(g.kernel.height, (g.inputHeight - top + g.dilation.height - 1) / g.dilation.height)
                let image = input + n * g.inputHeight * g.inputWidth * c
                let out = output + row * g.outputWidth * c
                let fast = firstI == 0 && lastI == g.kernel.height && !interior.isEmpty
                for ow in 0..<g.outputWidth where !fast || !interior.contains(ow) || vectorChannels < c {
                    let left = ow * g.stride.width - g.padding.left
                    let firstJ = left >= 0 ? 0 : (-left + g.dilation.width - 1) / g.dilation.width
                    let lastJ = min(g.kernel.width, (g.inputWidth - left + g.dilation.width - 1) / g.dilation.width)
                    let from = fast && interior.contains(ow) ? vectorChannels : 0
                    pixel(image: image, top: top, left: left, channels: from..<c,
                          taps: (firstI..<max(firstI, lastI), firstJ..<max(firstJ, lastJ)), into: out + ow * c)
                }
                guard fast else { continue }
                if g.kernel == Size2(square: 3) {
                    interior3x3(image: image, top: top, columns: interior, channels: vectorChannels, into: out)
                } else {
                    interiorAnySize(image: image, top: top, columns: interior, channels: vectorChannels, into: out)
                }
            }
        }

        /// Output columns `columns` of one row whose nine taps are all in bounds, for the first
        /// `channels` (a multiple of 8): each 8-channel slice keeps its nine weights in registers.
        @inline(__always)
        private func interior3x3(image: UnsafeMutablePointer<Float>, top: Int, columns: Range<Int>, channels: Int,
                                 into out: UnsafeMutablePointer<Float>) {
            let g = geometry, c = g.channels
            let dw = g.dilation.width * c, dh = g.dilation.height * g.inputWidth * c, step = g.stride.width * c
            var channel = 0
            while channel < channels {
                let w = weights + channel
                let w0 = load(w), w1 = load(w + c), w2 = load(w + 2 * c)
                let w3 = load(w + 3 * c), w4 = load(w + 4 * c), w5 = load(w + 5 * c)
                let w6 = load(w + 6 * c), w7 = load(w + 7 * c), w8 = load(w + 8 * c)
                let b = load(bias + channel)
                var x = image + (top * g.inputWidth + columns.lowerBound * g.stride.width - g.padding.left) * c + channel
                var y = out + columns.lowerBound * c + channel
                for _ in columns {
                    let x1 = x + dh, x2 = x1 + dh
                    var sum = b + w0 * load(x) + w1 * load(x + dw) + w2 * load(x + 2 * dw)
                    sum += w3 * load(x1) + w4 * load(x1 + dw) + w5 * load(x1 + 2 * dw)
                    sum += w6 * load(x2) + w7 * load(x2 + dw) + w8 * load(x2 + 2 * dw)
                    MicroKernel.finish(sum, activation, y, 8)
                    x += step
                    y += c
                }
                channel += 8
            }
        }

        /// The same for any kernel size, the weights read from L1 tap by tap.
        @inline(__always)
        private func interiorAnySize(image: UnsafeMutablePointer<Float>, top: Int, columns: Range<Int>, channels: Int,
                              into out: UnsafeMutablePointer<Float>) {
            let g = geometry, c = g.channels, kh = g.kernel.height, kw = g.kernel.width
            let dw = g.dilation.width * c, dh = g.dilation.height * g.inputWidth * c, step = g.stride.width * c
            var channel = 0
            while channel < channels {
                let b = load(bias + channel)
                var x = image + (top * g.inputWidth + columns.lowerBound * g.stride.width - g.padding.left) * c + channel
                var y = out + columns.lowerBound * c + channel
                for _ in columns {
                    var sum = b
                    for i in 0..<kh {
                        let xs = x + i * dh, ws = weights + i * kw * c + channel
                        for j in 0..<kw { sum += load(ws + j * c) * load(xs + j * dw) }
                    }
                    MicroKernel.finish(sum, activation, y, 8)
                    x += step
                    y += c
                }
                channel += 8
            }
        }

        /// One output pixel: channels `channels`, eight at a time, over the in-bounds taps.
        @inline(__always)
        private func pixel(image: UnsafeMutablePointer<Float>, top: Int, left: Int, channels: Range<Int>,
                           taps: (rows: Range<Int>, columns: Range<Int>), into out: UnsafeMutablePointer<Float>) {
            let g = geometry, c = g.channels, kw = g.kernel.width
            var channel = channels.lowerBound
            while channel < channels.upperBound {
                let count = min(8, channels.upperBound - channel)
                var sum = load(bias + channel, count)
                for i in taps.rows {
                    let h = top + i * g.dilation.height
                    for j in taps.columns {
                        let w = left + j * g.dilation.width
                        let x = load(image + (h * g.inputWidth + w) * c + channel, count)
                        sum += load(weights + (i * kw + j) * c + channel, count) * x
                    }
                }
                MicroKernel.finish(sum, activation, out + channel, count)
                channel += 8
            }
        }

        /// Eight floats from `source`.
        @inline(__always)
        private func load(_ source: UnsafeMutablePointer<Float>) -> Vector {
            UnsafeRawPointer(source).loadUnaligned(as: Vector.self)
        }

        /// Eight floats from `source`, or the first `count` of them and zeros.
        @inline(__always)
        private func load(_ source: UnsafeMutablePointer<Float>, _ count: Int) -> Vector {
            if count == 8 { return UnsafeRawPointer(source).loadUnaligned(as: Vector.self) }
            var vector = Vector()
            for k in 0..<count { vector[k] = source[k] }
            return vector
        }
    }
}
