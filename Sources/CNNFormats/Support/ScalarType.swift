/// The element types the readers convert to float32, shared by safetensors, npy and IDX.
enum ScalarType: Hashable, Sendable {
    case bool, uint8, int8, uint16, int16, uint32, int32, uint64, int64
    case float16, bfloat16, float32, float64

    var byteCount: Int {
        switch self {
        case .bool, .uint8, .int8: return 1
        case .uint16, .int16, .float16, .bfloat16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64: return 8
        }
    }

    var isInteger: Bool {
        switch self {
        case .float16, .bfloat16, .float32, .float64: return false
        default: return true
        }
    }

    /// `count` elements starting at `start` in `bytes`, each converted to the nearest Float.
    ///
    /// The caller has checked that `start + count * byteCount <= bytes.count`.
    func decode(_ bytes: [UInt8], start: Int, count: Int, bigEndian: Bool = false) -> [Float] {
        precondition(start >= 0 && start + count * byteCount <= bytes.count, "scalar range outside the bytes")
        var scalars = [Float]()
        scalars.reserveCapacity(count)
        if self == .uint8 {
            // The common image case; skip the generic byte assembly.
            for index in start..<(start + count) { scalars.append(Float(bytes[index])) }
            return scalars
        }
        var position = start
        for _ in 0..<count {
            let bits = ByteReader.assemble(bytes[position..<(position + byteCount)], bigEndian: bigEndian)
            scalars.append(convert(bits))
            position += byteCount
        }
        return scalars
    }

    /// `count` bytes from `start` as 8-bit intensities divided by 255 into [0, 1].
    static func unitScaledBytes(_ bytes: [UInt8], start: Int, count: Int) -> [Float] {
        precondition(start >= 0 && start + count <= bytes.count, "byte range outside the bytes")
        // A table keeps the exact quotient b / 255 without a division per pixel.
        let levels = (0...255).map { Float($0) / 255 }
        return bytes[start..<(start + count)].map { levels[Int($0)] }
    }

    /// The Float nearest to the element whose raw bits (zero-extended) are `bits`.
    private func convert(_ bits: UInt64) -> Float {
        switch self {
        case .bool: return bits == 0 ? 0 : 1
        case .uint8, .uint16, .uint32, .uint64: return Float(bits)
        case .int8: return Float(Int8(truncatingIfNeeded: bits))
        case .int16: return Float(Int16(truncatingIfNeeded: bits))
        case .int32: return Float(Int32(truncatingIfNeeded: bits))
        case .int64: return Float(Int64(bitPattern: bits))
        case .float16: return HalfPrecision.float(fromHalfBits: UInt16(truncatingIfNeeded: bits))
        case .bfloat16: return HalfPrecision.float(fromBFloat16Bits: UInt16(truncatingIfNeeded: bits))
        case .float32: return Float(bitPattern: UInt32(truncatingIfNeeded: bits))
        case .float64: return Float(Double(bitPattern: bits))
        }
    }
}
