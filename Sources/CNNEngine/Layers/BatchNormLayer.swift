import CNNModel

/// `batchnorm`: per-channel normalisation with the running statistics (inference).
///
/// `y = (x - running_mean) / sqrt(running_var + eps) * weight + bias`, folded at load time into
/// one scale and shift per channel.
final class BatchNormLayer: NetworkLayer {
    let layer: Layer
    let settings: BatchNorm
    let channels: Int
    private(set) var weight: [Float]
    private(set) var bias: [Float]
    private(set) var runningMean: [Float]
    private(set) var runningVariance: [Float]
    private var scale: [Float] = []
    private var shift: [Float] = []

    init(_ layer: Layer, settings: BatchNorm) {
        self.layer = layer
        self.settings = settings
        channels = layer.inputShape.channels
        weight = [Float](repeating: 1, count: channels)
        bias = [Float](repeating: 0, count: channels)
        runningMean = [Float](repeating: 0, count: channels)
        runningVariance = [Float](repeating: 1, count: channels)
        fold()
    }

    var parameters: [Tensor] {
        [weight, bias, runningMean, runningVariance].map { Tensor(shape: [channels], scalars: $0) }
    }

    func load(_ tensors: [Tensor]) {
        weight = tensors[0].scalars
        bias = tensors[1].scalars
        runningMean = tensors[2].scalars
        runningVariance = tensors[3].scalars
        fold()
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        ElementwiseKernels.scaleAndShift(input: input, output: output,
                                         positions: batch * layer.inputShape.elementCount / channels,
                                         channels: channels, scale: scale, shift: shift)
    }

    private func fold() {
        scale = (0..<channels).map { c in weight[c] / (runningVariance[c] + settings.epsilon).squareRoot() }
        shift = (0..<channels).map { c in bias[c] - runningMean[c] * scale[c] }
    }
}
