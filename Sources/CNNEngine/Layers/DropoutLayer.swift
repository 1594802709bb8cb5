import CNNModel

/// `dropout P`: the identity at inference; in training each value is kept with probability
/// 1 - P and scaled by 1 / (1 - P) ("inverted" dropout, as PyTorch), so inference needs no rescaling.
final class DropoutLayer: UnaryNetworkLayer {
    let layer: Layer
    let rate: Float
    /// The last training mask: 0 or 1 / (1 - P) per value.
    private var mask = FloatBuffer(count: 0)

    init(_ layer: Layer, rate: Float) {
        self.layer = layer
        self.rate = rate
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        ElementwiseKernels.copy(from: input, to: output, count: batch * layer.inputShape.elementCount)
    }

    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        let count = batch * layer.inputShape.elementCount
        if mask.count < count { mask = FloatBuffer(count: count) }
        let keep = 1 - rate
        for i in 0..<count { mask[i] = generator.nextUnit() < keep ? 1 / keep : 0 }
        GradientKernels.multiply(input, by: mask, into: output, count: count)
    }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        guard let inputGradient else { return }
        GradientKernels.multiply(gradient, by: mask, into: inputGradient, count: batch * layer.inputShape.elementCount)
    }
}
