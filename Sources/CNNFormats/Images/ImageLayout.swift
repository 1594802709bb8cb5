/// The axis order of image batches in files: ours and Keras' NHWC, or PyTorch's NCHW.
public enum ImageLayout: String, CaseIterable, Sendable {
    case nhwc, nchw

    /// `batch` (rank 4, in this layout) reordered to `[N, H, W, C]`.
    public func toNHWC(_ batch: Tensor) -> Tensor {
        precondition(batch.shape.count == 4, "an image batch has rank 4, not \(batch.shape)")
        guard self == .nchw else { return batch }
        let (n, c, h, w) = (batch.shape[0], batch.shape[1], batch.shape[2], batch.shape[3])
        var scalars = [Float](repeating: 0, count: batch.count)
        for image in 0..<n {
            for channel in 0..<c {
                for row in 0..<h {
                    for column in 0..<w {
                        scalars[((image * h + row) * w + column) * c + channel] =
                            batch.scalars[((image * c + channel) * h + row) * w + column]
                    }
                }
            }
        }
        return Tensor(shape: [n, h, w, c], scalars: scalars)
    }

    /// `batch` `[N, H, W, C]` reordered to this layout (`[N, C, H, W]` for NCHW).
    public func fromNHWC(_ batch: Tensor) -> Tensor {
        precondition(batch.shape.count == 4, "an image batch has rank 4, not \(batch.shape)")
        guard self == .nchw else { return batch }
        let (n, h, w, c) = (batch.shape[0], batch.shape[1], batch.shape[2], batch.shape[3])
        var scalars = [Float](repeating: 0, count: batch.count)
        for image in 0..<n {
            for row in 0..<h {
                for column in 0..<w {
                    for channel in 0..<c {
                        scalars[((image * c + channel) * h + row) * w + column] =
                            batch.scalars[((image * h + row) * w + column) * c + channel]
                    }
                }
            }
        }
        return Tensor(shape: [n, c, h, w], scalars: scalars)
    }
}
