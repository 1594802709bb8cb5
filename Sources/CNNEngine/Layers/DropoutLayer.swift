import CNNModel

/// `dropout P`: the identity at inference (training scales the kept values by 1 / (1 - P) instead).
final class DropoutLayer: NetworkLayer {
    let layer: Layer

    init(_ layer: Layer) {
        self.layer = layer
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        ElementwiseKernels.copy(from: input, to: output, count: batch * layer.inputShape.elementCount)
    }
}
