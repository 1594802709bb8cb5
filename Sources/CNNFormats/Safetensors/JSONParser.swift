import CNNModel

/// A strict RFC 8259 JSON parser over UTF-8 bytes, for safetensors headers.
///
/// Errors say what was expected and at which byte, e.g. `expected ',' or '}' at byte 57`.
struct JSONParser {
    struct Failure: Error, Equatable {
        var message: String
    }

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    /// Deeper nesting is certainly not a safetensors header and would only risk the stack.
    private static let maximumDepth = 64

    /// Parses one JSON value filling all of `bytes` (surrounding whitespace allowed).
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("end of JSON") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ expected: String) -> Failure {
        if position >= bytes.count { return Failure(message: "expected \(expected) but the text ends") }
        return Failure(message: "expected \(expected) at byte \(position)")
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ name: String) throws {
        guard current == byte else { throw failure(name) }
        position += 1
    }

    private mutating func parseValue() throws -> JSONValue {
        switch current {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseKeyword("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseKeyword("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseKeyword("null"); return .null
        case let byte? where byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39):
            return .number(try parseNumber())
        default: throw failure("a value")
        }
    }

    private mutating func parseKeyword(_ word: String) throws {
        for byte in word.utf8 { try expect(byte, "'\(word)'") }
    }

    private mutating func enterContainer() throws {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw Failure(message: "nesting deeper than \(JSONParser.maximumDepth) levels at byte \(position)")
        }
    }

    private mutating func parseObject() throws -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        // JSON keys are equal when their code points are; Swift's String == also equates canonically
        // equivalent text ("caf\u00e9" and "cafe\u0301"), so duplicates are found by scalars.
        var keys = Set<[UInt32]>()
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("a string key") }
            let keyStart = position
            let key = try parseString()
            guard keys.insert(key.unicodeScalars.map(\.value)).inserted else {
                throw Failure(message: "duplicate key \(JSONText.quoted(key)) at byte \(keyStart)")
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return .object(members)
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            if current == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return .array(elements)
        }
    }

    private mutating func parseNumber() throws -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            guard try skipDigits() > 0 else { throw failure("a digit") }
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard try skipDigits() > 0 else { throw failure("a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard try skipDigits() > 0 else { throw failure("a digit in the exponent") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipDigits() throws -> Int {
        var count = 0
        while let byte = current, byte >= 0x30 && byte <= 0x39 { position += 1; count += 1 }
        return count
    }

    private mutating func parseString() throws -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run = [UInt8]()
        func flush() throws {
            guard !run.isEmpty else { return }
            let text = String(decoding: run, as: UTF8.self)
            // Decoding replaces invalid sequences, so a changed byte sequence means invalid UTF-8.
            guard text.utf8.elementsEqual(run) else {
                throw Failure(message: "invalid UTF-8 in a string before byte \(position)")
            }
            scalars.append(contentsOf: text.unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while true {
            guard let byte = current else { throw failure("'\"'") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                try flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush()
                position += 1
                scalars.append(try parseEscape())
            case 0..<0x20:
                throw Failure(message: "unescaped control character in a string at byte \(position)")
            default:
                run.append(byte)
                position += 1
            }
        }
    }

    private mutating func parseEscape() throws -> Unicode.Scalar {
        guard let byte = current else { throw failure("an escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800..<0xDC00).contains(high) {
                // A surrogate pair: the low half must follow as another \u escape.
                try expect(UInt8(ascii: "\\"), "a low surrogate escape")
                try expect(UInt8(ascii: "u"), "a low surrogate escape")
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low),
                      let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                    throw Failure(message: "invalid surrogate pair before byte \(position)")
                }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else {
                throw Failure(message: "lone surrogate before byte \(position)")
            }
            return scalar
        default:
            position -= 1
            throw failure("a valid escape")
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = UInt32(String(UnicodeScalar(byte)), radix: 16) else {
                throw failure("4 hex digits")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
