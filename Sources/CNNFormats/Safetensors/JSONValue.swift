import CNNModel

/// A parsed JSON value, numbers kept as written so that integers stay exact at any size.
///
/// Foundation's `JSONSerialization` bridges numbers through `NSNumber` differently on macOS and
/// Linux (booleans pass as integers, big integers turn into doubles); safetensors offsets must be
/// exact, so the header gets its own small parser.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number's literal text, e.g. `"24"`, `"-1.5e3"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in file order; keys are unique (the parser rejects duplicates).
    case object([(key: String, value: JSONValue)])

    /// The value as an exact non-negative `Int`, or nil for fractions, exponents, negatives and overflow.
    var nonNegativeInteger: Int? {
        guard case let .number(literal) = self, !literal.isEmpty,
              literal.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(literal)
    }

    /// An array of exact non-negative integers, or nil if the value is anything else.
    var nonNegativeIntegers: [Int]? {
        guard case let .array(elements) = self else { return nil }
        let integers = elements.compactMap(\.nonNegativeInteger)
        return integers.count == elements.count ? integers : nil
    }

    /// A short name of the value's kind for error messages ("a string", "an array", ...).
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text, as serde_json writes it (no spaces).
    var description: String {
        switch self {
        case .null: return "null"
        case let .bool(value): return value ? "true" : "false"
        case let .number(literal): return literal
        case let .string(text): return JSONText.quoted(text)
        case let .array(elements): return "[" + elements.map(\.description).joined(separator: ",") + "]"
        case let .object(members):
            return "{" + members.map { JSONText.quoted($0.key) + ":" + $0.value.description }
                .joined(separator: ",") + "}"
        }
    }
}
