/// The subset of Python literals numpy writes in an npy header: a dict of strings, booleans,
/// integers and tuples/lists, e.g. `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
enum PythonLiteral: Hashable, Sendable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case sequence([PythonLiteral])
    case dictionary([String: PythonLiteral])

    struct Failure: Error, Equatable {
        var message: String
    }

    /// Parses `text` as one literal (surrounding whitespace allowed).
    static func parse(_ text: String) throws -> PythonLiteral {
        var parser = Parser(characters: Array(text.unicodeScalars))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.characters.count else { throw parser.failure("the end of the header") }
        return value
    }

    private struct Parser {
        let characters: [Unicode.Scalar]
        var position = 0

        var current: Unicode.Scalar? { position < characters.count ? characters[position] : nil }

        func failure(_ expected: String) -> Failure {
            guard let current else { return Failure(message: "expected \(expected) but the header ends") }
            return Failure(message: "expected \(expected) at character \(position) ('\(current)')")
        }

        mutating func skipWhitespace() {
            while let character = current, character.properties.isWhitespace { position += 1 }
        }

        mutating func parseValue(depth: Int) throws -> PythonLiteral {
            guard depth < 16 else { throw Failure(message: "nesting too deep at character \(position)") }
            switch current {
            case "{": return try parseDictionary(depth: depth)
            case "(": return .sequence(try parseSequence(closing: ")", depth: depth))
            case "[": return .sequence(try parseSequence(closing: "]", depth: depth))
            case "'", "\"": return .string(try parseString())
            case let character? where character == "-" || ("0"..."9").contains(character): return .integer(try parseInteger())
            case let character? where character == "T" || character == "F":
                let word = String(String.UnicodeScalarView(characters[position...].prefix { $0.properties.isAlphabetic }))
                guard word == "True" || word == "False" else { throw failure("a value") }
                position += word.unicodeScalars.count
                return .bool(word == "True")
            default: throw failure("a value")
            }
        }

        mutating func parseDictionary(depth: Int) throws -> PythonLiteral {
            position += 1
            var members: [String: PythonLiteral] = [:]
            while true {
                skipWhitespace()
                if current == "}" { position += 1; return .dictionary(members) }
                guard current == "'" || current == "\"" else { throw failure("a quoted key or '}'") }
                let key = try parseString()
                guard members[key] == nil else { throw Failure(message: "duplicate key '\(key)'") }
                skipWhitespace()
                guard current == ":" else { throw failure("':'") }
                position += 1
                skipWhitespace()
                members[key] = try parseValue(depth: depth + 1)
                skipWhitespace()
                if current == "," { position += 1; continue }
                guard current == "}" else { throw failure("',' or '}'") }
            }
        }

        mutating func parseSequence(closing: Unicode.Scalar, depth: Int) throws -> [PythonLiteral] {
            position += 1
            var elements: [PythonLiteral] = []
            while true {
                skipWhitespace()
                if current == closing { position += 1; return elements }
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if current == "," { position += 1; continue }
                guard current == closing else { throw failure("',' or '\(closing)'") }
            }
        }

        mutating func parseString() throws -> String {
            guard let quote = current else { throw failure("a string") }
            position += 1
            var scalars = String.UnicodeScalarView()
            while let character = current, character != quote {
                // numpy's own strings never contain escapes; a backslash would change their meaning.
                guard character != "\\" else { throw Failure(message: "escape sequences are not supported at character \(position)") }
                scalars.append(character)
                position += 1
            }
            guard current == quote else { throw failure("a closing quote") }
            position += 1
            return String(scalars)
        }

        mutating func parseInteger() throws -> Int {
            let start = position
            if current == "-" { position += 1 }
            while let character = current, ("0"..."9").contains(character) { position += 1 }
            let digits = String(String.UnicodeScalarView(characters[start..<position]))
            guard let value = Int(digits) else {
                throw Failure(message: "'\(digits)' is not an integer that fits in 64 bits")
            }
            // Python 2 wrote long integers with a trailing L.
            if current == "L" { position += 1 }
            return value
        }
    }
}
