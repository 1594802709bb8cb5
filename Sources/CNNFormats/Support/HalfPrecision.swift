/// Widening of 16-bit floats to `Float`, by hand because `Float16` is missing on Intel Macs.
enum HalfPrecision {
    /// IEEE 754 binary16 (1 sign, 5 exponent, 10 fraction bits) to Float, exactly, incl. subnormals, inf and NaN.
    static func float(fromHalfBits bits: UInt16) -> Float {
        let sign: UInt32 = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = UInt32(bits & 0x03FF)
        switch exponent {
        case 0:
            // Zero or subnormal: fraction * 2^-24, exact in Float.
            let magnitude = Float(fraction) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            // Infinity or NaN; keep the NaN payload in the top fraction bits.
            return Float(bitPattern: sign | 0x7F80_0000 | fraction << 13)
        default:
            let rebiased = UInt32(exponent - 15 + 127)
            return Float(bitPattern: sign | rebiased << 23 | fraction << 13)
        }
    }

    /// bfloat16 is the upper half of a float32's bits.
    static func float(fromBFloat16Bits bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }
}
