import Testing
@testable import CNNFormats

@Suite struct HalfPrecisionTests {
    @Test(arguments: [
        (UInt16(0x3C00), Float(1)), (0xC100, -2.5), (0x7BFF, 65504), (0xFBFF, -65504),
        (0x0001, 0x1p-24), (0x8001, -0x1p-24), (0x03FF, 1023 * 0x1p-24), (0x0400, 0x1p-14),
        (0x3555, 0.333251953125), (0x0000, 0), (0x7C00, .infinity), (0xFC00, -.infinity),
    ])
    func widensHalfBitPatterns(bits: UInt16, expected: Float) {
        #expect(HalfPrecision.float(fromHalfBits: bits) == expected)
    }

    @Test func keepsTheSignOfZeroAndNaN() {
        #expect(HalfPrecision.float(fromHalfBits: 0x8000).bitPattern == (-Float(0)).bitPattern)
        #expect(HalfPrecision.float(fromHalfBits: 0x7E00).isNaN)
        #expect(HalfPrecision.float(fromHalfBits: 0xFE01).isNaN)
    }

    @Test(arguments: [
        (UInt16(0x3F80), Float(1)), (0xC020, -2.5), (0x7F80, .infinity), (0xFF80, -.infinity),
        (0x0001, 0x1p-133), (0x4049, 3.140625), (0x0000, 0),
    ])
    func widensBFloat16BitPatterns(bits: UInt16, expected: Float) {
        #expect(HalfPrecision.float(fromBFloat16Bits: bits) == expected)
    }

    #if !(os(macOS) && arch(x86_64))
    @Test func agreesWithSwiftsFloat16OnEveryBitPattern() {
        // An independent reference where the platform has Float16 (not on Intel Macs).
        var mismatches: [UInt16] = []
        for bits in UInt16.min...UInt16.max {
            let ours = HalfPrecision.float(fromHalfBits: bits)
            let reference = Float(Float16(bitPattern: bits))
            let same = ours.isNaN ? reference.isNaN : ours.bitPattern == reference.bitPattern
            if !same { mismatches.append(bits) }
        }
        #expect(mismatches.isEmpty)
    }
    #endif
}
