import Foundation
import Testing
@testable import CNNFormats

/// An `.npy` file with `dictionary` padded to 64 bytes as numpy pads it, in format `version`.
func npyFile(_ dictionary: String, _ data: [UInt8], version: UInt8 = 1) -> [UInt8] {
    let prefixCount = version == 1 ? 10 : 12
    let text = Array(dictionary.utf8)
    let padding = 64 - (prefixCount + text.count + 1) % 64
    let header = text + [UInt8](repeating: 0x20, count: padding) + [0x0A]
    let length = version == 1 ? littleEndianBytes(UInt16(header.count)) : littleEndianBytes(UInt32(header.count))
    return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + header + data
}

@Suite struct NpyFileTests {
    @Test func writesExactlyWhatNumpySaveWrites() {
        // Byte for byte what numpy 2.4 `np.save` wrote for these arrays (checked when this test was written):
        // room for 21 digits of the first axis, then spaces and a newline up to 128 bytes.
        let matrix = Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
            + String(repeating: " ", count: 58) + "\n"
        #expect(NpyFile.encode(matrix) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 118, 0] + Array(header.utf8)
            + littleEndianBytes(matrix.scalars))
        let scalar = NpyFile.encode(Tensor(shape: [], scalars: [2]))
        #expect(scalar.count == 132)
        #expect(String(decoding: scalar[10..<128], as: UTF8.self)
            == "{'descr': '<f4', 'fortran_order': False, 'shape': (), }" + String(repeating: " ", count: 62) + "\n")
        let vector = NpyFile.encode(Tensor(shape: [5], repeating: 1))
        #expect(String(decoding: vector[10..<128], as: UTF8.self)
            == "{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }" + String(repeating: " ", count: 60) + "\n")
    }

    @Test func roundTripsThroughAFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("x.npy")
        for tensor in [Tensor(shape: [2, 3, 4, 1], scalars: (0..<24).map { Float($0) / 7 - 1 }),
                       Tensor(shape: [], scalars: [-0.5]), Tensor(shape: [0, 3], scalars: []),
                       Tensor(shape: [1000], repeating: 0.25)] {
            try NpyFile.write(tensor, to: url)
            let array = try NpyFile.read(from: url)
            #expect(array.descr == "<f4")
            #expect(array.tensor == tensor)
            #expect(try Data(contentsOf: url).count % 64 == (4 * tensor.count) % 64)
        }
    }

    @Test func readsEveryDtypeAndByteOrder() throws {
        let shape23 = "'fortran_order': False, 'shape': (2, 3), }"
        let doubles: [Double] = [1, -2.5, 0.1, 4, 5, 6]
        let f8 = try NpyFile.decode(npyFile("{'descr': '<f8', " + shape23, doubles.flatMap { littleEndianBytes($0.bitPattern) }), path: "a.npy")
        #expect(f8.tensor == Tensor(shape: [2, 3], scalars: doubles.map(Float.init)))
        let big = try NpyFile.decode(npyFile("{'descr': '>f4', " + shape23, [1, 2, 3, 4, 5, 6].flatMap { bigEndianBytes(Float($0).bitPattern) }), path: "a.npy")
        #expect(big.tensor == Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        let half = try NpyFile.decode(npyFile("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", [0x00, 0x3C, 0x00, 0xC1]), path: "a.npy")
        #expect(half.scalars == [1, -2.5])
        let labels = try NpyFile.decode(npyFile("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }",
                                                [0, 9, 3].flatMap { littleEndianBytes(Int64($0)) }), path: "l.npy")
        #expect(try labels.labels(path: "l.npy") == [0, 9, 3])
        let int32 = try NpyFile.decode(npyFile("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }",
                                               littleEndianBytes(Int32(-4)) + littleEndianBytes(Int32(7))), path: "a.npy")
        #expect(int32.scalars == [-4, 7])
    }

    @Test func scalesUInt8ImagesToTheUnitInterval() throws {
        let array = try NpyFile.decode(npyFile("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2, 2), }", [0, 51, 255, 128]), path: "i.npy")
        #expect(array.isUInt8)
        #expect(array.tensor.scalars == [0, 51, 255, 128])
        #expect(array.imageTensor == Tensor(shape: [1, 2, 2], scalars: [0, 0.2, 1, Float(128) / 255]))
    }

    @Test func readsVersions2And3AndPython2Headers() throws {
        let data = littleEndianBytes([1, 2])
        let v2 = try NpyFile.decode(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data, version: 2), path: "a")
        let v3 = try NpyFile.decode(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data, version: 3), path: "a")
        // Python 2's numpy wrote long integers with an L and padded to 16 bytes only.
        let python2Header = Array("{'descr': '<f4', 'fortran_order': False, 'shape': (2L,), } \n".utf8)
        let python2 = [0x93] + Array("NUMPY".utf8) + [1, 0] + littleEndianBytes(UInt16(python2Header.count)) + python2Header + data
        for array in [v2, v3, try NpyFile.decode(python2, path: "a")] {
            #expect(array.tensor == Tensor(shape: [2], scalars: [1, 2]))
        }
    }

    @Test func acceptsFortranOrderWhenItEqualsCOrder() throws {
        let array = try NpyFile.decode(npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 3), }", littleEndianBytes([1, 2, 3])), path: "a")
        #expect(array.tensor == Tensor(shape: [1, 3], scalars: [1, 2, 3]))
    }
}
