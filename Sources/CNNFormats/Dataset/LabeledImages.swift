/// Images with one class label each: one split (train or test) of a data set.
public struct LabeledImages: Hashable, Sendable {
    /// `[N, H, W, C]` (NHWC), values in [0, 1] for 8-bit sources.
    public var images: Tensor
    /// `N` class indices, `labels[i]` for image `i`.
    public var labels: [Int]

    /// Pairs `images` `[N, H, W, C]` with `N` labels; the counts must agree.
    public init(images: Tensor, labels: [Int]) {
        precondition(images.shape.count == 4 && images.shape[0] == labels.count, "images and labels do not pair up")
        self.images = images
        self.labels = labels
    }

    public var count: Int { labels.count }

    /// Height, width and channels of one image.
    public var imageShape: [Int] { Array(images.shape.dropFirst()) }
}
