/// User text (a spec's lines, a file or layer name) made safe to copy into emitted code: comments,
/// DOT labels and XML text.
///
/// A comment ends where its language sees a line break, and Python sees one at a lone CR, so
/// `# harmless\rimport os` would run the import. Rather than know each target's rules, every
/// emitter gets text with no line break and no control character at all: breaks split the text
/// into lines (or become spaces), and any other control character, which XML 1.0 forbids even
/// escaped and which compilers reject or warn about, becomes U+FFFD. Bidirectional overrides go
/// too, so a comment cannot make the code around it display out of order.
enum CommentText {
    /// The lines of `text`, split at every line break (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029),
    /// each safe as the rest of a line comment.
    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if isLineBreak(scalar) {
                if scalar == "\n", previous == "\r" { continue }  // CRLF is one break
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(visible(scalar))
            }
        }
        lines.append(String(current))
        return lines
    }

    /// `text` on one line: line breaks become spaces, other control characters U+FFFD.
    static func line(_ text: String) -> String {
        lines(text).joined(separator: " ")
    }

    /// True for every scalar some target reads as the end of a line.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The scalar itself, or U+FFFD for a control character (tab excepted), a bidirectional
    /// control, or one of the noncharacters U+FFFE and U+FFFF that XML forbids.
    private static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x09: return scalar
        case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF:
            return "\u{FFFD}"
        default: return scalar
        }
    }
}
