import CNNModel
import Foundation

/// Reads and writes safetensors files, the weight format of Hugging Face and PyTorch.
///
/// Layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// `{"__metadata__": {..}, "<name>": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ..}`,
/// then the raw little-endian data, with offsets relative to the byte after the header.
/// Reading validates everything (a file's header is untrusted) and converts every numeric dtype to
/// float32; writing produces the same bytes as the Python library's `save_file` for F32 tensors.
public enum SafetensorsFile {
    /// The reference implementation refuses larger headers; so do we.
    public static let maximumHeaderLength = 100_000_000
    static let metadataKey = "__metadata__"

    /// All tensors and the metadata of the file at `url`.
    public static func read(from url: URL) throws -> SafetensorsContents {
        try decode(FileBytes.read(from: url), path: url.path)
    }

    /// Parses a whole safetensors file; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws -> SafetensorsContents {
        var reader = ByteReader(bytes: bytes, path: path)
        let declaredLength = try reader.uint64LittleEndian(part: "header length")
        guard declaredLength <= UInt64(maximumHeaderLength), let headerLength = Int(exactly: declaredLength) else {
            throw FormatError.badHeader(path: path, format: "safetensors",
                                        problem: "header length \(declaredLength) exceeds the limit of"
                                            + " \(maximumHeaderLength) bytes (is this a safetensors file?)")
        }
        let headerBytes = try reader.take(headerLength, part: "header")
        let (entries, metadata) = try parseHeader(Array(headerBytes), path: path)
        let dataStart = reader.offset
        try checkLayout(entries, dataLength: reader.remainingCount, dataStart: dataStart, path: path)

