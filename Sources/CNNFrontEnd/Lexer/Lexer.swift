/// Splits a spec's UTF-8 bytes into tokens; comments and blanks disappear, newlines stay (they end statements).
///
/// A line ends at LF, CRLF or a lone CR (old Mac files), as `SourceText` counts lines: a comment
/// must end where a reader and every later tool see its line end.
///
/// Hand-written over bytes: every delimiter is ASCII, and any other byte (including the
/// bytes of non-ASCII characters) belongs to a word, so a stray `é` is reported as part of
/// the word it sits in rather than splitting it.
public struct Lexer {
    private let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// All tokens, always ending with one `.end` token whose span is the end of the file.
    public func tokenize() -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 3 + 1)
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == Lexer.carriageReturn {
                // CRLF is one line break: the LF makes the token.
                if offset + 1 >= bytes.count || bytes[offset + 1] != UInt8(ascii: "\n") {
                    tokens.append(Token(.newline, SourceSpan(start: offset, end: offset + 1)))
                }
                offset += 1
            } else if let kind = Lexer.punctuation(byte) {
                tokens.append(Token(kind, SourceSpan(start: offset, end: offset + 1)))
                offset += 1
            } else if byte == UInt8(ascii: "#") {
                while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n"), bytes[offset] != Lexer.carriageReturn {
                    offset += 1
                }
            } else if Lexer.isBlank(byte) {
                offset += 1
            } else {
                let start = offset
                while offset < bytes.count, Lexer.isWordByte(bytes[offset]) { offset += 1 }
                tokens.append(Token(.word, SourceSpan(start: start, end: offset)))
            }
        }
        tokens.append(Token(.end, SourceSpan(start: bytes.count, end: bytes.count)))
        return tokens
    }

    private static func punctuation(_ byte: UInt8) -> Token.Kind? {
        switch byte {
        case UInt8(ascii: "\n"): return .newline
        case UInt8(ascii: ";"): return .semicolon
        case UInt8(ascii: ":"): return .colon
        case UInt8(ascii: "{"): return .openBrace
        case UInt8(ascii: "}"): return .closeBrace
        default: return nil
        }
    }

    private static let carriageReturn: UInt8 = 0x0D

    /// Space, tab, vertical tab, form feed.
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        !isBlank(byte) && punctuation(byte) == nil && byte != UInt8(ascii: "#") && byte != carriageReturn
    }
}
