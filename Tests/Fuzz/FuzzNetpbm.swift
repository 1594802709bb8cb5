@testable import CNNFormats

/// libFuzzer entry: reads arbitrary bytes as PGM/PPM, and as an input image (PGM/PPM, npy or IDX by content).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNetpbm(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    expectFormatErrorOrSuccess {
        let image = try NetpbmFile.decode(bytes, path: "f.pgm")
        checkShape(image.shape, count: image.count)
        precondition(image.scalars.allSatisfy { $0 >= 0 && $0 <= 1 }, "pixels scale to [0, 1]")
        _ = try NetpbmFile.decode(NetpbmFile.encode(image, path: "f.pgm"), path: "f.pgm")
    }
    expectFormatErrorOrSuccess {
        let tensor = try ImageInputFile.decode(bytes, path: "f.input", layout: .nchw)
        checkShape(tensor.shape, count: tensor.count)
    }
    return 0
}
