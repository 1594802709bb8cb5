import Testing
@testable import CNNFormats

@Suite struct NpyErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { label }
    }

    static let p = "x.npy"
    static let f4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"
    static let cases: [Case] = [
        Case(label: "empty file", bytes: [],
             expected: "\(p): not a valid npy file: it starts with nothing (the file is empty), expected \\x93NUMPY"),
        Case(label: "zip archive (npz)", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00],
             expected: "\(p): not a valid npy file: it starts with 'PK\\x03\\x04\\x14\\x00', expected \\x93NUMPY"),
        Case(label: "version 4", bytes: [0x93] + Array("NUMPY".utf8) + [4, 0, 0, 0],
             expected: "\(p): npy format version 4.0 is not supported (versions 1.0 to 3.0 are read; re-save it with numpy.save)"),
        Case(label: "header cut off", bytes: Array(npyFile(f4, []).prefix(40)),
             expected: "\(p): truncated header: needs 128 bytes but the file has 40 (was it cut off while copying or downloading?)"),
        // Checked before reading: the file need not hold the header it announces.
        Case(label: "header over numpy's limit", bytes: [0x93] + Array("NUMPY".utf8) + [2, 0] + littleEndianBytes(UInt32(200_000_000)),
             expected: "\(p): bad npy header: the header is 200000000 bytes, over numpy's limit of 10000 (numpy.load refuses it too; is this an npy file?)"),
        Case(label: "header just over the limit", bytes: npyFile(f4 + String(repeating: " ", count: 9_950), [0, 0, 0, 0, 0, 0, 0, 0]),
             expected: "\(p): bad npy header: the header is 10038 bytes, over numpy's limit of 10000 (numpy.load refuses it too; is this an npy file?)"),
        Case(label: "header not a literal", bytes: npyFile("{'descr': '<f4', 'fortran_order': no}", []),
             expected: "\(p): bad npy header: not a Python dict literal: expected a value at character 34 ('n')"),
        Case(label: "header not a dict", bytes: npyFile("('<f4', False, (2,))", []),
             expected: "\(p): bad npy header: the header is not a dict"),
        Case(label: "missing shape", bytes: npyFile("{'descr': '<f4', 'fortran_order': False}", []),
             expected: "\(p): bad npy header: 'shape' must be a tuple of integers"),
        Case(label: "missing descr", bytes: npyFile("{'fortran_order': False, 'shape': (2,)}", []),
             expected: "\(p): bad npy header: missing 'descr'"),
        Case(label: "extra key", bytes: npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", []),
             expected: "\(p): bad npy header: unexpected key 'x' (an npy header has exactly descr, fortran_order and shape)"),
        Case(label: "negative dimension", bytes: npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}", []),
             expected: "\(p): bad npy header: 'shape' must be a tuple of non-negative integers"),
        Case(label: "shape overflows", bytes: npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296)}", []),
             expected: "\(p): bad npy header: the size of shape [4294967296, 4294967296] overflows a 64-bit integer"),
        Case(label: "fortran order", bytes: npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", littleEndianBytes([1, 2, 3, 4])),
             expected: "\(p): Fortran-ordered data (fortran_order: True) is not supported (save numpy.ascontiguousarray(a) instead)"),
        Case(label: "complex", bytes: npyFile("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", []),
             expected: "\(p): unsupported dtype '<c8' (supported: <f4, <f8, <f2, |u1, |i1, |b1, <i8, <i4, <i2, <u2, <u4, <u8, and their big-endian '>' forms)"),
        Case(label: "structured", bytes: npyFile("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2,), }", []),
             expected: "\(p): unsupported dtype 'structured (record) array' (supported: <f4, <f8, <f2, |u1, |i1, |b1, <i8, <i4, <i2, <u2, <u4, <u8, and their big-endian '>' forms)"),
        Case(label: "data truncated", bytes: npyFile(f4, [0, 0, 128, 63, 0]),
             expected: "\(p): truncated data of shape [2] <f4: needs 136 bytes but the file has 133 (was it cut off while copying or downloading?)"),
        Case(label: "trailing bytes", bytes: npyFile(f4, littleEndianBytes([1, 2, 3])),
             expected: "\(p): 4 unexpected bytes after the npy data (the header accounts for 136 of 140 bytes)"),
    ]

    @Test(arguments: cases)
    func rejectsBadFilesWithAClearMessage(_ testCase: Case) {
        #expect(formatErrorDescription { _ = try NpyFile.decode(testCase.bytes, path: Self.p) } == testCase.expected)
    }

    @Test func readsAHeaderOfExactlyNumpysLimit() throws {
        let dictionary = Array(Self.f4.utf8)
        let header = dictionary + [UInt8](repeating: 0x20, count: 10_000 - dictionary.count - 1) + [0x0A]
        let bytes = [0x93] + Array("NUMPY".utf8) + [2, 0] + littleEndianBytes(UInt32(header.count)) + header
            + littleEndianBytes([1, 2] as [Float])
        #expect(header.count == NpyFile.maximumHeaderLength)
        #expect(try NpyFile.decode(bytes, path: Self.p).scalars == [1, 2])
    }

    @Test func rejectsLabelsThatAreNotNonNegativeIntegers() throws {
        let array = NpyArray(shape: [3], descr: "<f4", scalars: [1, 2.5, 3])
        #expect(formatErrorDescription { _ = try array.labels(path: "y.npy") } == "y.npy: label 1 is 2.5, not a non-negative integer")
        let negative = NpyArray(shape: [1], descr: "<i8", scalars: [-1])
        #expect(formatErrorDescription { _ = try negative.labels(path: "y.npy") } == "y.npy: label 0 is -1.0, not a non-negative integer")
    }
}
