import CNNModel

/// A standalone activation layer (`relu`, `softmax`, ...); softmax acts over the channels.
final class ActivationLayer: NetworkLayer {
    let layer: Layer
    let activation: Activation

    init(_ layer: Layer, activation: Activation) {
        self.layer = layer
        self.activation = activation
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        let count = batch * layer.inputShape.elementCount
        ElementwiseKernels.copy(from: input, to: output, count: count)
        ElementwiseKernels.apply(activation, to: output, count: count, channels: layer.inputShape.channels)
    }
}
