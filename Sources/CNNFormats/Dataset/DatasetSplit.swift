/// The two parts of a data set directory.
public enum DatasetSplit: String, CaseIterable, Sendable {
    case train, test

    /// Image file names tried in order; see `ImageDataset`.
    public var imageFileNames: [String] { fileNames(kind: "images", idxRank: 3) }
    /// Label file names tried in order; see `ImageDataset`.
    public var labelFileNames: [String] { fileNames(kind: "labels", idxRank: 1) }

    private func fileNames(kind: String, idxRank: Int) -> [String] {
        let mnistPrefix = self == .train ? "train" : "t10k"
        let idx = ["\(mnistPrefix)-\(kind)-idx\(idxRank)-ubyte", "\(mnistPrefix)-\(kind).idx\(idxRank)-ubyte"]
        return idx + idx.map { $0 + ".gz" } + ["\(rawValue)_\(kind).npy"]
    }
}
