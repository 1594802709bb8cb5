import CNNModel

/// Initial weights when none are loaded: uniform He (Kaiming) for layers followed by a relu-family
/// activation, uniform Glorot (Xavier) otherwise; biases zero.
///
/// Fans follow PyTorch's `_calculate_fan_in_and_fan_out` on the PyTorch-layout weight:
/// `fan_in = C/g * KH * KW`, `fan_out = F * KH * KW` for conv, `in` and `out` for dense.
/// Uniform draws need only a square root, which IEEE rounds exactly: same seed, same bits everywhere.
enum WeightInitializer {
    /// `count` weights for a layer with the given fans, drawn in order from `generator`.
    static func weights(count: Int, fanIn: Int, fanOut: Int, activation: Activation?,
                        generator: inout SeededGenerator) -> [Float] {
        let limit: Float
        if activation?.isReLUFamily == true {
            limit = (6 / Float(max(fanIn, 1))).squareRoot()
        } else {
            limit = (6 / Float(max(fanIn + fanOut, 1))).squareRoot()
        }
        var weights = [Float](repeating: 0, count: count)
        for index in weights.indices { weights[index] = generator.nextSymmetric(limit) }
        return weights
    }
}
