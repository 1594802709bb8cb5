/// Renders a file's first bytes for "not a ... file" messages: printable ASCII as text, the rest as `\xNN`.
enum MagicText {
    static func describe(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "nothing (the file is empty)" }
        let text = bytes.map { byte -> String in
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") { return String(UnicodeScalar(byte)) }
            let hex = String(byte, radix: 16)
            return "\\x" + (hex.count == 1 ? "0" + hex : hex)
        }.joined()
        return "'\(text)'"
    }
}
