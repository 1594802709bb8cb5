/// How counts and sizes are written for people, shared by the summary and the pictures.
public enum CountFormat {
    /// `1234567` as `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return value < 0 ? "-" + text : text
    }

    /// `15470264320` as `15.47 G`: SI prefixes for MACs and FLOPs.
    public static func metric(_ value: Int) -> String {
        scaled(Double(value), base: 1000, units: ["", " K", " M", " G", " T", " P"])
    }

    /// `188616` as `184.20 KB`: binary multiples with Keras' labels, for memory.
    public static func bytes(_ value: Int) -> String {
        scaled(Double(value), base: 1024, units: [" B", " KB", " MB", " GB", " TB", " PB"])
    }

    private static func scaled(_ value: Double, base: Double, units: [String]) -> String {
        var value = value
        var unit = 0
        while value >= base, unit < units.count - 1 {
            value /= base
            unit += 1
        }
        if unit == 0 { return "\(Int(value))\(units[0])" }
        return fixed(value, decimals: 2) + units[unit]
    }

    /// `value` with exactly `decimals` digits after the point, without Foundation's locale;
    /// `nan`, `inf` and `-inf` as numpy prints them, and those too large for an `Int` in exponent form.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        guard abs(value) < 1e15 else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(abs(scaled - Double(whole) * scale))
        guard decimals > 0 else { return "\(whole)" }
        var digits = String(fraction)
        while digits.count < decimals { digits = "0" + digits }
        return (value < 0 && whole == 0 ? "-" : "") + "\(whole).\(digits)"
    }
}
