import CNNModel

/// Why training or evaluation cannot start: found before the first batch, with what to change.
public enum TrainingError: Error, Hashable, Sendable {
    /// The last layer does not give one score per class.
    case notAClassifier(output: Shape)
    /// The images are not the size the spec's input says.
    case imageShape(split: String, expected: Shape, found: [Int])
    /// A label outside `0..<classes`.
    case labelOutOfRange(split: String, index: Int, label: Int, classes: Int)
    case noImages(split: String)
    /// A classifier has one output; these are the model's.
    case severalOutputs([String])
    /// The softmax the loss fuses feeds other layers too, so its gradient cannot be fused.
    case softmaxOutputIsRead(String)
    /// An image holds NaN or an infinity, which would make every loss and gradient NaN.
    case nonFiniteImage(split: String, index: Int)
    /// A weight holds NaN or an infinity (a diverged run's checkpoint, say): every output would too.
    case nonFiniteWeight(name: String)
    /// Training diverged: the loss of a step (checked before its update) or a weight (checked
    /// after each epoch) became NaN or infinite. `cause` says which.
    case diverged(epoch: Int, step: Int, cause: String)
}

extension TrainingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .notAClassifier(output):
            return "the model's output \(output) is not a score per class: end the spec with a layer"
                + " of K >= 2 units, such as 'dense 10 softmax'"
        case let .imageShape(split, expected, found):
            let images = found.dropFirst().map(String.init).joined(separator: "x")
            return "the \(split) images are \(images), but the spec's input is \(expected):"
                + " change the spec's input (or pass --input \(images))"
        case let .labelOutOfRange(split, index, label, classes):
            return "\(split) label \(index) is \(label), but the model has \(classes) classes (0...\(classes - 1))"
        case let .noImages(split):
            return "the \(split) set has no images"
        case let .severalOutputs(names):
            return "the model has \(names.count) outputs (\(names.joined(separator: ", "))); a classifier trains with one:"
                + " drop the 'output' statement or list a single value"
        case let .softmaxOutputIsRead(name):
            return "the output '\(name)' ends in softmax and other layers read it too; give them the scores before"
                + " the softmax (a separate 'softmax' layer as the output)"
        case let .nonFiniteImage(split, index):
            return "\(split) image \(index) holds NaN or infinite values; fix or drop it from the data set"
        case let .nonFiniteWeight(name):
            return "the weight '\(name)' holds NaN or infinite values, so every output would too;"
                + " these weights are unusable (a diverged training run?): train again or load others"
        case let .diverged(epoch, step, cause):
            return "training diverged: \(cause) at epoch \(epoch), step \(step); stopped without saving."
                + " Lower --lr, or with sgd the --momentum (below 1); batchnorm needs batches of several images"
        }
    }
}
