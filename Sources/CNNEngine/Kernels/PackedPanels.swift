/// The right-hand matrix B (`depth` x `columns`) of a GEMM, packed once into column panels.
///
/// Panel `p` holds columns `width * p ..< width * (p + 1)` as `depth` rows of `width` contiguous
/// floats (zero beyond `columns`), so the micro-kernel streams it with aligned 8-float loads. The
/// width is 16, or 8 when B has at most 8 columns (small filter banks such as LeNet's first conv),
/// which halves the wasted work. The bias of those columns sits beside it, padded the same way.
/// Layers pack their weights at load time.
struct PackedPanels: @unchecked Sendable {
    let width: Int
    let depth: Int
    let columns: Int
    let panelCount: Int
    let storage: FloatBuffer
    let bias: FloatBuffer

    /// Packs the `depth` x `columns` block of `matrix` that starts at column `columnOffset` of a
    /// row-major matrix with `stride` floats per row; `bias` has `columns` entries or is nil (zero).
    init(matrix: [Float], depth: Int, columns: Int, stride: Int, columnOffset: Int = 0,
         bias: [Float]? = nil, biasOffset: Int = 0) {
        precondition(columnOffset + columns <= stride && matrix.count >= depth * stride,
                     "panel block \(depth)x\(columns) at \(columnOffset) exceeds the matrix")
        let width = columns <= 8 ? 8 : 16
        self.width = width
        self.depth = depth
        self.columns = columns
        panelCount = (columns + width - 1) / width
        storage = FloatBuffer(count: panelCount * depth * width)
        self.bias = FloatBuffer(count: panelCount * width)
        matrix.withUnsafeBufferPointer { source in
            for panel in 0..<panelCount {
                let first = panel * width
                let valid = min(width, columns - first)
                let destination = storage.pointer + panel * depth * width
                for k in 0..<depth {
                    for j in 0..<valid {
                        destination[k * width + j] = source[k * stride + columnOffset + first + j]
                    }
                }
            }
        }
        if let bias {
            for j in 0..<columns { self.bias[j] = bias[biasOffset + j] }
        }
    }
}
