@testable import CNNFormats
import Testing

@Suite struct PixelMapTests {
    /// Scaled by the largest finite magnitude; infinities are the extreme of their sign, NaN stays NaN.
    @Test func mapsScaleByTheLargestFiniteMagnitude() {
        let values: [Float] = [-2, -1, 0, 1, 4, .infinity, -.infinity]
        #expect(PixelMap.largestMagnitude(values + [.nan]) == 4)
        #expect(PixelMap.abs.intensities(values) == [0.5, 0.25, 0, 0.25, 1, 1, 1])
        #expect(PixelMap.signed.intensities(values) == [0.25, 0.375, 0.5, 0.625, 1, 1, 0])
        #expect(PixelMap.clip.intensities(values) == values)
        #expect(PixelMap.abs.intensities([.nan])[0].isNaN)
    }

    /// An all-zero map is black in `abs` and mid-grey (128 of 255) in `signed`, never NaN.
    @Test func aFlatMapHasNoScale() throws {
        #expect(PixelMap.abs.intensities([0, 0]) == [0, 0])
        let grey = try NetpbmFile.encode(Tensor(shape: [1, 2, 1], scalars: PixelMap.signed.intensities([0, 0])))
        #expect(Array(grey.suffix(2)) == [128, 128])
    }
}
