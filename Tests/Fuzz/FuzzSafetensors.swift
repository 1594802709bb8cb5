@testable import CNNFormats

/// libFuzzer entry: reads arbitrary bytes as safetensors; what reads must re-encode as F32 and read back bit for bit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    expectFormatErrorOrSuccess {
        let contents = try SafetensorsFile.decode(fuzzBytes(data, size), path: "f.safetensors")
        for tensor in contents.tensors.values { checkShape(tensor.shape, count: tensor.count) }
        let again = try SafetensorsFile.decode(SafetensorsFile.encode(contents.tensors, metadata: contents.metadata),
                                               path: "f.safetensors")
        precondition(again.metadata == contents.metadata && again.tensors.keys.sorted() == contents.tensors.keys.sorted(),
                     "safetensors round trip: names")
        for (name, tensor) in contents.tensors {
            guard let other = again.tensors[name] else { preconditionFailure("lost \(name)") }
            precondition(other.shape == tensor.shape && sameBits(other.scalars, tensor.scalars), "round trip of \(name)")
        }
    }
    return 0
}
