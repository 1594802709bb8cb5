/// The two convolutions of a conv layer's backward pass, as GEMMs on the engine's packed kernel.
///
/// With `G = dL/dz` as the row-major `[M = N*OH*OW, F]` matrix it is in NHWC, and `X_col` the
/// `[M, K = KH*KW*C/g]` im2col matrix of the input, per group:
/// `dW = X_col^T G` (`[K, F/g]`, the layer's `[KH, KW, C/g, F]` layout) and
/// `dX_col = G W^T`, scattered back (col2im) into `dX`.
enum ConvolutionBackward {
    /// What a layer's backward pass keeps from step to step, so that a step allocates nothing once
    /// the largest batch has been seen: the im2col matrix, the gradient's panels and `W^T`'s.
    struct Workspace {
        var columns = FloatBuffer(count: 0)
        var gradientPanels: PackedPanels?
        var transposedWeights: [PackedPanels] = []
        /// Set when the weights change; `W^T` is repacked at the next input gradient.
        var weightsChanged = true

        /// `columns` with room for `count` floats.
        mutating func columns(count: Int) -> FloatBuffer {
            if columns.count < count { columns = FloatBuffer(count: count) }
            return columns
        }
    }

    /// Writes the filter gradient, `[KH, KW, C/g, F]`, to `weightGradient`; `gradient` is `G`.
    static func filterGradient(input: FloatBuffer, gradient: FloatBuffer, batch: Int, geometry g: ConvolutionGeometry,
                               workspace: inout Workspace, into weightGradient: UnsafeMutablePointer<Float>) {
        let rows = batch * g.outputHeight * g.outputWidth, depth = g.depth
        let columnsT = workspace.columns(count: depth * rows)
        let panels = PackedPanels.reusing(&workspace.gradientPanels, depth: rows, columns: g.groupFilters)
        for group in 0..<g.groups {
            transposedColumns(input: input, batch: batch, geometry: g, group: group, into: columnsT)
            panels.fill(from: gradient.pointer + group * g.groupFilters, rowStride: g.filters)
            GEMM.multiply(a: columnsT.pointer, gather: .matrix(stride: rows, depth: rows), rows: depth, b: panels,
                          c: weightGradient + group * g.groupFilters, ldc: g.filters, activation: .none)
        }
    }

    /// Writes `dL/dx` (`[N, H, W, C]`) into `inputGradient`, packing `W^T` of `weights` first
    /// when they changed since the last call.
    static func inputGradient(gradient: FloatBuffer, weights: [Float], batch: Int, geometry g: ConvolutionGeometry,
                              workspace: inout Workspace, into inputGradient: FloatBuffer) {
        if workspace.weightsChanged {
            packTransposed(weights, geometry: g, into: &workspace.transposedWeights)
            workspace.weightsChanged = false
        }
        ConvolutionBackward.inputGradient(gradient: gradient, transposedWeights: workspace.transposedWeights,
                                          batch: batch, geometry: g, workspace: &workspace, into: inputGradient)
    }

    /// The same with `W^T` of every group already packed (`packTransposed`), as a transposed
    /// convolution's forward pass keeps it.
    static func inputGradient(gradient: FloatBuffer, transposedWeights panels: [PackedPanels], batch: Int,
                              geometry g: ConvolutionGeometry, workspace: inout Workspace,
                              into inputGradient: FloatBuffer) {
        let rows = batch * g.outputHeight * g.outputWidth, depth = g.depth
        let columns = workspace.columns(count: rows * depth)
        inputGradient.pointer.update(repeating: 0, count: batch * g.inputCount)
        for group in 0..<g.groups {
            GEMM.multiply(a: gradient, aOffset: group * g.groupFilters,
                          gather: .matrix(stride: g.filters, depth: g.groupFilters), rows: rows, b: panels[group],
                          c: columns, ldc: depth, activation: .none)
            scatterColumns(columns, batch: batch, geometry: g, group: group, into: inputGradient)
        }
    }

    /// Packs `W` (`[KH*KW*C/g, F/g]`) of each group of the `[KH, KW, C/g, F]` weights, with its
    /// share of `bias`, into `panels`; allocates them only the first time.
    static func pack(_ weights: [Float], bias: [Float]?, geometry g: ConvolutionGeometry,
                     into panels: inout [PackedPanels]) {
        if panels.isEmpty { panels = (0..<g.groups).map { _ in PackedPanels(depth: g.depth, columns: g.groupFilters) } }
        weights.withUnsafeBufferPointer { w in
            for (group, panel) in panels.enumerated() {
                panel.fill(from: w.baseAddress! + group * g.groupFilters, rowStride: g.filters)
            }
        }
        bias?.withUnsafeBufferPointer { b in
            for (group, panel) in panels.enumerated() { panel.fillBias(from: b.baseAddress! + group * g.groupFilters) }
        }
    }

    /// Packs `W^T` (`[F/g, KH*KW*C/g]`) of each group of the `[KH, KW, C/g, F]` weights into
    /// `panels`; allocates them only the first time.
    static func packTransposed(_ weights: [Float], geometry g: ConvolutionGeometry, into panels: inout [PackedPanels]) {
        if panels.isEmpty { panels = (0..<g.groups).map { _ in PackedPanels(depth: g.groupFilters, columns: g.depth) } }
        weights.withUnsafeBufferPointer { w in
            for (group, panel) in panels.enumerated() {
                panel.fill(from: w.baseAddress! + group * g.groupFilters, rowStride: 1, columnStride: g.filters)
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
                // A tap right of the last column for every output (offset past the width) has
                // none: the division alone would round -1/s up to 0 and read past the row.
                let reach = g.inputWidth - 1 - offset
                let last = reach < 0 ? 0 : min(ow, reach / g.stride.width + 1)
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
