/// The two convolutions of a conv layer's backward pass, as GEMMs on the engine's packed kernel.
///
/// With `G = dL/dz` as the row-major `[M = N*OH*OW, F]` matrix it is in NHWC, and `X_col` the
/// `[M, K = KH*KW*C/g]` im2col matrix of the input, per group:
/// `dW = X_col^T G` (`[K, F/g]`, the layer's `[KH, KW, C/g, F]` layout) and
/// `dX_col = G W^T`, scattered back (col2im) into `dX`.
enum ConvolutionBackward {
    /// Writes the filter gradient, `[KH, KW, C/g, F]`, into `weightGradient`; `scratch` grows as needed.
    static func filterGradient(input: FloatBuffer, gradient: [Float], batch: Int, geometry g: ConvolutionGeometry,
                               scratch: inout FloatBuffer, into weightGradient: inout [Float]) {
        let rows = batch * g.outputHeight * g.outputWidth, depth = g.depth
        if scratch.count < depth * rows { scratch = FloatBuffer(count: depth * rows) }
        let columnsT = scratch
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

    /// Writes `dL/dx` (`[N, H, W, C]`) into `inputGradient`; `scratch` grows as needed.
    static func inputGradient(gradient: FloatBuffer, weights: [Float], batch: Int, geometry g: ConvolutionGeometry,
                              scratch: inout FloatBuffer, into inputGradient: FloatBuffer) {
        ConvolutionBackward.inputGradient(gradient: gradient, transposedWeights: transposedPanels(weights, geometry: g), batch: batch,
                      geometry: g, scratch: &scratch, into: inputGradient)
    }

    /// The same with `W^T` of every group already packed (`transposedPanels`), as a transposed
    /// convolution's forward pass keeps it.
    static func inputGradient(gradient: FloatBuffer, transposedWeights panels: [PackedPanels], batch: Int,
                              geometry g: ConvolutionGeometry, scratch: inout FloatBuffer,
                              into inputGradient: FloatBuffer) {
        let rows = batch * g.outputHeight * g.outputWidth, depth = g.depth
        if scratch.count < rows * depth { scratch = FloatBuffer(count: rows * depth) }
        let columns = scratch
        inputGradient.pointer.update(repeating: 0, count: batch * g.inputCount)
        for group in 0..<g.groups {
            GEMM.multiply(a: gradient, aOffset: group * g.groupFilters,
                          gather: .matrix(stride: g.filters, depth: g.groupFilters), rows: rows, b: panels[group],
                          c: columns, ldc: depth, activation: .none)
            scatterColumns(columns, batch: batch, geometry: g, group: group, into: inputGradient)
        }
    }

    /// `W^T` (`[F/g, KH*KW*C/g]`) of each group of the `[KH, KW, C/g, F]` weights, packed.
    static func transposedPanels(_ weights: [Float], geometry g: ConvolutionGeometry) -> [PackedPanels] {
        weights.withUnsafeBufferPointer { w in
            (0..<g.groups).map { group in
                let transposed = GradientKernels.transpose(w.baseAddress! + group * g.groupFilters, rows: g.depth,
                                                           columns: g.groupFilters, stride: g.filters)
                return PackedPanels(matrix: transposed, depth: g.groupFilters, columns: g.depth, stride: g.depth)
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
    /// Written row by row of the result, so every store is sequential.
    private static func transposedColumns(input: FloatBuffer, batch: Int, geometry g: ConvolutionGeometry,
                                          group: Int, into columnsT: FloatBuffer) {
        let rows = batch * g.outputHeight * g.outputWidth, cg = g.groupChannels
        let x = input.pointer + group * cg, ow = g.outputWidth
        for i in 0..<g.kernel.height {
            for j in 0..<g.kernel.width {
                // The output columns whose tap (i, j) lands inside the image, as a range.
                let offset = j * g.dilation.width - g.padding.left
                let first = offset >= 0 ? 0 : (-offset + g.stride.width - 1) / g.stride.width
                let last = min(ow, max(0, (g.inputWidth - 1 - offset) / g.stride.width + 1))
                for c in 0..<cg {
                    var destination = columnsT.pointer + ((i * g.kernel.width + j) * cg + c) * rows
                    for n in 0..<batch {
                        for oh in 0..<g.outputHeight {
                            let h = oh * g.stride.height + i * g.dilation.height - g.padding.top
                            guard h >= 0, h < g.inputHeight, first < last else {
                                destination.update(repeating: 0, count: ow)
                                destination += ow
                                continue
                            }
                            let source = x + ((n * g.inputHeight + h) * g.inputWidth + offset) * g.channels + c
                            for column in 0..<first { destination[column] = 0 }
                            for column in first..<last { destination[column] = source[column * g.stride.width * g.channels] }
                            for column in last..<ow { destination[column] = 0 }
                            destination += ow
                        }
                    }
                }
            }
        }
    }

    /// col2im: adds each row of `dX_col` (`[M, K]`) back onto the inputs its window read.
    private static func scatterColumns(_ columns: FloatBuffer, batch: Int, geometry g: ConvolutionGeometry,
                                       group: Int, into inputGradient: FloatBuffer) {
        let depth = g.depth, source = columns.pointer, dx = inputGradient.pointer
        forEachTap(batch: batch, geometry: g, group: group) { row, k, index in dx[index] += source[row * depth + k] }
    }
}
