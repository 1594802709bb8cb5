/// The engine's matrix multiply: `C = act(A * B + bias)` with A gathered by a `RowGather` and B
/// packed into 16-column panels, computed by register-blocked SIMD micro-kernels.
///
/// A 6 x 16 tile of C lives in twelve 8-float accumulators (15 of AVX2's 16 vector registers with
/// the two B vectors and the broadcast A value), so each step does 12 FMAs for 2 loads and 6
/// broadcasts. Narrow 8-column panels use 8 x 8 tiles instead. Rows are split over the cores when
/// the work is large enough to pay for it.
enum GEMM {
    /// Rows of one register tile for panels of `width` columns.
    static func tileRows(width: Int) -> Int { width == 8 ? 8 : 6 }
    /// Row tiles that share one B panel while it is hot in L1 before moving to the next panel.
    static let tilesPerBlock = 4

    /// Computes rows `0..<rows` of C: `C[r, j] = act(sum_k A[r, k] * B[k, j] + bias[j])`.
    ///
    /// - Parameters:
    ///   - a: the tensor A's rows are gathered from, starting at `aOffset`.
    ///   - c: row `r` of C starts at `cOffset + r * ldc`; only `b.columns` columns are written.
    static func multiply(a: FloatBuffer, aOffset: Int = 0, gather: RowGather, rows: Int, b: PackedPanels,
                         c: FloatBuffer, cOffset: Int = 0, ldc: Int, activation: FusedActivation) {
        precondition(gather.depth == b.depth, "A has depth \(gather.depth), B \(b.depth)")
        multiply(a: UnsafePointer(a.pointer + aOffset), gather: gather, rows: rows, b: b,
                 c: c.pointer + cOffset, ldc: ldc, activation: activation)
    }

    /// Pointer form of `multiply`, for kernels that gather from their own scratch buffers.
    static func multiply(a: UnsafePointer<Float>, gather: RowGather, rows: Int, b: PackedPanels,
                         c: UnsafeMutablePointer<Float>, ldc: Int, activation: FusedActivation) {
        guard rows > 0, b.columns > 0 else { return }
        gather.segmentOffsets.withUnsafeBufferPointer { offsets in
            let problem = Problem(a: a, gather: gather, offsets: offsets.baseAddress!, panels: b,
                                  c: c, ldc: ldc, activation: activation)
            let work = rows * b.depth * b.columns
            let tileRows = GEMM.tileRows(width: b.width)
            let parts = Parallel.parts(forWork: work, limit: (rows + tileRows - 1) / tileRows)
            Parallel.run(parts: parts) { part in
                let range = Parallel.range(part: part, of: parts, count: rows, granule: tileRows)
                problem.compute(rows: range)
            }
        }
    }

    /// Everything a worker thread needs, as one sendable value.
    private struct Problem: @unchecked Sendable {
        let a: UnsafePointer<Float>
        let gather: RowGather
        let offsets: UnsafePointer<Int>
        let panels: PackedPanels
        let c: UnsafeMutablePointer<Float>
        let ldc: Int
        let activation: FusedActivation

        func compute(rows range: Range<Int>) {
            let blockRows = GEMM.tileRows(width: panels.width) * GEMM.tilesPerBlock
            var blockStart = range.lowerBound
            while blockStart < range.upperBound {
                let blockEnd = min(blockStart + blockRows, range.upperBound)
                for panel in 0..<panels.panelCount {
                    computePanel(panel, rows: blockStart..<blockEnd)
                }
                blockStart = blockEnd
            }
        }

        private func computePanel(_ panel: Int, rows: Range<Int>) {
            let width = panels.width
            let b = UnsafePointer(panels.storage.pointer + panel * panels.depth * width)
            let bias = UnsafePointer(panels.bias.pointer + panel * width)
            let columns = min(width, panels.columns - panel * width)
            let column = panel * width
            let segments = gather.segmentOffsets.count
            let length = gather.segmentLength
            var row = rows.lowerBound
            if width == 8 {
                while row + 8 <= rows.upperBound {
                    MicroKernel.tile8Narrow(
                        a.advanced(by: gather.origin(ofRow: row)), a.advanced(by: gather.origin(ofRow: row + 1)),
                        a.advanced(by: gather.origin(ofRow: row + 2)), a.advanced(by: gather.origin(ofRow: row + 3)),
                        a.advanced(by: gather.origin(ofRow: row + 4)), a.advanced(by: gather.origin(ofRow: row + 5)),
                        a.advanced(by: gather.origin(ofRow: row + 6)), a.advanced(by: gather.origin(ofRow: row + 7)),
                        offsets: offsets,
                        segments: segments, length: length, b: b, bias: bias, activation: activation,
                        c: c + row * ldc + column, ldc: ldc, columns: columns)
                    row += 8
                }
            }
            while width == 16 && row + 6 <= rows.upperBound {
                MicroKernel.tile6(
                    a.advanced(by: gather.origin(ofRow: row)), a.advanced(by: gather.origin(ofRow: row + 1)),
                    a.advanced(by: gather.origin(ofRow: row + 2)), a.advanced(by: gather.origin(ofRow: row + 3)),
                    a.advanced(by: gather.origin(ofRow: row + 4)), a.advanced(by: gather.origin(ofRow: row + 5)),
                    offsets: offsets, segments: segments, length: length, b: b, bias: bias,
                    activation: activation, c: c + row * ldc + column, ldc: ldc, columns: columns)
                row += 6
            }
            while row < rows.upperBound {
                let origin = a.advanced(by: gather.origin(ofRow: row)), out = c + row * ldc + column
                if width == 8 {
                    MicroKernel.row1Narrow(origin, offsets: offsets, segments: segments, length: length, b: b,
                                           bias: bias, activation: activation, c: out, columns: columns)
                } else {
                    MicroKernel.row1(origin, offsets: offsets, segments: segments, length: length, b: b, bias: bias,
                                     activation: activation, c: out, columns: columns)
                }
                row += 1
            }
        }
    }
}
