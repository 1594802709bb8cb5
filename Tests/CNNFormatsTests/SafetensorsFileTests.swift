import Foundation
import Testing
@testable import CNNFormats

/// A safetensors file from a header text and data bytes, with an optional lying length field.
private func safetensors(_ header: String, _ data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    return littleEndianBytes(declaredLength ?? UInt64(headerBytes.count)) + headerBytes + data
}

@Suite struct SafetensorsFileTests {
    @Test func writesTheReferenceLibrarysBytes() throws {
        // The Python/Rust library's own serialization test: one F32 tensor [1, 2, 3], header of 64 bytes.
        let tensor = Tensor(shape: [1, 2, 3], scalars: [0, 1, 2, 3, 4, 5])
        let bytes = try SafetensorsFile.encode(["attn.0": tensor])
        let header = #"{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}"#
        #expect(header.utf8.count == 64)
        #expect(bytes == littleEndianBytes(UInt64(64)) + Array(header.utf8) + littleEndianBytes(tensor.scalars))
    }

    @Test func padsTheHeaderWithSpacesToAMultipleOf8() throws {
        let bytes = try SafetensorsFile.encode(["attn0": Tensor(shape: [1, 1, 2, 3], repeating: 1)])
        let header = #"{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}"#
        #expect(header.utf8.count == 65)
        let padded = header + String(repeating: " ", count: 7)
        #expect(bytes == littleEndianBytes(UInt64(72)) + Array(padded.utf8) + littleEndianBytes([Float](repeating: 1, count: 6)))
    }

    @Test func writesMetadataFirstAndAnEmptyFileAsTheLibraryDoes() throws {
        #expect(try SafetensorsFile.encode([:]) == littleEndianBytes(UInt64(8)) + Array("{}      ".utf8))
        let withMetadata = try SafetensorsFile.encode([:], metadata: ["framework": "pt"])
        #expect(withMetadata == littleEndianBytes(UInt64(40)) + Array(#"{"__metadata__":{"framework":"pt"}}     "#.utf8))
    }

    @Test func sortsTensorsByNameAndPacksTheirData() throws {
        let tensors = ["fc.bias": Tensor(shape: [2], scalars: [7, 8]),
                       "conv1.weight": Tensor(shape: [1, 1, 1, 3], scalars: [1, 2, 3])]
        let bytes = try SafetensorsFile.encode(tensors)
        let header = #"{"conv1.weight":{"dtype":"F32","shape":[1,1,1,3],"data_offsets":[0,12]},"#
            + #""fc.bias":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        #expect(bytes == littleEndianBytes(UInt64(padded.utf8.count)) + Array(padded.utf8)
            + littleEndianBytes([1, 2, 3, 7, 8]))
    }

    @Test func roundTripsTensorsAndMetadataThroughAFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("w.safetensors")
        let tensors = ["conv1.weight": Tensor(shape: [2, 1, 3, 3], scalars: (0..<18).map { Float($0) * 0.25 - 2 }),
                       "conv1.bias": Tensor(shape: [2], scalars: [.infinity, -0.0]),
                       "scalar": Tensor(shape: [], scalars: [3.5]),
                       "empty": Tensor(shape: [0, 4], scalars: []),
                       "name with \"quotes\" \\ and é": Tensor(shape: [1], scalars: [1])]
        let metadata = ["format": "pt", "note": "line\nbreak"]
        try SafetensorsFile.write(tensors, metadata: metadata, to: url)
        let contents = try SafetensorsFile.read(from: url)
        #expect(contents.tensors == tensors)
        #expect(contents.metadata == metadata)
        #expect(Set(contents.dtypes.values) == ["F32"])
        // Bit patterns survive, including the sign of zero.
        #expect(contents.tensors["conv1.bias"]?.scalars[1].sign == .minus)
    }

    @Test func convertsEveryDtypeOnRead() throws {
        // Values 1.0, -2.5, 65504 (largest half), smallest half subnormal, infinity.
        let half: [UInt16] = [0x3C00, 0xC100, 0x7BFF, 0x0001, 0x7C00]
        let bfloat: [UInt16] = [0x3F80, 0xC020, 0x4780, 0x7F80]
        let double: [Double] = [1, -2.5, 1e-3]
        let header = #"{"h":{"dtype":"F16","shape":[5],"data_offsets":[0,10]},"#
            + #""b":{"dtype":"BF16","shape":[2,2],"data_offsets":[10,18]},"#
            + #""d":{"dtype":"F64","shape":[3],"data_offsets":[18,42]},"#
            + #""n":{"dtype":"I64","shape":[],"data_offsets":[42,50]},"#
            + #""i":{"dtype":"I32","shape":[2],"data_offsets":[50,58]},"#
            + #""u":{"dtype":"U8","shape":[2],"data_offsets":[58,60]}}"#
        let data = half.flatMap(littleEndianBytes) + bfloat.flatMap(littleEndianBytes)
            + double.flatMap { littleEndianBytes($0.bitPattern) } + littleEndianBytes(Int64(-7))
            + littleEndianBytes(Int32(-3)) + littleEndianBytes(Int32(100_000)) + [0, 255]
        let contents = try SafetensorsFile.decode(safetensors(header, data), path: "d.safetensors")
        #expect(contents.tensors["h"] == Tensor(shape: [5], scalars: [1, -2.5, 65504, 0x1p-24, .infinity]))
        #expect(contents.tensors["b"] == Tensor(shape: [2, 2], scalars: [1, -2.5, 65536, .infinity]))
        #expect(contents.tensors["d"] == Tensor(shape: [3], scalars: [1, -2.5, Float(1e-3)]))
        #expect(contents.tensors["n"] == Tensor(shape: [], scalars: [-7]))
        #expect(contents.tensors["i"] == Tensor(shape: [2], scalars: [-3, 100_000]))
        #expect(contents.tensors["u"] == Tensor(shape: [2], scalars: [0, 255]))
        #expect(contents.dtypes == ["h": "F16", "b": "BF16", "d": "F64", "n": "I64", "i": "I32", "u": "U8"])
    }

    @Test func readsTensorsInAnyHeaderOrderWithExtraKeysAndWhitespace() throws {
        let header = #" { "b" : {"data_offsets": [4, 8], "shape": [1], "dtype": "F32", "extra": null},"#
            + #" "a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]} }  "#
        let contents = try SafetensorsFile.decode(safetensors(header, littleEndianBytes([1, 2])), path: "x")
        #expect(contents.tensors == ["a": Tensor(shape: [1], scalars: [1]), "b": Tensor(shape: [1], scalars: [2])])
    }

    @Test func refusesToWriteAReservedNameAndLeavesTheOldFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("w.safetensors")
        try SafetensorsFile.write(["a": Tensor(shape: [1], scalars: [1])], to: url)
        let before = try Data(contentsOf: url)
        let message = formatErrorDescription {
            try SafetensorsFile.write(["__metadata__": Tensor(shape: [1], scalars: [1])], to: url)
        }
        #expect(message == "\(url.path): cannot write this tensor: '__metadata__' is reserved for the metadata")
        #expect(try Data(contentsOf: url) == before)
    }
}
