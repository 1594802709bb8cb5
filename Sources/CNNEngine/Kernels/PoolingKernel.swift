import CNNModel

/// Max and average pooling over NHWC tensors; the channel loop is innermost and unit-stride.
enum PoolingKernel {
    /// Writes `output` (`[batch, OH, OW, C]`) from `input` (`[batch, H, W, C]`).
    static func forward(input: FloatBuffer, batch: Int, geometry: PoolingGeometry, output: FloatBuffer) {
        let job = Job(input: UnsafePointer(input.pointer), output: output.pointer, geometry: geometry)
        let rows = batch * geometry.outputHeight
        let work = batch * geometry.outputCount * geometry.window.area
        let parts = Parallel.parts(forWork: work, limit: rows)
        Parallel.run(parts: parts) { part in
            job.compute(rows: Parallel.range(part: part, of: parts, count: rows))
        }
    }

    private struct Job: @unchecked Sendable {
        let input: UnsafePointer<Float>
        let output: UnsafeMutablePointer<Float>
        let geometry: PoolingGeometry

        /// Output rows `(n, oh)` flattened as `n * OH + oh`.
        func compute(rows: Range<Int>) {
            let g = geometry, c = g.channels
            for row in rows {
                let n = row / g.outputHeight, oh = row - n * g.outputHeight
                let hs = PoolingGeometry.span(oh, stride: g.stride.height, before: g.padding.top,
                                              window: g.window.height, length: g.inputHeight)
                let image = input + n * g.inputCount
                for ow in 0..<g.outputWidth {
                    let ws = PoolingGeometry.span(ow, stride: g.stride.width, before: g.padding.left,
                                                  window: g.window.width, length: g.inputWidth)
                    let out = output + ((n * g.outputHeight + oh) * g.outputWidth + ow) * c
                    if hs.isEmpty || ws.isEmpty {
                        // A window wholly inside the padding sees nothing; 0 keeps the output finite.
                        out.update(repeating: 0, count: c)
                    } else if g.kind == .max {
                        out.update(repeating: -.infinity, count: c)
                        for h in hs {
                            for w in ws {
                                let pixel = image + (h * g.inputWidth + w) * c
                                for ch in 0..<c { out[ch] = max(out[ch], pixel[ch]) }
                            }
                        }
                    } else {
                        out.update(repeating: 0, count: c)
                        for h in hs {
                            for w in ws {
                                let pixel = image + (h * g.inputWidth + w) * c
                                for ch in 0..<c { out[ch] += pixel[ch] }
                            }
                        }
                        let scale = 1 / Float(max(hs.count * ws.count, 1))
                        for ch in 0..<c { out[ch] *= scale }
                    }
                }
            }
        }
    }
}
