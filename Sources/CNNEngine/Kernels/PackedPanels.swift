/// The right-hand matrix B (`depth` x `columns`) of a GEMM, packed into column panels.
///
/// Panel `p` holds columns `width * p ..< width * (p + 1)` as `depth` rows of `width` contiguous
/// floats (zero beyond `columns`), so the micro-kernel streams it with aligned 8-float loads. The
/// width is 16, or 8 when B has at most 8 columns (small filter banks such as LeNet's first conv),
/// which halves the wasted work. The bias of those columns sits beside it, padded the same way.
///
/// Panels are allocated once and refilled in place (`fill`): layers pack their weights at load
/// time and after each optimizer step, and the backward passes pack gradients into panels they
/// keep, viewed at the step's depth (`prefix(depth:)`), so that a training step allocates nothing.
struct PackedPanels: @unchecked Sendable {
    let width: Int
    let depth: Int
    let columns: Int
    let panelCount: Int
    let storage: FloatBuffer
    let bias: FloatBuffer

    /// Zeroed panels for a `depth` x `columns` matrix.
    init(depth: Int, columns: Int) {
        let width = columns <= 8 ? 8 : 16
        let panelCount = (columns + width - 1) / width
        self.init(width: width, depth: depth, columns: columns, panelCount: panelCount,
                  storage: FloatBuffer(count: panelCount * depth * width), bias: FloatBuffer(count: panelCount * width))
    }

    private init(width: Int, depth: Int, columns: Int, panelCount: Int, storage: FloatBuffer, bias: FloatBuffer) {
        (self.width, self.depth, self.columns, self.panelCount) = (width, depth, columns, panelCount)
        (self.storage, self.bias) = (storage, bias)
    }

    /// Packs a row-major `depth` x `columns` matrix with `stride` floats per row; `bias` has
    /// `columns` entries, or is nil (zero).
    init(matrix: [Float], depth: Int, columns: Int, stride: Int, bias: [Float]? = nil) {
        precondition(columns <= stride && matrix.count >= depth * stride, "panel block \(depth)x\(columns) exceeds the matrix")
        self.init(depth: depth, columns: columns)
        matrix.withUnsafeBufferPointer { fill(from: $0.baseAddress!, rowStride: stride) }
        bias?.withUnsafeBufferPointer { fillBias(from: $0.baseAddress!) }
    }

    /// The GEMM's register tile for these panels, for profiles: `6x16`, or `8x8` for narrow panels.
    var tile: String { "\(GEMM.tileRows(width: width))x\(width)" }

    /// Rows the storage can hold: the largest depth `prefix(depth:)` accepts.
    var capacity: Int { storage.count / max(panelCount * width, 1) }

    /// The same storage viewed as panels of `depth <= capacity` rows (the layout depends on the
    /// depth, so refill the view before using it).
    func prefix(depth: Int) -> PackedPanels {
        precondition(depth <= capacity, "depth \(depth) exceeds the panels' capacity \(capacity)")
        return PackedPanels(width: width, depth: depth, columns: columns, panelCount: panelCount,
                            storage: storage, bias: bias)
    }

    /// Packs B with `B[k, j] = source[k * rowStride + j * columnStride]`: `columnStride` 1 for a
    /// row-major block, `rowStride` 1 for the transpose of one. Padding columns are rewritten as zeros.
    func fill(from source: UnsafePointer<Float>, rowStride: Int, columnStride: Int = 1) {
        for panel in 0..<panelCount {
            let first = panel * width
            let valid = min(width, columns - first)
            var destination = storage.pointer + panel * depth * width
            for k in 0..<depth {
                let row = source + k * rowStride + first * columnStride
                for j in 0..<valid { destination[j] = row[j * columnStride] }
                for j in valid..<width { destination[j] = 0 }
                destination += width
            }
        }
    }

    /// Sets the bias of the `columns` columns from `source`.
    func fillBias(from source: UnsafePointer<Float>) {
        bias.pointer.update(from: source, count: columns)
    }

    /// Panels in `scratch` for a `depth` x `columns` matrix, allocated only when `scratch` is
    /// missing, of another width or too shallow: the backward passes' reusable packing space.
    static func reusing(_ scratch: inout PackedPanels?, depth: Int, columns: Int) -> PackedPanels {
        if let panels = scratch, panels.columns == columns, panels.capacity >= depth {
            return panels.prefix(depth: depth)
        }
        let panels = PackedPanels(depth: depth, columns: columns)
        scratch = panels
        return panels
    }
}
