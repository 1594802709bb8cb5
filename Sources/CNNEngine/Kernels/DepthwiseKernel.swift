/// Depthwise convolution (one filter per channel: groups = channels = filters) computed directly
/// on NHWC, vectorised over the channels, instead of one tiny GEMM per channel.
///
/// Output `[N, OH, OW, C]` from input `[N, H, W, C]` and weights `[KH, KW, C]` (the conv layer's
/// `[KH, KW, C/g, F]` with C/g = 1 and F = C): for each output pixel and each 8-channel slice,
/// `y = act(b + sum over in-bounds taps of w[tap] * x[tap])`. Taps that fall on padding are
/// skipped, so no padded copy of the input is made. Rows of the output are split over the cores.
/// The slow twin is `ReferenceKernels.convolution`, which the tests compare against.
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
            for row in rows {
                let n = row / g.outputHeight, oh = row - n * g.outputHeight
                // The kernel rows whose taps land inside the image for this output row.
                let top = oh * g.stride.height - g.padding.top
                let firstI = top >= 0 ? 0 : (-top + g.dilation.height - 1) / g.dilation.height
                let lastI = min(g.kernel.height, (g.inputHeight - top + g.dilation.height - 1) / g.dilation.height)
                let image = input + n * g.inputHeight * g.inputWidth * c
                var out = output + row * g.outputWidth * c
                for ow in 0..<g.outputWidth {
                    let left = ow * g.stride.width - g.padding.left
                    let firstJ = left >= 0 ? 0 : (-left + g.dilation.width - 1) / g.dilation.width
                    let lastJ = min(g.kernel.width, (g.inputWidth - left + g.dilation.width - 1) / g.dilation.width)
                    pixel(image: image, top: top, left: left, taps: (firstI..<max(firstI, lastI), firstJ..<max(firstJ, lastJ)),
                          into: out)
                    out += c
                }
            }
        }

        /// One output pixel: every channel, eight at a time, over the in-bounds taps.
        @inline(__always)
        private func pixel(image: UnsafeMutablePointer<Float>, top: Int, left: Int,
                           taps: (rows: Range<Int>, columns: Range<Int>), into out: UnsafeMutablePointer<Float>) {
            let g = geometry, c = g.channels, kw = g.kernel.width
            var channel = 0
            while channel < c {
                let count = min(8, c - channel)
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
