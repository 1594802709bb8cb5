/// The two convolutions of a conv layer's backward pass, as GEMMs on the engine's packed kernel.
///
/// With `G = dL/dz` as the row-major `[M = N*OH*OW, F]` matrix it is in NHWC, and `X_col` the
/// `[M, K = KH*KW*C/g]` im2col matrix of the input, per group:
/// `dW = X_col^T G` (`[K, F/g]`, the layer's `[KH, KW, C/g, F]` layout) and
/// `dX_col = G W^T`, scattered back (col2im) into `dX`.
enum ConvolutionBackward {
    /// Writes the filter gradient, `[KH, KW, C/g, F]`, into `weightGradient`.
    static func filterGradient(input: FloatBuffer, gradient: [Float], batch: Int, geometry g: ConvolutionGeometry,
                               into weightGradient: inout [Float]) {
        let rows = batch * g.outputHeight * g.outputWidth, depth = g.depth
        let columnsT = FloatBuffer(count: depth * rows)
        let result = FloatBuffer(count: depth * g.filters)
        for group in 0..<g.groups {
            transposedColumns(input: input, batch: batch, geometry: g, group: group, into: columnsT)
            let panels = PackedPanels(matrix: gradient, depth: rows, columns: g.groupFilters, stride: g.filters,
                                      columnOffset: group * g.groupFilters)
            GEMM.multiply(a: columnsT, gather: .matrix(stride: rows, depth: rows), rows: depth, b: panels,
                          c: result, cOffset: group * g.groupFilters, ldc: g.filters, activation: .none)
        }
        weightGradient = result.array(length: depth * g.filters)
    }

    /// Writes `dL/dx` (`[N, H, W, C]`) into `inputGradient`.
    static func inputGradient(gradient: FloatBuffer, weights: [Float], batch: Int, geometry g: ConvolutionGeometry,
                              into inputGradient: FloatBuffer) {
        let rows = batch * g.outputHeight * g.outputWidth, depth = g.depth
        let columns = FloatBuffer(count: rows * depth)
        inputGradient.pointer.update(repeating: 0, count: batch * g.inputCount)
        weights.withUnsafeBufferPointer { w in
            for group in 0..<g.groups {
                let transposed = GradientKernels.transpose(w.baseAddress! + group * g.groupFilters, rows: depth,
                                                           columns: g.groupFilters, stride: g.filters)
                let panels = PackedPanels(matrix: transposed, depth: g.groupFilters, columns: depth, stride: depth)
                GEMM.multiply(a: gradient, aOffset: group * g.groupFilters,
                              gather: .matrix(stride: g.filters, depth: g.groupFilters), rows: rows, b: panels,
                              c: columns, ldc: depth, activation: .none)
                scatterColumns(columns, batch: batch, geometry: g, group: group, into: inputGradient)
            }
        }
    }

    /// Calls `body(row, k, inputIndex)` for every in-bounds tap of group `group`: im2col's index map.
    @inline(__always)
    private static func forEachTap(batch: Int, geometry g: ConvolutionGeometry, group: Int,
                                   _ body: (_ row: Int, _ k: Int, _ inputIndex: Int) -> Void) {
        let cg = g.groupChannels, firstChannel = group * cg
        var row = 0
        for n in 0..<batch {
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    for i in 0..<g.kernel.height {
                        let h = oh * g.stride.height + i * g.dilation.height - g.padding.top
                        guard h >= 0, h < g.inputHeight else { continue }
                        for j in 0..<g.kernel.width {
                            let w = ow * g.stride.width + j * g.dilation.width - g.padding.left
                            guard w >= 0, w < g.inputWidth else { continue }
                            let base = ((n * g.inputHeight + h) * g.inputWidth + w) * g.channels + firstChannel
                            let k = (i * g.kernel.width + j) * cg
                            for c in 0..<cg { body(row, k + c, base + c) }
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// `X_col^T` of group `group` as a row-major `[K, M]` matrix (zeros where windows hit padding).
    private static func transposedColumns(input: FloatBuffer, batch: Int, geometry g: ConvolutionGeometry,
                                          group: Int, into columnsT: FloatBuffer) {
        let rows = batch * g.outputHeight * g.outputWidth
        columnsT.zero()
        let x = input.pointer, t = columnsT.pointer
        forEachTap(batch: batch, geometry: g, group: group) { row, k, index in t[k * rows + row] = x[index] }
    }

    /// col2im: adds each row of `dX_col` (`[M, K]`) back onto the inputs its window read.
    private static func scatterColumns(_ columns: FloatBuffer, batch: Int, geometry g: ConvolutionGeometry,
                                       group: Int, into inputGradient: FloatBuffer) {
        let depth = g.depth, source = columns.pointer, dx = inputGradient.pointer
        forEachTap(batch: batch, geometry: g, group: group) { row, k, index in dx[index] += source[row * depth + k] }
    }
}
