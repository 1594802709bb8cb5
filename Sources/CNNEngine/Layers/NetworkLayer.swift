import CNNModel

/// One executable layer of a `Network`: owns its weights (in whatever layout its kernel wants) and
/// runs its forward and backward passes on whole batches.
///
/// Values are NHWC buffers owned by the network: `forward` reads `[batch] + inputShapes[k]` from
/// `inputs[k]` and writes `[batch] + outputShape`. In training the network keeps every value, so
/// a `backward` beside `forward` in the layer's file finds its inputs and output there; a layer
/// keeps only weights and scratch space of its own. Most layers have one input and conform to
/// `UnaryNetworkLayer`, which maps these calls onto single buffers.
protocol NetworkLayer: AnyObject {
    /// The checked description this layer executes.
    var layer: Layer { get }

    /// The weights in `layer.parameterTensors` order, with PyTorch's shapes and layouts.
    var parameters: [Tensor] { get }

    /// Replaces the weights; `tensors` match `layer.parameterTensors` in order and shape (the network checks).
    func load(_ tensors: [Tensor])

    /// The kernel `forward` runs, for profiles: `gemm 6x16`, `maxpool`, ...
    var kernelName: String { get }

    /// Computes `output` from `inputs` (one per `layer.inputs`) for `batch` samples.
    func forward(_ inputs: [FloatBuffer], into output: FloatBuffer, batch: Int)

    // MARK: Training

    /// The weights an optimizer updates, in the layer's internal layout, each with its gradient.
    var trainableParameters: [Parameter] { get }

    /// Re-derives packed or folded state after an optimizer step changed `trainableParameters`.
    func parametersDidChange()

    /// The forward pass of training: dropout draws its mask from `generator`, batchnorm uses and
    /// updates batch statistics. Other layers compute exactly `forward`.
    func forwardTraining(_ inputs: [FloatBuffer], into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator)

    /// Given `gradient` = dL/d`output` (which it may overwrite), writes dL/d`inputs[k]` into
    /// `inputGradients[k]` (overwriting; nil where nobody needs it) and the weight gradients into
    /// `trainableParameters`. `beforeSoftmax`: the gradient is already taken before this layer's
    /// final softmax (the loss fuses softmax and cross-entropy).
    func backward(inputs: [FloatBuffer], output: FloatBuffer, gradient: FloatBuffer, inputGradients: [FloatBuffer?],
                  batch: Int, beforeSoftmax: Bool)
}

extension NetworkLayer {
    /// Most layers run a kernel of their own name.
    var kernelName: String { layer.operation.keyword }
    var parameters: [Tensor] { [] }
    func load(_ tensors: [Tensor]) {}
    var trainableParameters: [Parameter] { [] }
    func parametersDidChange() {}

    func forwardTraining(_ inputs: [FloatBuffer], into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        forward(inputs, into: output, batch: batch)
    }

    /// The gradient of a layer's own `activation` applied to its `output`, in place; `input` is the
    /// value before the activation, which silu, gelu, mish and hardswish need.
    func activationBackward(_ activation: Activation?, input: FloatBuffer? = nil, output: FloatBuffer,
                            gradient: FloatBuffer, batch: Int, beforeSoftmax: Bool) {
        guard let activation, !(beforeSoftmax && activation == .softmax) else { return }
        GradientKernels.activation(activation, input: input, output: output, gradient: gradient,
                                   count: batch * layer.outputShape.elementCount, channels: layer.outputShape.channels)
    }
}

/// A layer with one input: every layer but a merge.
protocol UnaryNetworkLayer: NetworkLayer {
    func forward(_ input: FloatBuffer, into output: FloatBuffer, batch: Int)
    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int, generator: inout SeededGenerator)
    /// Writes dL/d`input` into `inputGradient` (nil when nobody needs it).
    func backward(input: FloatBuffer, output: FloatBuffer, gradient: FloatBuffer, inputGradient: FloatBuffer?,
                  batch: Int, beforeSoftmax: Bool)
}

extension UnaryNetworkLayer {
    func forwardTraining(_ input: FloatBuffer, into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        forward(input, into: output, batch: batch)
    }

    func forward(_ inputs: [FloatBuffer], into output: FloatBuffer, batch: Int) {
        forward(inputs[0], into: output, batch: batch)
    }

    func forwardTraining(_ inputs: [FloatBuffer], into output: FloatBuffer, batch: Int,
                         generator: inout SeededGenerator) {
        forwardTraining(inputs[0], into: output, batch: batch, generator: &generator)
    }

    func backward(inputs: [FloatBuffer], output: FloatBuffer, gradient: FloatBuffer, inputGradients: [FloatBuffer?],
                  batch: Int, beforeSoftmax: Bool) {
        backward(input: inputs[0], output: output, gradient: gradient, inputGradient: inputGradients[0], batch: batch,
                 beforeSoftmax: beforeSoftmax)
    }
}

/// The executable layer for `layer`, its weights drawn from `generator` when it has any.
func makeNetworkLayer(_ layer: Layer, generator: inout SeededGenerator) -> NetworkLayer {
    switch layer.operation {
    case let .convolution(conv):
        return ConvolutionLayer(layer, convolution: conv, generator: &generator)
    case let .deconvolution(deconv):
        return DeconvolutionLayer(layer, deconvolution: deconv, generator: &generator)
    case .pooling, .globalPooling:
        return PoolingLayer(layer)
    case let .upsample(upsample):
        return UpsampleLayer(layer, upsample: upsample)
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
    case let .merge(kind):
        return MergeLayer(layer, kind: kind)
    }
}
