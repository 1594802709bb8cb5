import Foundation
import Testing
@testable import CNNFormats

@Suite struct ImageInputFileTests {
    @Test func reordersNCHWToNHWCAndBack() {
        // Two images of 2 channels, 1x3 pixels; value = 100 n + 10 c + x, so every element says where it belongs.
        let nchw = Tensor(shape: [2, 2, 1, 3], scalars: [0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112])
        let nhwc = ImageLayout.nchw.toNHWC(nchw)
        #expect(nhwc == Tensor(shape: [2, 1, 3, 2], scalars: [0, 10, 1, 11, 2, 12, 100, 110, 101, 111, 102, 112]))
        #expect(ImageLayout.nchw.fromNHWC(nhwc) == nchw)
        #expect(ImageLayout.nhwc.toNHWC(nchw) == nchw)
    }

    @Test func readsNpyInEitherLayoutAddingTheBatchAxis() throws {
        let chw = NpyFile.encode(Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4]))
        #expect(try ImageInputFile.decode(chw, path: "x.npy", layout: .nchw) == Tensor(shape: [1, 1, 2, 2], scalars: [1, 3, 2, 4]))
        #expect(try ImageInputFile.decode(chw, path: "x.npy") == Tensor(shape: [1, 2, 1, 2], scalars: [1, 2, 3, 4]))
        let bytes = npyFile("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1, 1, 2), }", [255, 51])
        #expect(try ImageInputFile.decode(bytes, path: "x.npy") == Tensor(shape: [1, 1, 1, 2], scalars: [1, 0.2]))
    }

    @Test func readsPGMAndIDXByContent() throws {
        let pgm = Array("P5 2 1 255\n".utf8) + [0, 255]
        #expect(try ImageInputFile.decode(pgm, path: "photo.dat") == Tensor(shape: [1, 1, 2, 1], scalars: [0, 1]))
        let idx = idxFile([1, 1, 2], [255, 0])
        #expect(try ImageInputFile.decode(idx, path: "x") == Tensor(shape: [1, 1, 2, 1], scalars: [1, 0]))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write(idx, to: "images-idx3-ubyte")
        #expect(try ImageInputFile.read(from: url).shape == [1, 1, 2, 1])
    }

    @Test func namesTheAcceptedFormatsAndShapes() {
        #expect(formatErrorDescription { _ = try ImageInputFile.decode(Array("{\"a\": 1}".utf8), path: "x.json") }
            == "x.json: not a valid image file: it starts with '{\"a\": ', expected \\x93NUMPY (.npy), P2/P3/P5/P6 (PGM/PPM) or 0x00000803 (IDX)")
        let vector = NpyFile.encode(Tensor(shape: [4], repeating: 0))
        #expect(formatErrorDescription { _ = try ImageInputFile.decode(vector, path: "v.npy", layout: .nchw) }
            == "v.npy: images must have shape (N, C, H, W) or (C, H, W), not [4]")
    }
}
