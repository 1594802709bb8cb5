@testable import CNNFormats

/// libFuzzer entry: inflates arbitrary bytes as gzip under a 1 MiB limit; the output never passes it,
/// and the unchecked prefix agrees with the checked output.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let limit = 1 << 20
    expectFormatErrorOrSuccess {
        let prefix = try Gzip.prefix(bytes, count: 100, path: "f.gz")
        let output = try Gzip.decompress(bytes, path: "f.gz", limit: limit)
        precondition(output.count <= limit, "inflated past the limit")
        precondition(prefix.count <= 100 && output.starts(with: prefix), "the prefix disagrees with the output")
    }
    // Raw DEFLATE from the first byte, as Inflate sees it inside a member.
    _ = try? Inflate.decompress(bytes, from: 0, limit: limit)
    return 0
}
