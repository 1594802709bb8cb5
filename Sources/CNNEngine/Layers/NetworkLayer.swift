import CNNModel

/// One executable layer of a `Network`: owns its weights (in whatever layout its kernel wants) and
/// runs its forward pass on whole batches.
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
}

extension NetworkLayer {
    var parameters: [Tensor] { [] }
    func load(_ tensors: [Tensor]) {}
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
    case .dropout:
        return DropoutLayer(layer)
    case let .batchNorm(settings):
        return BatchNormLayer(layer, settings: settings)
    case let .localResponseNorm(settings):
        return LocalResponseNormLayer(layer, settings: settings)
    case let .activation(activation):
        return ActivationLayer(layer, activation: activation)
    }
}
