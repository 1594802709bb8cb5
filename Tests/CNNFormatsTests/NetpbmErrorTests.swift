import Testing
@testable import CNNFormats

@Suite struct NetpbmErrorTests {
    static let cases: [(String, [UInt8], String)] = [
        ("empty", [], "a: not a valid PGM/PPM file: it starts with nothing (the file is empty), expected P2, P3, P5 or P6"),
        ("png", [0x89, 0x50, 0x4E, 0x47], "a: not a valid PGM/PPM file: it starts with '\\x89P', expected P2, P3, P5 or P6"),
        ("bitmap", Array("P4\n1 1\n\0".utf8),
         "a: 'P4' (PBM bitmap or PAM) is not supported (convert it to PGM or PPM, e.g. with `pnmtopnm` or ImageMagick)"),
        ("header ends", Array("P5\n4 4\n".utf8), "a: bad PGM/PPM header: the file ends before the maxval"),
        ("letters in header", Array("P5\n4 x\n255\n".utf8), "a: expected height at byte 5, found 'x'"),
        ("maxval zero", Array("P5 1 1 0\n\0".utf8), "a: bad PGM/PPM header: maxval 0 is outside 1...65535"),
        ("maxval too big", Array("P2 1 1 65536 0".utf8), "a: bad PGM/PPM header: maxval 65536 is outside 1...65535"),
        ("zero width", Array("P5 0 1 255\n".utf8), "a: bad PGM/PPM header: the size 0x1 is empty"),
        ("no separator", Array("P5 1 1 255".utf8), "a: bad PGM/PPM header: maxval must be followed by one whitespace byte"),
        ("binary truncated", Array("P6\n2 2\n255\n".utf8) + [1, 2, 3, 4, 5],
         "a: truncated pixel data: needs 23 bytes but the file has 16 (was it cut off while copying or downloading?)"),
        ("16-bit truncated", Array("P5 2 1 1000\n".utf8) + [0, 1, 0],
         "a: truncated pixel data: needs 16 bytes but the file has 15 (was it cut off while copying or downloading?)"),
        ("ascii truncated", Array("P2 2 2 255 1 2 3".utf8), "a: the pixel data ends after 3 of 4 samples (the file is truncated)"),
        ("sample above maxval", Array("P2 2 1 15 3 16".utf8), "a: sample 1 is 16, above maxval 15"),
        ("binary sample above maxval", Array("P5 1 1 100\n".utf8) + [101], "a: sample 0 is 101, above maxval 100"),
        ("huge size", Array("P5 99999999999 99999999999 255\n".utf8) + [0],
         "a: bad PGM/PPM header: the size 99999999999x99999999999 is too large"),
        ("large size, short file", Array("P5 65535 65535 255\n".utf8) + [0],
         "a: truncated pixel data: needs 4294836244 bytes but the file has 20 (was it cut off while copying or downloading?)"),
    ]

    @Test(arguments: cases)
    func rejectsBadFilesWithAClearMessage(_ label: String, _ bytes: [UInt8], _ expected: String) {
        #expect(formatErrorDescription { _ = try NetpbmFile.decode(bytes, path: "a") } == expected, "\(label)")
    }
}
