import Foundation

/// A training and a test split loaded from a directory, as `cnnc train` and `cnnc eval` read them.
///
/// File names tried for each split, in order (the first that exists wins):
/// - MNIST's IDX files: `train-images-idx3-ubyte` + `train-labels-idx1-ubyte` and
///   `t10k-images-idx3-ubyte` + `t10k-labels-idx1-ubyte`, also spelled `train-images.idx3-ubyte`
///   (a dot before `idx`), each optionally gzip-compressed with a `.gz` suffix;
/// - numpy arrays: `train_images.npy` + `train_labels.npy` and `test_images.npy` + `test_labels.npy`,
///   images `(N, H, W)` or `(N, H, W, C)` in NHWC order, labels `(N,)` or `(N, 1)` of integers.
/// 8-bit images are scaled to [0, 1]; float images are taken as stored.
public struct ImageDataset: Hashable, Sendable {
    public var train: LabeledImages
    public var test: LabeledImages

    public init(train: LabeledImages, test: LabeledImages) {
        self.train = train
        self.test = test
    }

    /// Both splits from `directory`; throws `missingDatasetFile`, `countMismatch` or a reader's error.
    public static func load(from directory: URL) throws -> ImageDataset {
        ImageDataset(train: try loadSplit(.train, from: directory), test: try loadSplit(.test, from: directory))
    }

    /// One split from `directory`, e.g. only `.test` for `cnnc eval`.
    public static func loadSplit(_ split: DatasetSplit, from directory: URL) throws -> LabeledImages {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw FormatError.fileNotFound(path: directory.path)
        }
        guard isDirectory.boolValue else {
            throw FormatError.unreadable(path: directory.path, reason: "a data set is a directory, this is a file")
        }
        let imagesURL = try firstExisting(split.imageFileNames, in: directory, what: "\(split.rawValue) images")
        let labelsURL = try firstExisting(split.labelFileNames, in: directory, what: "\(split.rawValue) labels")
        let images = imagesURL.pathExtension == "npy" ? try npyImages(imagesURL) : try IDXFile.readImages(from: imagesURL)
        let labels = labelsURL.pathExtension == "npy" ? try npyLabels(labelsURL) : try IDXFile.readLabels(from: labelsURL)
        guard images.shape[0] == labels.count else {
            throw FormatError.countMismatch(imagesPath: imagesURL.path, images: images.shape[0],
                                            labelsPath: labelsURL.path, labels: labels.count)
        }
        return LabeledImages(images: images, labels: labels)
    }

    private static func firstExisting(_ names: [String], in directory: URL, what: String) throws -> URL {
        for name in names {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw FormatError.missingDatasetFile(directory: directory.path, part: what, tried: names)
    }

    private static func npyImages(_ url: URL) throws -> Tensor {
        let array = try NpyFile.read(from: url)
        let images = array.imageTensor
        switch images.shape.count {
        case 3: return images.reshaped(to: images.shape + [1])
        case 4: return images
        default:
            throw FormatError.badValue(path: url.path, problem:
                "images must have shape (N, H, W) or (N, H, W, C), not \(array.shape)")
        }
    }

    private static func npyLabels(_ url: URL) throws -> [Int] {
        let array = try NpyFile.read(from: url)
        guard array.shape.count == 1 || (array.shape.count == 2 && array.shape[1] == 1) else {
            throw FormatError.badValue(path: url.path, problem: "labels must have shape (N,) or (N, 1), not \(array.shape)")
        }
        return try array.labels(path: url.path)
    }
}
