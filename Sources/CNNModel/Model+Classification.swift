/// What a classifier's output means, for the loss, `cnnc run` and `cnnc train`.
extension Model {
    /// True when the (first) output is a softmax: a layer, or a conv's, deconv's or dense's activation.
    public var endsInSoftmax: Bool {
        guard let index = outputs.first?.value.layer else { return false }
        return layers[index].activation == .softmax
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
