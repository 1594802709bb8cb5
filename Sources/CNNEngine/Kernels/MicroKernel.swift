/// The innermost GEMM loops: one tile of C accumulated in registers over the whole depth.
///
/// Both kernels read B from a 16-column panel (see `PackedPanels`) and A as `segments` runs of
/// `length` floats at `row + offsets[s]`. They add the bias, apply the fused activation and store
/// the first `columns` columns.
enum MicroKernel {
    typealias Vector = SIMD8<Float>

    /// Six rows by 16 columns: the workhorse.
    @inline(__always)
    static func tile6(_ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>, _ a2: UnsafePointer<Float>,
                      _ a3: UnsafePointer<Float>, _ a4: UnsafePointer<Float>, _ a5: UnsafePointer<Float>,
                      offsets: UnsafePointer<Int>, segments: Int, length: Int, b: UnsafePointer<Float>,
                      bias: UnsafePointer<Float>, activation: FusedActivation,
                      c: UnsafeMutablePointer<Float>, ldc: Int, columns: Int) {
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
        var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
        var c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
        var bp = b
        for s in 0..<segments {
            let offset = offsets[s]
            let r0 = a0 + offset, r1 = a1 + offset, r2 = a2 + offset
            let r3 = a3 + offset, r4 = a4 + offset, r5 = a5 + offset
            for k in 0..<length {
                let b0 = load(bp), b1 = load(bp + 8)
                var x = Vector(repeating: r0[k])
                c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
                x = Vector(repeating: r1[k])
                c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
                x = Vector(repeating: r2[k])
                c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
                x = Vector(repeating: r3[k])
                c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
                x = Vector(repeating: r4[k])
                c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
                x = Vector(repeating: r5[k])
                c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
                bp += 16
            }
        }
        let bias0 = load(bias), bias1 = load(bias + 8)
        finish(c00 + bias0, c01 + bias1, activation, c, columns)
        finish(c10 + bias0, c11 + bias1, activation, c + ldc, columns)
        finish(c20 + bias0, c21 + bias1, activation, c + 2 * ldc, columns)
        finish(c30 + bias0, c31 + bias1, activation, c + 3 * ldc, columns)
        finish(c40 + bias0, c41 + bias1, activation, c + 4 * ldc, columns)
        finish(c50 + bias0, c51 + bias1, activation, c + 5 * ldc, columns)
    }

    /// One row by 16 columns, four depth steps at a time into separate accumulators so that FMA
    /// latency does not serialise a lone row (matrix-vector products, tails of the 6-row tiles).
    @inline(__always)
    static func row1(_ a: UnsafePointer<Float>, offsets: UnsafePointer<Int>, segments: Int, length: Int,
                     b: UnsafePointer<Float>, bias: UnsafePointer<Float>, activation: FusedActivation,
                     c: UnsafeMutablePointer<Float>, columns: Int) {
        var p0 = Vector(), p1 = Vector(), q0 = Vector(), q1 = Vector()
        var u0 = Vector(), u1 = Vector(), v0 = Vector(), v1 = Vector()
        var bp = b
        for s in 0..<segments {
            let r = a + offsets[s]
            var k = 0
            while k + 4 <= length {
                var x = Vector(repeating: r[k])
                p0 = p0.addingProduct(x, load(bp)); p1 = p1.addingProduct(x, load(bp + 8))
                x = Vector(repeating: r[k + 1])
                q0 = q0.addingProduct(x, load(bp + 16)); q1 = q1.addingProduct(x, load(bp + 24))
                x = Vector(repeating: r[k + 2])
                u0 = u0.addingProduct(x, load(bp + 32)); u1 = u1.addingProduct(x, load(bp + 40))
                x = Vector(repeating: r[k + 3])
                v0 = v0.addingProduct(x, load(bp + 48)); v1 = v1.addingProduct(x, load(bp + 56))
                bp += 64
                k += 4
            }
            while k < length {
                let x = Vector(repeating: r[k])
                p0 = p0.addingProduct(x, load(bp)); p1 = p1.addingProduct(x, load(bp + 8))
                bp += 16
                k += 1
            }
        }
        let low = (p0 + q0) + (u0 + v0) + load(bias)
        let high = (p1 + q1) + (u1 + v1) + load(bias + 8)
        finish(low, high, activation, c, columns)
    }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    /// Applies the activation and stores the first `columns` of the 16 values.
    @inline(__always)
    private static func finish(_ low: Vector, _ high: Vector, _ activation: FusedActivation,
                               _ c: UnsafeMutablePointer<Float>, _ columns: Int) {
        let low = activate(low, activation), high = activate(high, activation)
        if columns >= 16 {
            UnsafeMutableRawPointer(c).storeBytes(of: low, as: Vector.self)
            UnsafeMutableRawPointer(c + 8).storeBytes(of: high, as: Vector.self)
        } else {
            // A narrow last panel: spill the tile row once and copy its valid prefix (extracting
            // SIMD lanes one by one costs more than the whole FMA loop of a small layer).
            var row = (low, high)
            withUnsafeBytes(of: &row) { raw in
                c.update(from: raw.baseAddress!.assumingMemoryBound(to: Float.self), count: columns)
            }
        }
    }

    /// Applies the activation and stores the first `columns` of the 8 values.
    @inline(__always)
    static func finish(_ values: Vector, _ activation: FusedActivation, _ c: UnsafeMutablePointer<Float>,
                       _ columns: Int) {
        var values = activate(values, activation)
        if columns >= 8 {
            UnsafeMutableRawPointer(c).storeBytes(of: values, as: Vector.self)
        } else {
            withUnsafeBytes(of: &values) { raw in
                c.update(from: raw.baseAddress!.assumingMemoryBound(to: Float.self), count: columns)
            }
        }
    }

    @inline(__always)
    private static func activate(_ v: Vector, _ activation: FusedActivation) -> Vector {
        switch activation {
        case .none: return v
        case .relu: return v.replacing(with: 0, where: v .< 0)
        case let .leakyReLU(alpha): return v.replacing(with: v * alpha, where: v .< 0)
        case .relu6: return v.replacing(with: 0, where: v .< 0).replacing(with: 6, where: v .> 6)
        case .sigmoid: return VectorMath.sigmoid(v)
        case .silu: return v * VectorMath.sigmoid(v)
        }
    }
}
