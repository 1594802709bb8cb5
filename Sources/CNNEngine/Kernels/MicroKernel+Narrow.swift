/// Micro-kernels for 8-column panels (B with at most 8 columns, such as a first conv of 6 filters):
/// 8 rows by 8 columns in eight accumulators, so no FMA is spent on padding columns.
extension MicroKernel {
    @inline(__always)
    static func tile8Narrow(_ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>, _ a2: UnsafePointer<Float>,
                            _ a3: UnsafePointer<Float>, _ a4: UnsafePointer<Float>, _ a5: UnsafePointer<Float>,
                            _ a6: UnsafePointer<Float>, _ a7: UnsafePointer<Float>,
                            offsets: UnsafePointer<Int>, segments: Int, length: Int, b: UnsafePointer<Float>,
                            bias: UnsafePointer<Float>, activation: FusedActivation,
                            c: UnsafeMutablePointer<Float>, ldc: Int, columns: Int) {
        var c0 = Vector(), c1 = Vector(), c2 = Vector(), c3 = Vector()
        var c4 = Vector(), c5 = Vector(), c6 = Vector(), c7 = Vector()
        var bp = b
        for s in 0..<segments {
            let offset = offsets[s]
            let r0 = a0 + offset, r1 = a1 + offset, r2 = a2 + offset, r3 = a3 + offset
            let r4 = a4 + offset, r5 = a5 + offset, r6 = a6 + offset, r7 = a7 + offset
            for k in 0..<length {
                let w = load(bp)
                c0 = c0.addingProduct(Vector(repeating: r0[k]), w)
                c1 = c1.addingProduct(Vector(repeating: r1[k]), w)
                c2 = c2.addingProduct(Vector(repeating: r2[k]), w)
                c3 = c3.addingProduct(Vector(repeating: r3[k]), w)
                c4 = c4.addingProduct(Vector(repeating: r4[k]), w)
                c5 = c5.addingProduct(Vector(repeating: r5[k]), w)
                c6 = c6.addingProduct(Vector(repeating: r6[k]), w)
                c7 = c7.addingProduct(Vector(repeating: r7[k]), w)
                bp += 8
            }
        }
        let shift = load(bias)
        finish(c0 + shift, activation, c, columns)
        finish(c1 + shift, activation, c + ldc, columns)
        finish(c2 + shift, activation, c + 2 * ldc, columns)
        finish(c3 + shift, activation, c + 3 * ldc, columns)
        finish(c4 + shift, activation, c + 4 * ldc, columns)
        finish(c5 + shift, activation, c + 5 * ldc, columns)
        finish(c6 + shift, activation, c + 6 * ldc, columns)
        finish(c7 + shift, activation, c + 7 * ldc, columns)
    }

    /// One row by 8 columns, four depth steps at a time into separate accumulators.
    @inline(__always)
    static func row1Narrow(_ a: UnsafePointer<Float>, offsets: UnsafePointer<Int>, segments: Int, length: Int,
                           b: UnsafePointer<Float>, bias: UnsafePointer<Float>, activation: FusedActivation,
                           c: UnsafeMutablePointer<Float>, columns: Int) {
        var p = Vector(), q = Vector(), u = Vector(), v = Vector()
        var bp = b
        for s in 0..<segments {
            let r = a + offsets[s]
            var k = 0
            while k + 4 <= length {
                p = p.addingProduct(Vector(repeating: r[k]), load(bp))
                q = q.addingProduct(Vector(repeating: r[k + 1]), load(bp + 8))
                u = u.addingProduct(Vector(repeating: r[k + 2]), load(bp + 16))
                v = v.addingProduct(Vector(repeating: r[k + 3]), load(bp + 24))
                bp += 32
                k += 4
            }
            while k < length {
                p = p.addingProduct(Vector(repeating: r[k]), load(bp))
                bp += 8
                k += 1
            }
        }
        finish((p + q) + (u + v) + load(bias), activation, c, columns)
    }
}
