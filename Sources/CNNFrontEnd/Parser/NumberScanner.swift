/// Reads the numbers inside words (`16`, `5x5`, `28x28x1`, `0.5`) without ever trapping on huge ones.
enum NumberScanner {
    /// What reading a number produced.
    enum Scanned<Value> {
        case value(Value)
        case malformed
        /// Syntactically fine but beyond `Int` (or a finite `Float`).
        case tooLarge
    }

    /// True when a word is meant as a number: it starts with a digit, a minus sign, a decimal point
    /// or `$` (a block parameter standing for a number).
    static func looksNumeric(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        return isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || first == UInt8(ascii: "$")
    }

    /// `[-]digits`.
    static func integer(_ bytes: ArraySlice<UInt8>) -> Scanned<Int> {
        var digits = bytes
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return .malformed }
        var value = 0
        var overflowed = false
        for byte in digits {
            guard isDigit(byte) else { return .malformed }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            overflowed = overflowed || overflow1 || overflow2
            value = sum
        }
        if overflowed { return .tooLarge }
        return .value(negative ? -value : value)
    }

    /// Integers joined by `x`: `5x5`, `28x28x1`; malformed unless the part count is in `counts`.
    static func integers(_ bytes: ArraySlice<UInt8>, counts: ClosedRange<Int>) -> Scanned<[Int]> {
        var values: [Int] = []
        var tooLarge = false
        for part in bytes.split(separator: UInt8(ascii: "x"), omittingEmptySubsequences: false) {
            switch integer(part) {
            case let .value(value): values.append(value)
            case .malformed: return .malformed
            case .tooLarge: tooLarge = true; values.append(0)
            }
        }
        guard counts.contains(values.count) else { return .malformed }
        return tooLarge ? .tooLarge : .value(values)
    }

    /// `[-]digits[.digits][e[-]digits]` or `[-].digits[...]`: `0.5`, `1e-3`; no `inf` or `nan`.
    static func decimal(_ bytes: ArraySlice<UInt8>) -> Scanned<Float> {
        var body = bytes
        if body.first == UInt8(ascii: "-") { body = body.dropFirst() }
        if let e = body.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            var exponent = body[(e + 1)...]
            if exponent.first == UInt8(ascii: "-") || exponent.first == UInt8(ascii: "+") { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(isDigit) else { return .malformed }
            body = body[..<e]
        }
        let parts = body.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let digitCount = parts.reduce(0) { $0 + $1.count }
        guard digitCount > 0, parts.allSatisfy({ $0.allSatisfy(isDigit) }) else { return .malformed }
        guard let value = Float(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return .tooLarge }
        return .value(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
