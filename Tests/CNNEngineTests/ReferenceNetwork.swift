@testable import CNNEngine
import CNNModel

/// A naive forward pass over the model's graph built only from `ReferenceKernels` and PyTorch-layout
/// weights: the independent twin of `Network.forward`. Input and outputs NHWC, as the engine's;
/// every value is kept, and each layer reads its inputs by `ValueID`.
enum ReferenceNetwork {
    /// The first output.
    static func forward(model: Model, weights: [String: Tensor], input: [Float], batch: Int) -> [Float] {
        forwardAll(model: model, weights: weights, input: input, batch: batch)[0]
    }

    /// Every output, in `model.outputs` order.
    static func forwardAll(model: Model, weights: [String: Tensor], input: [Float], batch: Int) -> [[Float]] {
        var values = [input]
        for layer in model.layers {
            let inputs = layer.inputs.map { values[$0.rawValue] }
            values.append(apply(layer, inputs, weights: weights, batch: batch))
        }
        return model.outputs.map { values[$0.value.rawValue] }
    }

    private static func apply(_ layer: Layer, _ inputs: [[Float]], weights: [String: Tensor], batch: Int) -> [Float] {
        let weight = weights["\(layer.name).weight"]?.scalars ?? []
        let bias = weights["\(layer.name).bias"]?.scalars
        let x = inputs[0]
        switch layer.operation {
        case let .convolution(conv):
            let geometry = ConvolutionGeometry(layer)!
            let values = ReferenceKernels.convolution(x, batch: batch, geometry: geometry, weights: weight, bias: bias)
            return ReferenceKernels.activation(conv.activation ?? .linear, values, channels: geometry.filters)
        case let .deconvolution(deconv):
            let values = ReferenceKernels.deconvolution(x, batch: batch, layer: layer, weights: weight, bias: bias)
            return ReferenceKernels.activation(deconv.activation ?? .linear, values, channels: deconv.filters)
        case .pooling, .globalPooling:
            return ReferenceKernels.pooling(x, batch: batch, geometry: PoolingGeometry(layer)!)
        case let .upsample(upsample):
            return ReferenceKernels.upsample(x, batch: batch, layer: layer, upsample: upsample)
        case .flatten:
            return flattened(x, layer: layer, batch: batch)
        case let .dense(dense):
            let values = ReferenceKernels.dense(flattened(x, layer: layer, batch: batch), batch: batch, weights: weight,
                                                bias: bias, inputs: layer.inputShape.elementCount, outputs: dense.units)
            return ReferenceKernels.activation(dense.activation ?? .linear, values, channels: dense.units)
        case .dropout:
            return x
        case let .batchNorm(settings):
            return ReferenceKernels.batchNorm(
                x, channels: layer.inputShape.channels, weight: weight, bias: bias ?? [],
                mean: weights["\(layer.name).running_mean"]!.scalars,
                variance: weights["\(layer.name).running_var"]!.scalars, epsilon: settings.epsilon)
        case let .localResponseNorm(settings):
            return ReferenceKernels.localResponseNorm(x, channels: layer.inputShape.channels, settings: settings)
        case let .activation(activation):
            return ReferenceKernels.activation(activation, x, channels: layer.inputShape.channels)
        case let .merge(kind):
            return ReferenceKernels.merge(kind, inputs, layer: layer, batch: batch)
        }
    }

    private static func flattened(_ values: [Float], layer: Layer, batch: Int) -> [Float] {
        guard case let .image(h, w, c) = layer.inputShape else { return values }
        return ReferenceKernels.flattenToCHW(values, batch: batch, height: h, width: w, channels: c)
    }
}
