import CNNModel

/// One executable layer of a `Network`: owns its weights (in whatever layout its kernel wants) and
/// runs its forward and backward passes on whole batches.
///
/// Activations are NHWC buffers owned by the network: `forward` reads `[batch] + inputShape` and
/// writes `[batch] + outputShape`. The network keeps every layer's input and output, so a
/// `backward` added beside `forward` in the layer's file finds both there; a layer keeps only
/// weights and scratch space of its own.
protocol NetworkLayer: AnyObject {
    /// The checked description this layer executes.
    var layer: Layer { get }

    /// The weights in `layer.parameterTensors` order, with PyTorch's shapes and layouts.
    var parameters: [Tensor] { get }

    /// Replaces the weights; `tensors` match `layer.parameterTensors` in order and shape (the network checks).
    func load(_ tensors: [Tensor])

    /// Computes `output` from `input` for `batch` samples.
    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int)

    // MARK: Training

    /// The weights an optimizer updates, in the layer's internal layout, each with its gradient.
    var trainableParameters: [Parameter] { get }

    /// Re-derives packed or folded state after an optimizer step changed `trainableParameters`.
    func parametersDidChange()

    /// The forward pass of training: dropout draws its mask from `generator`, batchnorm uses and
    /// updates batch statistics. Other layers compute exactly `forward`.
    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator)

    /// Given `gradient` = dL/d`output` (which it may overwrite), writes dL/d`input` into
    /// `inputGradient` (nil for the first layer) and the weight gradients into `trainableParameters`.
    /// `beforeSoftmax`: the gradient is already taken before this layer's final softmax (the loss
    /// fuses softmax and cross-entropy).
    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool)
}

extension NetworkLayer {
    var parameters: [Tensor] { [] }
    func load(_ tensors: [Tensor]) {}
    var trainableParameters: [Parameter] { [] }
    func parametersDidChange() {}

    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        forward(input, into: output, batch: batch)
    }

    /// The gradient of a layer's own `activation` applied to its `output`, in place.
    func activationBackward(_ activation: Activation?, output: FloatBuffer, gradient: FloatBuffer, batch: Int,
                            beforeSoftmax: Bool) {
        guard let activation, !(beforeSoftmax && activation == .softmax) else { return }
        GradientKernels.activation(activation, output: output, gradient: gradient,
                                   count: batch * layer.outputShape.elementCount, channels: layer.outputShape.channels)
    }
}

/// The executable layer for `layer`, its weights drawn from `generator` when it has any.
func makeNetworkLayer(_ layer: Layer, generator: inout SeededGenerator) -> NetworkLayer {
    switch layer.operation {
    case let .convolution(conv):
        return ConvolutionLayer(layer, convolution: conv, generator: &generator)
    case .pooling, .globalPooling:
        return PoolingLayer(layer)
    case .flatten:
        return FlattenLayer(layer)
    case let .dense(dense):
        return DenseLayer(layer, dense: dense, generator: &generator)
    case let .dropout(rate):
        return DropoutLayer(layer, rate: rate)
    case let .batchNorm(settings):
        return BatchNormLayer(layer, settings: settings)
    case let .localResponseNorm(settings):
        return LocalResponseNormLayer(layer, settings: settings)
    case let .activation(activation):
        return ActivationLayer(layer, activation: activation)
    case .deconvolution, .upsample, .merge:
        preconditionFailure("\(layer.operation.keyword) does not run on the engine yet; the commands refuse it first")
    }
}