        var contents = SafetensorsContents(tensors: [:], metadata: metadata)
        for entry in entries {
            let scalars = entry.scalarType.decode(bytes, start: dataStart + entry.begin, count: entry.elementCount)
            contents.tensors[entry.name] = Tensor(shape: entry.shape, scalars: scalars)
            contents.dtypes[entry.name] = entry.dtype
        }
        return contents
    }

    private static func parseHeader(_ bytes: [UInt8], path: String) throws
        -> (entries: [SafetensorsEntry], metadata: [String: String]) {
        func problem(_ text: String) -> FormatError { .badHeader(path: path, format: "safetensors", problem: text) }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch let failure as JSONParser.Failure {
            throw problem("not valid JSON: \(failure.message)")
        }
        guard case let .object(members) = json else {
            throw problem("the header is \(json.kindName), expected a JSON object")
        }
        try checkDistinctAsText(members.map(\.key), what: "tensor names", path: path)
        var entries: [SafetensorsEntry] = []
        var metadata: [String: String] = [:]
        for (key, value) in members {
            guard key == metadataKey else {
                entries.append(try SafetensorsEntry(name: key, json: value, path: path))
                continue
            }
            guard case let .object(pairs) = value else {
                throw problem("\(metadataKey) is \(value.kindName), expected an object of strings")
            }
            try checkDistinctAsText(pairs.map(\.key), what: "\(metadataKey) keys", path: path)
            for (name, text) in pairs {
                guard case let .string(string) = text else {
                    throw problem("\(metadataKey) value '\(name)' is \(text.kindName), expected a string")
                }
                metadata[name] = string
            }
        }
        return (entries, metadata)
    }

    /// Refuses keys that differ in bytes but are the same Swift `String` (canonically equivalent, as
    /// NFC "caf\u00e9" and NFD "cafe\u0301"): valid JSON, but names are looked up as `String`s, so only
    /// one of them could ever be reached. (Byte-identical duplicates are refused by the JSON parser.)
    private static func checkDistinctAsText(_ keys: [String], what: String, path: String) throws {
        var seen: [String: String] = [:]
        for key in keys {
            if let earlier = seen.updateValue(key, forKey: key) {
                throw FormatError.badHeader(path: path, format: "safetensors", problem: "\(what) \(escaped(earlier))"
                    + " and \(escaped(key)) are the same text in different Unicode forms (NFC and NFD);"
                    + " cnnc looks names up as text and could reach only one: rename one")
            }
        }
    }

    /// `key` quoted with every non-ASCII scalar as `\uXXXX`, so that keys that look alike read differently.
    private static func escaped(_ key: String) -> String {
        var result = ""
        for scalar in JSONText.quoted(key).unicodeScalars {
            guard scalar.isASCII else {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                continue
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// The data section must be covered exactly: no overlaps, no holes, nothing beyond or after it.
    private static func checkLayout(_ entries: [SafetensorsEntry], dataLength: Int, dataStart: Int,
                                    path: String) throws {
        let ordered = entries.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: SafetensorsEntry?
        for entry in ordered {
            let range = "data_offsets [\(entry.begin), \(entry.end)]"
            if entry.begin < covered, let previous {
                throw FormatError.badTensor(path: path, tensor: entry.name, problem:
                    "\(range) overlap tensor '\(previous.name)' at [\(previous.begin), \(previous.end)]")
            }
            if entry.begin > covered {
                throw FormatError.badTensor(path: path, tensor: entry.name, problem:
                    "\(range) leave bytes \(covered)..<\(entry.begin) unused (safetensors data has no holes)")
            }
            if entry.end > dataLength {
                let (needed, overflow) = dataStart.addingReportingOverflow(entry.end)
                throw FormatError.truncated(path: path, part: "data of tensor '\(entry.name)'",
                                            neededBytes: overflow ? Int.max : needed,
                                            availableBytes: dataStart + dataLength)
            }
            covered = entry.end
            previous = entry
        }
        if covered < dataLength {
            throw FormatError.trailingBytes(path: path, format: "safetensors",
                                            expectedBytes: dataStart + covered, actualBytes: dataStart + dataLength)
        }
    }

    /// The file bytes for `tensors` as F32, sorted by name, header padded with spaces to a multiple of 8.
    ///
    /// `metadata` is written as `__metadata__` when not empty. `path` only names the file in errors:
    /// a tensor named `__metadata__` or with a negative dimension cannot be written.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:],
                              path: String = "<memory>") throws -> [UInt8] {
        // Byte order, as the reference implementation sorts Rust strings.
        let ordered = tensors.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var members: [(key: String, value: JSONValue)] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                .map { (key: $0, value: JSONValue.string(metadata[$0] ?? "")) }
            members.append((metadataKey, .object(pairs)))
        }
        var offset = 0
        for (name, tensor) in ordered {
            guard name != metadataKey else {
                throw FormatError.unwritableTensor(path: path, problem: "'\(metadataKey)' is reserved for the metadata")
            }
            guard tensor.shape.allSatisfy({ $0 >= 0 }) else {
                throw FormatError.unwritableTensor(path: path, problem: "'\(name)' has the negative shape \(tensor.shape)")
            }
            let end = offset + 4 * tensor.count
            members.append((name, .object([
                ("dtype", .string("F32")),
                ("shape", .array(tensor.shape.map { .number(String($0)) })),
                ("data_offsets", .array([.number(String(offset)), .number(String(end))])),
            ])))
            offset = end
        }
        var header = Array(JSONValue.object(members).description.utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var writer = ByteWriter(capacity: 8 + header.count + offset)
        writer.appendLittleEndian(UInt64(header.count))
        writer.append(contentsOf: header)
        for (_, tensor) in ordered { writer.appendLittleEndian(tensor.scalars) }
        return writer.bytes
    }

    /// Writes `tensors` (F32) and `metadata` to `url` atomically: an existing file is replaced only once
    /// the new one is complete on disk.
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws {
        let bytes = try encode(tensors, metadata: metadata, path: url.path)
        try AtomicFile.write(Data(bytes), to: url)
    }
}
