/// How a model's output values become the 0...1 intensities a PGM/PPM stores.
///
/// A filter's output is signed: a Sobel x map is negative where dark meets bright to the right,
/// so clipping to [0, 1] keeps only half of every outline. `abs` and `signed` scale by the
/// largest finite magnitude in the image (one scale for all channels, so colours keep their
/// balance), which shows both edges whatever the filter's gain.
public enum PixelMap: String, Hashable, Sendable, CaseIterable {
    /// `|v| / max|v|`: 0 is black, the strongest response of either sign white.
    case abs
    /// `0.5 + v / (2 max|v|)`: 0 is mid-grey (128 of 255), negative darker, positive brighter.
    case signed
    /// `v` clamped to [0, 1]: for outputs that already are intensities (a sigmoid, an image).
    case clip

    /// The largest finite `|v|` in `values`, 0 when there is none; the scale of `abs` and `signed`.
    public static func largestMagnitude(_ values: [Float]) -> Float {
        var largest: Float = 0
        for value in values where value.isFinite { largest = max(largest, Swift.abs(value)) }
        return largest
    }

    /// `values` as intensities in [0, 1] (NaN stays NaN; the encoder writes it as 0). With no
    /// finite non-zero value, `abs` gives black and `signed` mid-grey; an infinity is the extreme
    /// of its sign.
    public func intensities(_ values: [Float]) -> [Float] {
        guard self != .clip else { return values }
        let largest = PixelMap.largestMagnitude(values)
        func unit(_ value: Float) -> Float {
            if value.isNaN { return value }
            if value.isInfinite { return value > 0 ? 1 : -1 }
            return largest > 0 ? value / largest : 0
        }
        switch self {
        case .abs: return values.map { Swift.abs(unit($0)) }
        case .signed: return values.map { 0.5 + 0.5 * unit($0) }
        case .clip: return values
        }
    }
}
