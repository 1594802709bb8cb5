/// Why a `Network` rejected an input batch or a set of weights.
public enum NetworkError: Error, Hashable, Sendable {
    /// The input tensor's shape is not `[N] + model.input.dimensions`.
    case inputShape(expected: [String], found: [Int])
    /// The model has a weight tensor that the loaded set lacks.
    case missingWeight(name: String, expected: [Int])
    /// The loaded set has a tensor the model does not.
    case unexpectedWeight(name: String, found: [Int])
    /// A tensor whose shape differs from the model's.
    case weightShape(name: String, expected: [Int], found: [Int])
}

extension NetworkError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .inputShape(expected, found):
            return "the input has shape \(found), but the network expects [\(expected.joined(separator: ", "))]"
        case let .missingWeight(name, expected):
            return "missing tensor '\(name)': the model expects one of shape \(expected)"
        case let .unexpectedWeight(name, found):
            return "unexpected tensor '\(name)' of shape \(found): the model has no weight of that name"
        case let .weightShape(name, expected, found):
            return "tensor '\(name)' has shape \(found), but the model expects \(expected)"
        }
    }
}
