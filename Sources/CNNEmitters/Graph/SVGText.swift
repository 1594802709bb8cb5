import Foundation  // rounding links against libm through it on Linux

/// Text helpers for SVG: XML escaping and the width estimate the layout sizes boxes with.
enum SVGText {
    /// Escapes the five characters XML gives meaning to, so any layer name is safe as text or
    /// attribute, on one line and without the control characters XML 1.0 forbids (`CommentText.line`).
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in CommentText.line(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Width in pixels of `text` in a monospace font of `size` pixels. Monospace glyphs advance
    /// about 0.6 em in common fonts (DejaVu Sans Mono, Menlo, Consolas), so the estimate is close
    /// without measuring, and identical on every machine.
    static func width(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }

    /// `12.5` as `12.5`, `12.0` as `12`: short, deterministic coordinates.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
