/// Convolution as an implicit im2col GEMM over the NHWC input, one GEMM per group.
enum ConvolutionKernel {
    /// Writes `output` (NHWC `[batch, OH, OW, F]`) from `input` (NHWC `[batch, H, W, C]`).
    ///
    /// - Parameters:
    ///   - panels: the packed weights and bias of each group (`geometry.groups` entries).
    ///   - gathers: `geometry.gather(group:)` of each group, computed once by the layer.
    ///   - padded: scratch of at least `batch * geometry.paddedCount` floats whose border is zero;
    ///     unused when the layer does not pad.
    static func forward(input: FloatBuffer, batch: Int, geometry: ConvolutionGeometry, panels: [PackedPanels],
                        gathers: [RowGather], padded: FloatBuffer, output: FloatBuffer, activation: FusedActivation) {
        precondition(panels.count == geometry.groups && gathers.count == geometry.groups, "one GEMM per group")
        var source = UnsafePointer(input.pointer)
        if !geometry.padding.isZero {
            precondition(padded.count >= batch * geometry.paddedCount, "padding scratch too small")
            copyIntoPadded(input: input.pointer, batch: batch, geometry: geometry, padded: padded.pointer)
            source = UnsafePointer(padded.pointer)
        }
        let rows = batch * geometry.outputHeight * geometry.outputWidth
        for group in 0..<geometry.groups {
            GEMM.multiply(a: source, gather: gathers[group], rows: rows, b: panels[group],
                          c: output.pointer + group * geometry.groupFilters, ldc: geometry.filters,
                          activation: activation)
        }
    }

    /// Copies each image row into the interior of the padded scratch; the border stays zero.
    private static func copyIntoPadded(input: UnsafeMutablePointer<Float>, batch: Int, geometry: ConvolutionGeometry,
                                       padded: UnsafeMutablePointer<Float>) {
        let copy = PaddingCopy(input: input, padded: padded, geometry: geometry)
        let rows = batch * geometry.inputHeight
        let parts = Parallel.parts(forWork: batch * geometry.inputCount, limit: rows)
        Parallel.run(parts: parts) { part in
            copy.copy(rows: Parallel.range(part: part, of: parts, count: rows))
        }
    }

    private struct PaddingCopy: @unchecked Sendable {
        let input: UnsafeMutablePointer<Float>
        let padded: UnsafeMutablePointer<Float>
        let geometry: ConvolutionGeometry

        /// Image rows `(n, h)` flattened as `n * H + h`.
        func copy(rows: Range<Int>) {
            let g = geometry
            let rowLength = g.inputWidth * g.channels
            let paddedRow = g.paddedWidth * g.channels
            for row in rows {
                let n = row / g.inputHeight, h = row - n * g.inputHeight
                let to = padded + n * g.paddedCount + (h + g.padding.top) * paddedRow + g.padding.left * g.channels
                to.update(from: input + row * rowLength, count: rowLength)
            }
        }
    }
}
