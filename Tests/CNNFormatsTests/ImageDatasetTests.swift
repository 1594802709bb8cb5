import Foundation
import Testing
@testable import CNNFormats

@Suite struct ImageDatasetTests {
    @Test func loadsTheCommittedDigitsSet() throws {
        let dataset = try ImageDataset.load(from: digitsDirectory)
        #expect(dataset.train.count == 1438 && dataset.test.count == 359)
        #expect(dataset.train.imageShape == [8, 8, 1] && dataset.test.imageShape == [8, 8, 1])
        #expect(Set(dataset.train.labels) == Set(0..<10))
    }

    @Test func loadsIDXFilesInBothSpellings() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.write(idxFile([2, 1, 2], [0, 255, 51, 0]), to: "train-images-idx3-ubyte")
        _ = try directory.write(idxFile([2], [3, 1]), to: "train-labels-idx1-ubyte")
        _ = try directory.write(idxFile([1, 1, 2], [255, 255]), to: "t10k-images.idx3-ubyte")
        _ = try directory.write(idxFile([1], [9]), to: "t10k-labels.idx1-ubyte")
        let dataset = try ImageDataset.load(from: directory.url)
        #expect(dataset.train == LabeledImages(images: Tensor(shape: [2, 1, 2, 1], scalars: [0, 1, 0.2, 0]), labels: [3, 1]))
        #expect(dataset.test == LabeledImages(images: Tensor(shape: [1, 1, 2, 1], scalars: [1, 1]), labels: [9]))
    }

    @Test func loadsNpyPairs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.write(npyFile("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1, 1), }", [0, 255]), to: "test_images.npy")
        _ = try directory.write(npyFile("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 1), }",
                                        littleEndianBytes(Int64(4)) + littleEndianBytes(Int64(0))), to: "test_labels.npy")
        try NpyFile.write(Tensor(shape: [1, 1, 1, 2], scalars: [0.5, -1]), to: directory.file("train_images.npy"))
        try NpyFile.write(Tensor(shape: [1], scalars: [7]), to: directory.file("train_labels.npy"))
        let dataset = try ImageDataset.load(from: directory.url)
        #expect(dataset.test == LabeledImages(images: Tensor(shape: [2, 1, 1, 1], scalars: [0, 1]), labels: [4, 0]))
        #expect(dataset.train == LabeledImages(images: Tensor(shape: [1, 1, 1, 2], scalars: [0.5, -1]), labels: [7]))
    }

    @Test func namesEveryFileItTriedWhenNoneExists() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(formatErrorDescription { _ = try ImageDataset.loadSplit(.test, from: directory.url) }
            == "\(directory.url.path): no test images: expected one of t10k-images-idx3-ubyte, t10k-images.idx3-ubyte,"
            + " t10k-images-idx3-ubyte.gz, t10k-images.idx3-ubyte.gz, test_images.npy")
        _ = try directory.write(idxFile([1, 1, 1], [0]), to: "train-images-idx3-ubyte")
        #expect(formatErrorDescription { _ = try ImageDataset.loadSplit(.train, from: directory.url) }
            == "\(directory.url.path): no train labels: expected one of train-labels-idx1-ubyte, train-labels.idx1-ubyte,"
            + " train-labels-idx1-ubyte.gz, train-labels.idx1-ubyte.gz, train_labels.npy")
    }

    @Test func reportsAMissingDirectoryAndAFileInsteadOfADirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file("nowhere")
        #expect(formatErrorDescription { _ = try ImageDataset.load(from: missing) } == "\(missing.path): no such file or directory")
        let file = try directory.write([1], to: "file")
        #expect(formatErrorDescription { _ = try ImageDataset.load(from: file) }
            == "\(file.path): cannot read: a data set is a directory, this is a file")
    }

    @Test func rejectsImagesAndLabelsThatDoNotPairUp() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let images = try directory.write(idxFile([3, 1, 1], [0, 0, 0]), to: "train-images-idx3-ubyte")
        let labels = try directory.write(idxFile([2], [0, 1]), to: "train-labels-idx1-ubyte")
        #expect(formatErrorDescription { _ = try ImageDataset.loadSplit(.train, from: directory.url) }
            == "\(images.path) holds 3 images but \(labels.path) holds 2 labels (they must pair up one to one)")
    }

    @Test func rejectsNpyArraysOfTheWrongRank() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let images = directory.file("train_images.npy")
        try NpyFile.write(Tensor(shape: [4, 4], repeating: 0), to: images)
        let labels = directory.file("train_labels.npy")
        try NpyFile.write(Tensor(shape: [4, 2], repeating: 0), to: labels)
        #expect(formatErrorDescription { _ = try ImageDataset.loadSplit(.train, from: directory.url) }
            == "\(images.path): images must have shape (N, H, W) or (N, H, W, C), not [4, 4]")
        try NpyFile.write(Tensor(shape: [4, 4, 4], repeating: 0), to: images)
        #expect(formatErrorDescription { _ = try ImageDataset.loadSplit(.train, from: directory.url) }
            == "\(labels.path): labels must have shape (N,) or (N, 1), not [4, 2]")
    }
}
