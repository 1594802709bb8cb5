import Foundation
import Testing
@testable import CNNFormats

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// `gzip.compress(b"hi", mtime=0)` from Python: one fixed-Huffman member.
private let gzippedHi: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 200, 4, 0, 172, 42, 147, 216, 2, 0, 0, 0]

@Suite struct GzipTests {
    @Test func inflatesStoredAndFixedHuffmanBlocks() throws {
        let text = Array("abcabcabcabc hello".utf8)
        // zlib level 0 (one stored block) and level 9 with Z_FIXED, raw deflate, from Python.
        let stored: [UInt8] = [1, 18, 0, 237, 255] + text
        let fixed: [UInt8] = [75, 76, 74, 78, 132, 33, 133, 140, 212, 156, 156, 124, 0]
        #expect(try Inflate.decompress(stored, from: 0).output == text)
        #expect(try Inflate.decompress(fixed, from: 0) == (text, fixed.count))
    }

    @Test func readsGzippedIDXFilesWithDynamicHuffmanBlocks() throws {
        // Python's gzip.compress(level 9) of the committed digits test files.
        let images = try IDXFile.readImages(from: fixtures.appendingPathComponent("t10k-images-idx3-ubyte.gz"))
        let labels = try IDXFile.readLabels(from: fixtures.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        #expect(images == (try IDXFile.readImages(from: digitsDirectory.appendingPathComponent("t10k-images-idx3-ubyte"))))
        #expect(labels == (try IDXFile.readLabels(from: digitsDirectory.appendingPathComponent("t10k-labels-idx1-ubyte"))))
    }

    @Test func loadsAGzippedDatasetSplit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for name in ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: directory.file(name))
        }
        let test = try ImageDataset.loadSplit(.test, from: directory.url)
        #expect(test.count == 359 && test.imageShape == [8, 8, 1])
    }

    @Test func readsHeaderFieldsAndConcatenatedMembers() throws {
        // FNAME flag with "a.txt", then a second member.
        var named = gzippedHi
        named[3] = 0x08
        named.insert(contentsOf: Array("a.txt".utf8) + [0], at: 10)
        #expect(try Gzip.decompress(named + gzippedHi, path: "g") == Array("hihi".utf8))
    }

    @Test func computesTheStandardCRC32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("hello".utf8)) == 0x3610_A686)
    }

    @Test(arguments: [
        ("bad method", Array(gzippedHi.prefix(2)) + [7] + Array(gzippedHi.dropFirst(3)),
         "g: bad gzip header: compression method is not deflate"),
        ("reserved flags", Array(gzippedHi.prefix(3)) + [0x20] + Array(gzippedHi.dropFirst(4)),
         "g: bad gzip header: reserved flag bits are set"),
        ("cut in the data", Array(gzippedHi.prefix(12)),
         "g: truncated compressed data: needs 13 bytes but the file has 12 (was it cut off while copying or downloading?)"),
        ("cut in the trailer", Array(gzippedHi.prefix(18)),
         "g: truncated gzip trailer: needs 22 bytes but the file has 18 (was it cut off while copying or downloading?)"),
        ("wrong checksum", Array(gzippedHi.prefix(14)) + [0, 0, 0, 0] + Array(gzippedHi.suffix(4)),
         "g: corrupt gzip data: the checksum does not match the data"),
        ("block type 3", Array(gzippedHi.prefix(10)) + [0x07, 0, 0, 0, 0, 0, 0, 0, 0],
         "g: corrupt gzip data: block type 3 is reserved"),
        ("distance before start", Array(gzippedHi.prefix(10)) + [0x03, 0x02] + [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
         "g: corrupt gzip data: distance 1 reaches before the start of the output (0 bytes)"),
        ("garbage after", gzippedHi + [1, 2, 3],
         "g: 3 unexpected bytes after the gzip data (the header accounts for 22 of 25 bytes)"),
    ])
    func rejectsBrokenGzipWithAClearMessage(_ label: String, _ bytes: [UInt8], _ expected: String) {
        #expect(formatErrorDescription { _ = try Gzip.decompress(bytes, path: "g") } == expected, "\(label)")
    }
}
