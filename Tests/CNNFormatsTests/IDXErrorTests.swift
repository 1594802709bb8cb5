import Testing
@testable import CNNFormats

@Suite struct IDXErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var bytes: [UInt8]
        var labels = false
        var expected: String
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "empty", bytes: [],
             expected: "i: not a valid IDX file: it starts with nothing (the file is empty), expected 0x00000803 (images) or 0x00000801 (labels)"),
        Case(label: "text file", bytes: Array("P5\n2 2\n255\n".utf8),
             expected: "i: not a valid IDX file: it starts with 0x50350A32, expected 0x00000803 (images) or 0x00000801 (labels)"),
        Case(label: "unknown element type", bytes: [0, 0, 0x07, 3],
             expected: "i: not a valid IDX file: it starts with 0x00000703, expected 0x00000803 (images) or 0x00000801 (labels)"),
        Case(label: "dimensions cut off", bytes: [0, 0, 8, 3, 0, 0, 0, 2, 0, 0],
             expected: "i: truncated dimensions: needs 12 bytes but the file has 10 (was it cut off while copying or downloading?)"),
        Case(label: "pixels cut off", bytes: idxFile([2, 2, 2], [1, 2, 3]),
             expected: "i: truncated data of shape [2, 2, 2]: needs 24 bytes but the file has 19 (was it cut off while copying or downloading?)"),
        Case(label: "extra bytes", bytes: idxFile([1], [1, 2]), labels: true,
             expected: "i: 1 unexpected bytes after the IDX data (the header accounts for 9 of 10 bytes)"),
        Case(label: "labels given as images", bytes: idxFile([2], [1, 2]),
             expected: "i: bad IDX header: an image file has 3 dimensions (count, rows, columns), this one has 1 (is it a label file?)"),
        Case(label: "images given as labels", bytes: idxFile([1, 1, 1], [1]), labels: true,
             expected: "i: bad IDX header: a label file has 1 dimension, this one has 3 (is it an image file?)"),
        Case(label: "float labels", bytes: idxFile(type: 0x0D, [1], [0, 0, 0, 0]), labels: true,
             expected: "i: unsupported dtype 'float32 labels' (supported: u8 (0x08), i8 (0x09), i16 (0x0B), i32 (0x0C))"),
        Case(label: "negative label", bytes: idxFile(type: 0x09, [2], [1, 0xFF]), labels: true,
             expected: "i: label 1 is -1, not a non-negative integer"),
        Case(label: "huge shape", bytes: idxFile([0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], []),
             expected: "i: bad IDX header: the size of shape [4294967295, 4294967295, 4294967295] overflows a 64-bit integer"),
    ]

    @Test(arguments: cases)
    func rejectsBadFilesWithAClearMessage(_ testCase: Case) {
        let message = formatErrorDescription {
            if testCase.labels { _ = try IDXFile.decodeLabels(testCase.bytes, path: "i") }
            else { _ = try IDXFile.decodeImages(testCase.bytes, path: "i") }
        }
        #expect(message == testCase.expected)
    }
}
