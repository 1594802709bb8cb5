/// Convolution as an implicit im2col GEMM over the NHWC input, one GEMM per group.
enum ConvolutionKernel {
    /// Writes `output` (NHWC `[batch, OH, OW, F]`) from `input` (NHWC `[batch, H, W, C]`).
    ///
    /// - Parameters:
    ///   - panels: the packed weights and bias of each group (`geometry.groups` entries).
    ///   - padded: scratch of at least `batch * geometry.paddedCount` floats whose border is zero;
    ///     unused when the layer does not pad.
    static func forward(input: FloatBuffer, batch: Int, geometry: ConvolutionGeometry, panels: [PackedPanels],
                        padded: FloatBuffer, output: FloatBuffer, activation: FusedActivation) {
        precondition(panels.count == geometry.groups, "one packed panel set per group")
        var source = UnsafePointer(input.pointer)
        if !geometry.padding.isZero {
            precondition(padded.count >= batch * geometry.paddedCount, "padding scratch too small")
            copyIntoPadded(input: input.pointer, batch: batch, geometry: geometry, padded: padded.pointer)
            source = UnsafePointer(padded.pointer)
        }
        let rows = batch * geometry.outputHeight * geometry.outputWidth
        for group in 0..<geometry.groups {
            GEMM.multiply(a: source, gather: geometry.gather(group: group), rows: rows, b: panels[group],
                          c: output.pointer + group * geometry.groupFilters, ldc: geometry.filters,
                          activation: activation)
        }
    }

    /// Copies each image row into the interior of the padded scratch; the border stays zero.
    private static func copyIntoPadded(input: UnsafeMutablePointer<Float>, batch: Int, geometry g: ConvolutionGeometry,
                                       padded: UnsafeMutablePointer<Float>) {
        let rowLength = g.inputWidth * g.channels
        let paddedRow = g.paddedWidth * g.channels
        for n in 0..<batch {
            for h in 0..<g.inputHeight {
                let from = input + n * g.inputCount + h * rowLength
                let to = padded + n * g.paddedCount + (h + g.padding.top) * paddedRow + g.padding.left * g.channels
                to.update(from: from, count: rowLength)
            }
        }
    }
}
