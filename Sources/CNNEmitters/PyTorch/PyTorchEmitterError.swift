import CNNModel

/// Why a PyTorch script cannot be written for a model.
public enum PyTorchEmitterError: Error, Hashable, Sendable {
    /// Training needs class scores: a vector, or a 1 x 1 x K image, at the end of the network.
    case notAClassifier(output: Shape)
}

extension PyTorchEmitterError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .notAClassifier(output):
            return "the training script needs class scores at the end of the network, but its output is \(output);"
                + " end the spec with a dense layer (e.g. `dense 10 softmax`) or a global pooling"
        }
    }
}
