import Foundation
import Testing
@testable import CNNFormats

@Suite struct NetpbmFileTests {
    @Test func readsAsciiGreyWithComments() throws {
        let text = "P2\n# made by hand\n3 2 # width height\n# maxval next\n4\n0 1 2\n3 4 # end of row\n0\n"
        let image = try NetpbmFile.decode(Array(text.utf8), path: "a.pgm")
        #expect(image == Tensor(shape: [2, 3, 1], scalars: [0, 0.25, 0.5, 0.75, 1, 0]))
    }

    @Test func readsAsciiColour() throws {
        let image = try NetpbmFile.decode(Array("P3 2 1 255 255 0 0  0 51 255".utf8), path: "a.ppm")
        #expect(image == Tensor(shape: [1, 2, 3], scalars: [1, 0, 0, 0, 0.2, 1]))
    }

    @Test func readsBinary8And16Bit() throws {
        let grey = try NetpbmFile.decode(Array("P5\n2 2\n255\n".utf8) + [0, 51, 255, 10], path: "a.pgm")
        #expect(grey == Tensor(shape: [2, 2, 1], scalars: [0, 0.2, 1, Float(10) / 255]))
        // 16-bit samples are big-endian: 0x0100 = 256 of 1000, 0x03E8 = 1000.
        let wide = try NetpbmFile.decode(Array("P6 1 1 1000\n".utf8) + [0x01, 0x00, 0x03, 0xE8, 0, 0], path: "a.ppm")
        #expect(wide == Tensor(shape: [1, 1, 3], scalars: [0.256, 1, 0]))
    }

    @Test func roundTripsGreyAndColourThroughFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let grey = Tensor(shape: [2, 3, 1], scalars: [0, 0.2, 0.4, 0.6, 0.8, 1])
        let colour = Tensor(shape: [1, 2, 3], scalars: [1, 0, 0, 0, 0.2, 1])
        try NetpbmFile.write(grey, to: directory.file("g.pgm"))
        try NetpbmFile.write(colour, to: directory.file("c.ppm"))
        #expect(try NetpbmFile.read(from: directory.file("g.pgm")) == grey)
        #expect(try NetpbmFile.read(from: directory.file("c.ppm")) == colour)
        #expect(try Data(contentsOf: directory.file("g.pgm")) == Data(Array("P5\n3 2\n255\n".utf8) + [0, 51, 102, 153, 204, 255]))
    }

    @Test func clampsAndRoundsWhenWriting() throws {
        let image = Tensor(shape: [1, 6], scalars: [-1, 2, .nan, 0.5, 1.0 / 255 * 0.49, .infinity])
        let bytes = try NetpbmFile.encode(image)
        #expect(bytes == Array("P5\n6 1\n255\n".utf8) + [0, 255, 0, 128, 0, 255])
        let batchOfOne = try NetpbmFile.encode(Tensor(shape: [1, 1, 1, 3], scalars: [0, 1, 0]))
        #expect(batchOfOne == Array("P6\n1 1\n255\n".utf8) + [0, 255, 0])
    }

    @Test func refusesShapesThatAreNotImages() {
        #expect(formatErrorDescription { _ = try NetpbmFile.encode(Tensor(shape: [2, 2, 2], repeating: 0), path: "o.pgm") }
            == "o.pgm: cannot write this tensor: a PGM/PPM image has shape [H, W, 1] or [H, W, 3] (H, W >= 1), not [2, 2, 2]")
    }
}
