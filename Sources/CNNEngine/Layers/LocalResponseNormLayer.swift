import CNNModel

/// `lrn`: AlexNet's local response normalisation across channels, exactly PyTorch's `LocalResponseNorm`.
final class LocalResponseNormLayer: UnaryNetworkLayer {
    let layer: Layer
    let settings: LocalResponseNorm

    init(_ layer: Layer, settings: LocalResponseNorm) {
        self.layer = layer
        self.settings = settings
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        let channels = layer.inputShape.channels
        ElementwiseKernels.localResponseNorm(
            input: input, output: output, positions: batch * layer.inputShape.elementCount / channels,
            channels: channels, settings: settings)
    }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        guard let inputGradient else { return }
        let channels = layer.inputShape.channels
        GradientKernels.localResponseNorm(
            input: input, gradient: gradient, into: inputGradient,
            positions: batch * layer.inputShape.elementCount / channels, channels: channels, settings: settings)
    }
}
