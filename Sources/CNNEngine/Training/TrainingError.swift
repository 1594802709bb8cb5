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
        }
    }
}
