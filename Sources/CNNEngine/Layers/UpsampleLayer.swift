import CNNModel

/// `upsample N [nearest|bilinear]`: PyTorch's `nn.Upsample(scale_factor=N)`, no weights.
final class UpsampleLayer: UnaryNetworkLayer {
    let layer: Layer
    private let height: Int, width: Int, channels: Int
    /// The source rows and columns of every output row and column, computed once.
    private let rows: [UpsampleKernels.Tap], columns: [UpsampleKernels.Tap]

    init(_ layer: Layer, upsample: Upsample) {
        guard case let .image(h, w, c) = layer.inputShape, case let .image(oh, ow, _) = layer.outputShape else {
            preconditionFailure("\(layer.name) is not an upsample of an image")
        }
        self.layer = layer
        (height, width, channels) = (h, w, c)
        let bilinear = upsample.mode == .bilinear
        rows = UpsampleKernels.taps(outputLength: oh, inputLength: h, factor: upsample.factor.height, bilinear: bilinear)
        columns = UpsampleKernels.taps(outputLength: ow, inputLength: w, factor: upsample.factor.width, bilinear: bilinear)
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        UpsampleKernels.forward(input: input, output: output, batch: batch, height: height, width: width,
                                channels: channels, rows: rows, columns: columns)
    }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        guard let inputGradient else { return }
        UpsampleKernels.backward(gradient: gradient, into: inputGradient, batch: batch, height: height, width: width,
                                 channels: channels, rows: rows, columns: columns)
    }
}
