import CNNModel

/// Max and average pooling over NHWC tensors; channels are reduced 8 at a time in SIMD registers.
enum PoolingKernel {
    /// Writes `output` (`[batch, OH, OW, C]`) from `input` (`[batch, H, W, C]`).
    static func forward(input: FloatBuffer, batch: Int, geometry: PoolingGeometry, output: FloatBuffer) {
        let job = Job(input: UnsafePointer(input.pointer), output: output.pointer, geometry: geometry)
        let rows = batch * geometry.outputHeight
        let work = batch * geometry.outputCount * geometry.window.area
        // A pooling tap costs about as much as two multiply-accumulates of a GEMM.
        let parts = Parallel.parts(forWork: work * 2, limit: rows)
        Parallel.run(parts: parts) { part in
            job.compute(rows: Parallel.range(part: part, of: parts, count: rows))
        }
    }

    private struct Job: @unchecked Sendable {
        typealias Vector = SIMD8<Float>
        let input: UnsafePointer<Float>
        let output: UnsafeMutablePointer<Float>
        let geometry: PoolingGeometry

        /// Output rows `(n, oh)` flattened as `n * OH + oh`.
        func compute(rows: Range<Int>) {
            let g = geometry, c = g.channels, isMax = g.kind == .max
            for row in rows {
                let n = row / g.outputHeight, oh = row - n * g.outputHeight
                let hs = PoolingGeometry.span(oh, stride: g.stride.height, before: g.padding.top,
                                              window: g.window.height, length: g.inputHeight)
                let image = input + n * g.inputCount
                for ow in 0..<g.outputWidth {
                    let ws = PoolingGeometry.span(ow, stride: g.stride.width, before: g.padding.left,
                                                  window: g.window.width, length: g.inputWidth)
                    let out = output + ((n * g.outputHeight + oh) * g.outputWidth + ow) * c
                    let taps = hs.count * ws.count
                    guard taps > 0 else {
                        // A window wholly inside the padding sees nothing; 0 keeps the output finite.
                        out.update(repeating: 0, count: c)
                        continue
                    }
                    let scale = 1 / Float(taps)
                    var ch = 0
                    while ch + 8 <= c {
                        var acc = Vector(repeating: isMax ? -.infinity : 0)
                        for h in hs {
                            for w in ws {
                                let v = UnsafeRawPointer(image + (h * g.inputWidth + w) * c + ch)
                                    .loadUnaligned(as: Vector.self)
                                // `replacing` rather than `pointwiseMax`, which Swift does not inline.
                                acc = isMax ? acc.replacing(with: v, where: v .> acc) : acc + v
                            }
                        }
                        if !isMax { acc *= scale }
                        UnsafeMutableRawPointer(out + ch).storeBytes(of: acc, as: Vector.self)
                        ch += 8
                    }
                    guard ch < c else { continue }
                    // Leftover channels (all of them when C < 8): accumulate in the output row,
                    // channel innermost, so each tap is one unit-stride pass.
                    let rest = c - ch, tail = out + ch
                    tail.update(repeating: isMax ? -.infinity : 0, count: rest)
                    for h in hs {
                        for w in ws {
                            let pixel = image + (h * g.inputWidth + w) * c + ch
                            if isMax {
                                for i in 0..<rest { tail[i] = max(tail[i], pixel[i]) }
                            } else {
                                for i in 0..<rest { tail[i] += pixel[i] }
                            }
                        }
                    }
                    if !isMax {
                        for i in 0..<rest { tail[i] *= scale }
                    }
                }
            }
        }
    }
}
