import CNNModel
import Testing

/// The fixed-filter table that the engine and the emitted PyTorch share, checked by hand.
@Suite struct FixedFilterTableTests {
    @Test func banksAlternateAndAreSpreadOverTheChannels() {
        let weights = FixedFilter.sobel.weights(filters: 3, channelsPerGroup: 2)
        let x: [Float] = [0.5, 0, -0.5, 1, 0, -1, 0.5, 0, -0.5]
        let y: [Float] = [0.5, 1, 0.5, 0, 0, 0, -0.5, -1, -0.5]
        #expect(weights == x + x + y + y + x + x)
    }

    @Test func singleKernelsRepeat() {
        #expect(FixedFilter.laplacian.weights(filters: 2, channelsPerGroup: 1)
            == [0, 1, 0, 1, -4, 1, 0, 1, 0, 0, 1, 0, 1, -4, 1, 0, 1, 0])
        #expect(FixedFilter.scharry.kernels == [[3, 10, 3, 0, 0, 0, -3, -10, -3]])
        #expect(FixedFilter.prewitt.kernels.count == 2)
    }
}
