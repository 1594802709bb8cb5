@testable import CNNFormats

/// libFuzzer entry: reads arbitrary bytes as `.npy`; what reads must re-encode as `<f4` and read back bit for bit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    expectFormatErrorOrSuccess {
        let array = try NpyFile.decode(fuzzBytes(data, size), path: "f.npy")
        checkShape(array.shape, count: array.scalars.count)
        let again = try NpyFile.decode(NpyFile.encode(array.tensor), path: "f.npy")
        precondition(again.shape == array.shape && sameBits(again.scalars, array.scalars), "npy round trip")
    }
    return 0
}
