import Foundation

/// Small pieces of wording and number formatting that several commands' messages and JSON share.
enum Wording {
    /// `1 sample`, `3 samples`: a count with its noun in the right number.
    static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }

    /// A measured figure for JSON, to `digits` significant digits (`0.000100379`, not
    /// `0.00010037900000000001`): timings are not more precise than that. JSON has no NaN or
    /// infinity, so those are `null`.
    static func jsonNumber(_ value: Double, significantDigits digits: Int = 6) -> String {
        guard value.isFinite else { return "null" }
        return String(format: "%.\(digits)g", value)
    }
}
