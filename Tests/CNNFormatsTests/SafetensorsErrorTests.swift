import Testing
@testable import CNNFormats

/// A safetensors file from a header text and data bytes, with an optional lying length field.
private func file(_ header: String, _ data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    return littleEndianBytes(declaredLength ?? UInt64(headerBytes.count)) + headerBytes + data
}

private func entry(_ name: String, _ shape: String, _ begin: Int, _ end: Int, dtype: String = "F32") -> String {
    #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":[\#(begin),\#(end)]}"#
}

@Suite struct SafetensorsErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { label }
    }

    static let p = "w.safetensors"
    static let cases: [Case] = [
        Case(label: "shorter than 8 bytes", bytes: [1, 0, 0],
             expected: "\(p): truncated header length: needs 8 bytes but the file has 3 (was it cut off while copying or downloading?)"),
        Case(label: "header length beyond the file", bytes: file("{}", declaredLength: 100),
             expected: "\(p): truncated header: needs 108 bytes but the file has 10 (was it cut off while copying or downloading?)"),
        Case(label: "header length absurd", bytes: file("{}", declaredLength: UInt64.max),
             expected: "\(p): bad safetensors header: header length 18446744073709551615 exceeds the limit of 100000000 bytes (is this a safetensors file?)"),
        Case(label: "header not JSON", bytes: file("{\"a\":{\"dtype\" \"F32\"}}"),
             expected: "\(p): bad safetensors header: not valid JSON: expected ':' at byte 14"),
        Case(label: "header cut mid-JSON", bytes: file("{\"a\":["),
             expected: "\(p): bad safetensors header: not valid JSON: expected a value but the text ends"),
        Case(label: "header not an object", bytes: file("[1,2]"),
             expected: "\(p): bad safetensors header: the header is an array, expected a JSON object"),
        Case(label: "duplicate tensor", bytes: file("{" + entry("a", "[]", 0, 4) + "," + entry("a", "[]", 4, 8) + "}", [UInt8](repeating: 0, count: 8)),
             expected: "\(p): bad safetensors header: not valid JSON: duplicate key \"a\" at byte 53"),
        // A genuine duplicate written differently (escaped and raw) is still the same JSON key.
        Case(label: "duplicate tensor, one escaped", bytes: file("{" + entry("caf\u{E9}", "[]", 0, 4) + "," + entry("caf\\u00e9", "[]", 4, 8) + "}", [UInt8](repeating: 0, count: 8)),
             expected: "\(p): bad safetensors header: not valid JSON: duplicate key \"caf\u{E9}\" at byte 57"),
        Case(label: "canonically equivalent names", bytes: file("{" + entry("caf\u{E9}", "[]", 0, 4) + "," + entry("cafe\u{301}", "[]", 4, 8) + "}", [UInt8](repeating: 0, count: 8)),
             expected: "\(p): bad safetensors header: tensor names \"caf\\u00e9\" and \"cafe\\u0301\" are the same text in different Unicode forms (NFC and NFD); cnnc looks names up as text and could reach only one: rename one"),
        Case(label: "canonically equivalent metadata keys", bytes: file(#"{"__metadata__":{"caf\#u{E9}":"1","cafe\#u{301}":"2"}}"#),
             expected: "\(p): bad safetensors header: __metadata__ keys \"caf\\u00e9\" and \"cafe\\u0301\" are the same text in different Unicode forms (NFC and NFD); cnnc looks names up as text and could reach only one: rename one"),
        Case(label: "entry not an object", bytes: file(#"{"a":[0,4]}"#),
             expected: "\(p): tensor 'a': the entry is an array, expected an object with dtype, shape and data_offsets"),
        Case(label: "missing dtype", bytes: file(#"{"a":{"shape":[1],"data_offsets":[0,4]}}"#),
             expected: "\(p): tensor 'a': the entry has no 'dtype'"),
        Case(label: "missing shape", bytes: file(#"{"a":{"dtype":"F32","data_offsets":[0,4]}}"#),
             expected: "\(p): tensor 'a': the entry has no 'shape'"),
        Case(label: "missing offsets", bytes: file(#"{"a":{"dtype":"F32","shape":[1]}}"#),
             expected: "\(p): tensor 'a': the entry has no 'data_offsets'"),
        Case(label: "dtype not a string", bytes: file(#"{"a":{"dtype":4,"shape":[1],"data_offsets":[0,4]}}"#),
             expected: "\(p): tensor 'a': 'dtype' is a number, expected a string such as \"F32\""),
        Case(label: "unknown dtype", bytes: file("{" + entry("a", "[1]", 0, 4, dtype: "Q4") + "}"),
             expected: "\(p): tensor 'a' has unsupported dtype 'Q4' (supported: F32, F16, BF16, F64, I64, I32, I16, I8, U64, U32, U16, U8, BOOL)"),
        Case(label: "fp8 is not converted", bytes: file("{" + entry("a", "[1]", 0, 1, dtype: "F8_E4M3") + "}", [0]),
             expected: "\(p): tensor 'a' has unsupported dtype 'F8_E4M3' (supported: F32, F16, BF16, F64, I64, I32, I16, I8, U64, U32, U16, U8, BOOL)"),
        Case(label: "negative dimension", bytes: file("{" + entry("a", "[2,-1]", 0, 4) + "}"),
             expected: "\(p): tensor 'a': 'shape' must be an array of non-negative integers, found [2,-1]"),
        Case(label: "fractional dimension", bytes: file("{" + entry("a", "[1.5]", 0, 4) + "}"),
             expected: "\(p): tensor 'a': 'shape' must be an array of non-negative integers, found [1.5]"),
        Case(label: "three offsets", bytes: file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}"#),
             expected: "\(p): tensor 'a': 'data_offsets' must be two non-negative integers [begin, end], found [0,4,8]"),
        Case(label: "offset beyond Int", bytes: file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,99999999999999999999]}}"#),
             expected: "\(p): tensor 'a': 'data_offsets' must be two non-negative integers [begin, end], found [0,99999999999999999999]"),
        Case(label: "offsets reversed", bytes: file("{" + entry("a", "[1]", 8, 4) + "}"),
             expected: "\(p): tensor 'a': data_offsets [8, 4] end before they begin"),
        Case(label: "shape product overflows", bytes: file("{" + entry("a", "[4294967296,4294967296]", 0, 4) + "}"),
             expected: "\(p): tensor 'a': the size of shape [4294967296, 4294967296] overflows a 64-bit integer"),
        Case(label: "byte size overflows", bytes: file("{" + entry("a", "[4611686018427387904]", 0, 4, dtype: "F64") + "}"),
             expected: "\(p): tensor 'a': the size of shape [4611686018427387904] overflows a 64-bit integer"),
        Case(label: "size disagrees with shape", bytes: file("{" + entry("conv.weight", "[2,3]", 0, 20) + "}", [UInt8](repeating: 0, count: 20)),
             expected: "\(p): tensor 'conv.weight': shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 20] hold 20"),
        Case(label: "size disagrees with dtype", bytes: file("{" + entry("a", "[4]", 0, 16, dtype: "F16") + "}", [UInt8](repeating: 0, count: 16)),
             expected: "\(p): tensor 'a': shape [4] of F16 needs 8 bytes but data_offsets [0, 16] hold 16"),
        Case(label: "overlap", bytes: file("{" + entry("a", "[2]", 0, 8) + "," + entry("b", "[2]", 4, 12) + "}", [UInt8](repeating: 0, count: 12)),
             expected: "\(p): tensor 'b': data_offsets [4, 12] overlap tensor 'a' at [0, 8]"),
        Case(label: "hole", bytes: file("{" + entry("a", "[1]", 0, 4) + "," + entry("b", "[1]", 8, 12) + "}", [UInt8](repeating: 0, count: 12)),
             expected: "\(p): tensor 'b': data_offsets [8, 12] leave bytes 4..<8 unused (safetensors data has no holes)"),
        Case(label: "data truncated", bytes: file("{" + entry("a", "[4]", 0, 16) + "}", [UInt8](repeating: 0, count: 10)),
             expected: "\(p): truncated data of tensor 'a': needs 79 bytes but the file has 73 (was it cut off while copying or downloading?)"),
        Case(label: "bytes after the data", bytes: file("{" + entry("a", "[1]", 0, 4) + "}", [UInt8](repeating: 0, count: 6)),
             expected: "\(p): 2 unexpected bytes after the safetensors data (the header accounts for 66 of 68 bytes)"),
        Case(label: "metadata not strings", bytes: file(#"{"__metadata__":{"epochs":30}}"#),
             expected: "\(p): bad safetensors header: __metadata__ value 'epochs' is a number, expected a string"),
    ]

    @Test(arguments: cases)
    func rejectsBadFilesWithAClearMessage(_ testCase: Case) {
        let message = formatErrorDescription { _ = try SafetensorsFile.decode(testCase.bytes, path: Self.p) }
        #expect(message == testCase.expected)
    }

    @Test func rejectsInvalidUTF8InTheHeader() {
        let header: [UInt8] = Array(#"{"a"#.utf8) + [0xFF] + Array(#"":1}"#.utf8)
        let bytes = littleEndianBytes(UInt64(header.count)) + header
        let message = formatErrorDescription { _ = try SafetensorsFile.decode(bytes, path: Self.p) }
        #expect(message == "\(Self.p): bad safetensors header: not valid JSON: invalid UTF-8 in a string before byte 5")
    }

    @Test func reportsAMissingFileAndADirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file("none.safetensors")
        #expect(formatErrorDescription { _ = try SafetensorsFile.read(from: missing) } == "\(missing.path): no such file or directory")
        #expect(formatErrorDescription { _ = try SafetensorsFile.read(from: directory.url) }
            == "\(directory.url.path): cannot read: it is a directory, not a file")
    }
}
