import CNNModel

/// `lrn`: AlexNet's local response normalisation across channels, exactly PyTorch's `LocalResponseNorm`.
final class LocalResponseNormLayer: NetworkLayer {
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
}
