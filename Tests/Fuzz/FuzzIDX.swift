@testable import CNNFormats

/// libFuzzer entry: reads arbitrary bytes (plain or gzip) as IDX images and as IDX labels.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    expectFormatErrorOrSuccess {
        let images = try IDXFile.decodeImages(bytes, path: "f.idx")
        checkShape(images.shape, count: images.count)
        precondition(images.shape.count == 4, "images are [N, H, W, C]")
    }
    expectFormatErrorOrSuccess {
        let labels = try IDXFile.decodeLabels(bytes, path: "f.idx")
        precondition(labels.allSatisfy { $0 >= 0 }, "labels are non-negative")
    }
    return 0
}
