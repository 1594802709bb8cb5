import CNNModel

/// The 3x3 kernels behind `conv ... weights=NAME`.
///
/// Orientation follows the classic lecture convention for cross-correlation: an x filter is
/// `[[1, 0, -1], [2, 0, -2], [1, 0, -1]]` (bright left, dark right gives a positive response),
/// a y filter its transpose (bright top gives a positive response).
extension FixedFilter {
    /// The row-major 3x3 kernel of filter `index` of a layer: banks (`sobel`, `scharr`, `prewitt`)
    /// alternate x, y, x, y, ...; the other names give the same kernel for every filter.
    func kernel(forFilter index: Int) -> [Float] {
        switch self {
        case .sobel: return (index.isMultiple(of: 2) ? FixedFilter.sobelx : .sobely).kernel(forFilter: 0)
        case .scharr: return (index.isMultiple(of: 2) ? FixedFilter.scharrx : .scharry).kernel(forFilter: 0)
        case .prewitt: return (index.isMultiple(of: 2) ? FixedFilter.prewittx : .prewitty).kernel(forFilter: 0)
        case .sobelx: return FixedFilter.horizontalGradient(centre: 2)
        case .sobely: return FixedFilter.transpose(FixedFilter.horizontalGradient(centre: 2))
        case .scharrx: return FixedFilter.horizontalGradient(side: 3, centre: 10)
        case .scharry: return FixedFilter.transpose(FixedFilter.horizontalGradient(side: 3, centre: 10))
        case .prewittx: return FixedFilter.horizontalGradient(centre: 1)
        case .prewitty: return FixedFilter.transpose(FixedFilter.horizontalGradient(centre: 1))
        case .laplacian: return [0, 1, 0, 1, -4, 1, 0, 1, 0]
        }
    }

    /// PyTorch-layout conv weights `[filters, channels, 3, 3]`: filter f's kernel on every input
    /// channel, divided by `channels` so a grey image replicated to RGB gives the grey image's map.
    func weights(filters: Int, channels: Int) -> [Float] {
        var weights: [Float] = []
        weights.reserveCapacity(filters * channels * 9)
        for filter in 0..<filters {
            let kernel = self.kernel(forFilter: filter).map { $0 / Float(channels) }
            for _ in 0..<channels { weights += kernel }
        }
        return weights
    }

    private static func horizontalGradient(side: Float = 1, centre: Float) -> [Float] {
        [side, 0, -side, centre, 0, -centre, side, 0, -side]
    }

    private static func transpose(_ k: [Float]) -> [Float] {
        [k[0], k[3], k[6], k[1], k[4], k[7], k[2], k[5], k[8]]
    }
}
