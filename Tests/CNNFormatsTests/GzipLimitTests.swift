import Foundation
import Testing
@testable import CNNFormats

/// Builds fixed-Huffman DEFLATE streams bit by bit (RFC 1951 3.2.6), to make small inputs that inflate large.
private struct FixedHuffmanWriter {
    private(set) var bytes: [UInt8] = []
    private var bitCount = 0

    /// One final fixed-Huffman block of `prefix` as literals, then `matches` copies of 258 bytes at distance 1.
    static func stream(literals prefix: [UInt8], matches: Int) -> [UInt8] {
        var writer = FixedHuffmanWriter()
        writer.bits(1, 1)  // final block
        writer.bits(1, 2)  // fixed Huffman
        for byte in prefix {
            byte < 144 ? writer.code(0x30 + Int(byte), 8) : writer.code(0x190 + Int(byte) - 144, 9)
        }
        for _ in 0..<matches {
            writer.code(0xC5, 8)  // length symbol 285: 258 bytes, no extra bits
            writer.code(0, 5)     // distance symbol 0: distance 1
        }
        writer.code(0, 7)  // end of block
        return writer.bytes
    }

    /// `count` bits of `value`, least significant first (how DEFLATE packs everything but codes).
    private mutating func bits(_ value: Int, _ count: Int) {
        for index in 0..<count {
            if bitCount % 8 == 0 { bytes.append(0) }
            bytes[bytes.count - 1] |= UInt8((value >> index) & 1) << (bitCount % 8)
            bitCount += 1
        }
    }

    /// A Huffman code, most significant bit first.
    private mutating func code(_ code: Int, _ length: Int) {
        for index in (0..<length).reversed() { bits((code >> index) & 1, 1) }
    }
}

/// A gzip member around `deflate`, whose trailer matches `output`.
private func gzipMember(_ deflate: [UInt8], output: [UInt8]) -> [UInt8] {
    [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + deflate
        + littleEndianBytes(CRC32.checksum(output)) + littleEndianBytes(UInt32(truncatingIfNeeded: output.count))
}

@Suite struct GzipLimitTests {
    /// 1 + 258 * 4,000 = 1,032,001 bytes from about 6.5 KB.
    private let bomb = FixedHuffmanWriter.stream(literals: [7], matches: 4_000)
    private let bombOutput = [UInt8(7)] + [UInt8](repeating: 7, count: 258 * 4_000)

    @Test func theHandMadeStreamInflatesToWhatItShould() throws {
        #expect(bomb.count < 7_000)
        #expect(try Inflate.decompress(bomb, from: 0).output == bombOutput)
        #expect(try Gzip.decompress(gzipMember(bomb, output: bombOutput), path: "g") == bombOutput)
    }

    @Test func inflateStopsAtTheLimitAndAllowsExactlyIt() throws {
        #expect(throws: Inflate.Failure.exceedsLimit) { try Inflate.decompress(bomb, from: 0, limit: 4_096) }
        #expect(throws: Inflate.Failure.exceedsLimit) { try Inflate.decompress(bomb, from: 0, limit: bombOutput.count - 1) }
        #expect(try Inflate.decompress(bomb, from: 0, limit: bombOutput.count).output.count == bombOutput.count)
        // Literals, matches and stored blocks all stop at the limit; the prefix holds exactly what fit.
        #expect(Inflate.prefix(bomb, from: 0, count: 1_000) == Array(bombOutput.prefix(1_000)))
        let literals = FixedHuffmanWriter.stream(literals: Array("hello".utf8), matches: 0)
        #expect(throws: Inflate.Failure.exceedsLimit) { try Inflate.decompress(literals, from: 0, limit: 4) }
        let stored: [UInt8] = [1, 5, 0, 250, 255] + Array("hello".utf8)
        #expect(throws: Inflate.Failure.exceedsLimit) { try Inflate.decompress(stored, from: 0, limit: 4) }
        #expect(Inflate.prefix(stored, from: 0, count: 3) == Array("hel".utf8))
    }

    @Test func gzipRefusesOutputPastItsLimitNamingTheFileTheLimitAndTheFix() throws {
        let file = gzipMember(bomb, output: bombOutput)
        #expect(formatErrorDescription { _ = try Gzip.decompress(file, path: "big.gz", limit: 4_096) }
            == "big.gz: the decompressed gzip data passes the limit of 4096 bytes (gzip input is capped at 2 GiB;"
            + " decompress it with gunzip first if it really is this large)")
        // The limit covers all members together.
        let hi = gzipMember(FixedHuffmanWriter.stream(literals: Array("hi".utf8), matches: 0), output: Array("hi".utf8))
        #expect(try Gzip.decompress(hi + hi, path: "g", limit: 4) == Array("hihi".utf8))
        #expect(formatErrorDescription { _ = try Gzip.decompress(hi + hi, path: "g", limit: 3) }.contains("limit of 3 bytes"))
        #expect(Gzip.defaultLimit == 2_147_483_648)
    }

    @Test func aGzippedIDXFileInflatesNoFurtherThanItsHeaderAnnounces() throws {
        // Labels header announcing 16 bytes, followed by a megabyte of sevens.
        let header: [UInt8] = [0, 0, 8, 1] + bigEndianBytes(UInt32(16))
        let output = header + bombOutput
        let file = gzipMember(FixedHuffmanWriter.stream(literals: header + [7], matches: 4_000), output: output)
        #expect(formatErrorDescription { _ = try IDXFile.decodeLabels(file, path: "l.gz") }
            == "l.gz: the decompressed gzip data passes the limit of 24 bytes (its IDX header announces 24 bytes"
            + " in all; the file is corrupt or not what it claims to be, download it again)")
        // Exactly what the header announces still reads.
        let exact = header + [UInt8](repeating: 7, count: 16)
        let good = gzipMember(FixedHuffmanWriter.stream(literals: exact, matches: 0), output: exact)
        #expect(try IDXFile.decodeLabels(good, path: "l.gz") == [Int](repeating: 7, count: 16))
        // Less than announced is the usual truncation.
        let short = header + [7, 7]
        let cut = gzipMember(FixedHuffmanWriter.stream(literals: short, matches: 0), output: short)
        #expect(formatErrorDescription { _ = try IDXFile.decodeLabels(cut, path: "l.gz") }.contains("truncated data of shape [16]"))
    }
}
