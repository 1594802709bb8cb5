import CNNModel

/// Darknet's activation words and the cnnc activations that compute the same function.
///
/// Darknet's `leaky` has slope 0.1 (PyTorch's default is 0.01), `logistic` is the sigmoid and
/// `swish` is `x * sigmoid(x)`. Others (`elu`, `selu`, `ramp`, `plse`, `stair`, `hardtan`,
/// `lhtan`, `loggy`, and AlexeyAB's tanh-approximated `gelu`) have no exact equal and are refused.
enum DarknetActivation {
    static let table: [(word: String, activation: Activation?)] = [
        ("linear", nil),
        ("leaky", .leakyReLU(alpha: 0.1)),
        ("relu", .relu),
        ("logistic", .sigmoid),
        ("tanh", .tanh),
        ("relu6", .relu6),
        ("mish", .mish),
        ("swish", .silu),
    ]

    static var supportedWords: [String] { table.map(\.word) }

    /// `.some(nil)` for `linear`; nil for a word cnnc cannot compute exactly.
    static func named(_ word: String) -> Activation?? {
        guard let entry = table.first(where: { $0.word == word }) else { return nil }
        return .some(entry.activation)
    }

    /// The Darknet word, for layer names (`l3_leaky`).
    static func word(for activation: Activation) -> String {
        table.first { $0.activation == activation }?.word ?? activation.keyword
    }
}
