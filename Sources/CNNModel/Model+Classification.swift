/// What a classifier's output means, for the loss, `cnnc run` and `cnnc train`.
extension Model {
    /// True when the last layer applies softmax (as a layer, or as a conv's or dense's activation).
    public var endsInSoftmax: Bool {
        switch layers.last?.operation {
        case .activation(.softmax)?: return true
        case let .dense(dense)?: return dense.activation == .softmax
        case let .convolution(conv)?: return conv.activation == .softmax
        default: return false
        }
    }

    /// The number of classes when the output is a score per class (`K` or `1x1xK`, K >= 2); nil otherwise.
    public var classCount: Int? {
        switch output {
        case let .vector(k) where k >= 2: return k
        case let .image(1, 1, k) where k >= 2: return k
        default: return nil
        }
    }
}
