import CNNModel

/// A standalone activation layer (`relu`, `softmax`, ...); softmax acts over the channels.
final class ActivationLayer: UnaryNetworkLayer {
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

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        guard let inputGradient else { return }
        activationBackward(activation, input: input, output: output, gradient: gradient, batch: batch,
                           beforeSoftmax: beforeSoftmax)
        ElementwiseKernels.copy(from: gradient, to: inputGradient, count: batch * layer.inputShape.elementCount)
    }
}
