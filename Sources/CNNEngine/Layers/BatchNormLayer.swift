import CNNModel

/// `batchnorm`: per-channel normalisation with the running statistics (inference).
///
/// `y = (x - running_mean) / sqrt(running_var + eps) * weight + bias`, folded at load time into
/// one scale and shift per channel. Training normalises with the batch's statistics and moves the
/// running ones by `momentum` (PyTorch: the running variance takes the unbiased batch variance).
final class BatchNormLayer: UnaryNetworkLayer {
    let layer: Layer
    let settings: BatchNorm
    let channels: Int
    let weight: Parameter
    let bias: Parameter
    private(set) var runningMean: [Float]
    private(set) var runningVariance: [Float]
    /// The running statistics and affine weights folded per channel: `y = x * scale + shift`.
    private(set) var inferenceScale: [Float]
    private(set) var inferenceShift: [Float]
    /// From the last training forward pass: x-hat, and the batch's statistics.
    private var normalized = FloatBuffer(count: 0)
    private var statistics: BatchNormKernels.Statistics

    init(_ layer: Layer, settings: BatchNorm) {
        self.layer = layer
        self.settings = settings
        channels = layer.inputShape.channels
        weight = Parameter([Float](repeating: 1, count: channels))
        bias = Parameter([Float](repeating: 0, count: channels))
        statistics = BatchNormKernels.Statistics(channels: channels)
        (inferenceScale, inferenceShift) = (weight.value, bias.value)
        runningMean = [Float](repeating: 0, count: channels)
        runningVariance = [Float](repeating: 1, count: channels)
        fold()
    }

    var parameters: [Tensor] {
        [weight.value, bias.value, runningMean, runningVariance].map { Tensor(shape: [channels], scalars: $0) }
    }

    func load(_ tensors: [Tensor]) {
        weight.value = tensors[0].scalars
        bias.value = tensors[1].scalars
        runningMean = tensors[2].scalars
        runningVariance = tensors[3].scalars
        fold()
    }

    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int) {
        ElementwiseKernels.scaleAndShift(input: input, output: output,
                                         positions: batch * layer.inputShape.elementCount / channels,
                                         channels: channels, scale: inferenceScale, shift: inferenceShift)
    }

    var trainableParameters: [Parameter] { [weight, bias] }

    func parametersDidChange() { fold() }

    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        let count = batch * layer.inputShape.elementCount, positions = count / channels
        if normalized.count < count { normalized = FloatBuffer(count: count) }
        BatchNormKernels.forward(
            input: input, output: output, normalized: normalized, positions: positions, channels: channels,
            weight: weight.value, bias: bias.value, epsilon: settings.epsilon, statistics: &statistics)
        let m = settings.momentum, unbiased = positions > 1 ? Float(positions) / Float(positions - 1) : 1
        for c in 0..<channels {
            runningMean[c] = (1 - m) * runningMean[c] + m * statistics.mean[c]
            runningVariance[c] = (1 - m) * runningVariance[c] + m * statistics.variance[c] * unbiased
        }
        fold()
    }

    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool) {
        BatchNormKernels.backward(
            gradient: gradient, normalized: normalized, inputGradient: inputGradient,
            positions: batch * layer.inputShape.elementCount / channels, channels: channels, weight: weight.value,
            inverseDeviation: statistics.inverseDeviation, weightGradient: &weight.gradient, biasGradient: &bias.gradient)
    }

    /// Folds the running statistics and the affine weights into one scale and shift per channel, in place.
    private func fold() {
        for c in 0..<channels {
            inferenceScale[c] = weight.value[c] / (runningVariance[c] + settings.epsilon).squareRoot()
            inferenceShift[c] = bias.value[c] - runningMean[c] * inferenceScale[c]
        }
    }
}
