import CNNTestSupport
import Foundation
import Testing
@testable import CNNFormats

/// An IDX file with element type `type`, the given dimensions and raw (big-endian) data bytes.
func idxFile(type: UInt8 = 0x08, _ dimensions: [Int], _ data: [UInt8]) -> [UInt8] {
    [0, 0, type, UInt8(dimensions.count)] + dimensions.flatMap { bigEndianBytes(UInt32($0)) } + data
}

/// The repository's committed digits data (`Specs/data/digits`).
let digitsDirectory = SpecFiles.directory.appendingPathComponent("data/digits")

@Suite struct IDXFileTests {
    @Test func readsImagesAsNHWCScaledToTheUnitInterval() throws {
        let images = try IDXFile.decodeImages(idxFile([2, 2, 3], [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 1]), path: "i")
        #expect(images.shape == [2, 2, 3, 1])
        #expect(images.scalars == [0, 0.2, 0.4, 0.6, 0.8, 1, 1, 0, 0, 0, 0, Float(1) / 255])
    }

    @Test func readsFourDimensionalAndFloatImagesUnscaled() throws {
        let data = [Float(0.5), 2].flatMap { bigEndianBytes($0.bitPattern) }
        let images = try IDXFile.decodeImages(idxFile(type: 0x0D, [1, 1, 1, 2], data), path: "i")
        #expect(images == Tensor(shape: [1, 1, 1, 2], scalars: [0.5, 2]))
    }

    @Test func readsLabelsOfEveryIntegerType() throws {
        #expect(try IDXFile.decodeLabels(idxFile([4], [7, 0, 9, 255]), path: "l") == [7, 0, 9, 255])
        let wide = [Int32(70000), 3].flatMap { bigEndianBytes($0) }
        #expect(try IDXFile.decodeLabels(idxFile(type: 0x0C, [2], wide), path: "l") == [70000, 3])
    }

    @Test func readsTheCommittedDigitsSet() throws {
        let trainImages = try IDXFile.readImages(from: digitsDirectory.appendingPathComponent("train-images-idx3-ubyte"))
        let trainLabels = try IDXFile.readLabels(from: digitsDirectory.appendingPathComponent("train-labels-idx1-ubyte"))
        let testImages = try IDXFile.readImages(from: digitsDirectory.appendingPathComponent("t10k-images-idx3-ubyte"))
        let testLabels = try IDXFile.readLabels(from: digitsDirectory.appendingPathComponent("t10k-labels-idx1-ubyte"))
        #expect(trainImages.shape == [1438, 8, 8, 1])
        #expect(testImages.shape == [359, 8, 8, 1])
        #expect(trainLabels.count == 1438 && testLabels.count == 359)
        #expect(Array(trainLabels.prefix(8)) == [6, 6, 6, 2, 5, 6, 6, 2])
        #expect(Array(testLabels.prefix(6)) == [8, 8, 9, 8, 3, 7])
        // The first training image's first row, as raw bytes 0 0 16 207 112 0 0 0.
        #expect(Array(trainImages.scalars.prefix(8)) == [0, 0, 16, 207, 112, 0, 0, 0].map { Float($0) / 255 })
        #expect(trainImages.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        let histogram = (0..<10).map { digit in trainLabels.filter { $0 == digit }.count }
        #expect(histogram == [140, 145, 130, 155, 139, 150, 144, 152, 144, 139])
    }
}
