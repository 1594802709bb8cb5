/// The numbers behind `conv ... weights=NAME`, shared by the engine and the emitters so both
/// compute the same edges.
extension FixedFilter {
    /// The 3x3 kernels of the filter, each row-major, as cross-correlation weights (what a conv
    /// layer computes), in the classic lecture orientation: `sobelx` is `[[1, 0, -1], [2, 0, -2],
    /// [1, 0, -1]]`, positive where bright meets dark to its right; `sobely` is its transpose,
    /// positive where bright lies above dark. Banks (`sobel`, `scharr`, `prewitt`) list x, then y.
    public var kernels: [[Float]] {
        switch self {
        case .sobel: return FixedFilter.sobelx.kernels + FixedFilter.sobely.kernels
        case .sobelx: return [[1, 0, -1, 2, 0, -2, 1, 0, -1]]
        case .sobely: return [[1, 2, 1, 0, 0, 0, -1, -2, -1]]
        case .scharr: return FixedFilter.scharrx.kernels + FixedFilter.scharry.kernels
        case .scharrx: return [[3, 0, -3, 10, 0, -10, 3, 0, -3]]
        case .scharry: return [[3, 10, 3, 0, 0, 0, -3, -10, -3]]
        case .prewitt: return FixedFilter.prewittx.kernels + FixedFilter.prewitty.kernels
        case .prewittx: return [[1, 0, -1, 1, 0, -1, 1, 0, -1]]
        case .prewitty: return [[1, 1, 1, 0, 0, 0, -1, -1, -1]]
        case .laplacian: return [[0, 1, 0, 1, -4, 1, 0, 1, 0]]
        }
    }

    /// The conv weight `[F, C/g, 3, 3]` (row-major) of a layer with this filter: filter `f` uses
    /// kernel `f mod kernels.count` (banks alternate x, y, x, ...) on every input channel it sees,
    /// divided by that channel count, so a grey image copied into C channels gives the same map.
    /// The bias of such a layer is zero.
    public func weights(filters: Int, channelsPerGroup: Int) -> [Float] {
        let bank = kernels
        var weights: [Float] = []
        weights.reserveCapacity(filters * channelsPerGroup * 9)
        for filter in 0..<filters {
            let kernel = bank[filter % bank.count].map { $0 / Float(channelsPerGroup) }
            for _ in 0..<channelsPerGroup { weights += kernel }
        }
        return weights
    }
}
