@testable import CNNEngine
import CNNModel

/// A naive layer-by-layer forward pass built only from `ReferenceKernels` and PyTorch-layout
/// weights: the independent twin of `Network.forward`. Input and output NHWC, as the engine's.
enum ReferenceNetwork {
    static func forward(model: Model, weights: [String: Tensor], input: [Float], batch: Int) -> [Float] {
        var values = input
        for layer in model.layers {
            let weight = weights["\(layer.name).weight"]?.scalars ?? []
            let bias = weights["\(layer.name).bias"]?.scalars
            switch layer.operation {
            case let .convolution(conv):
                let geometry = ConvolutionGeometry(layer)!
                values = ReferenceKernels.convolution(values, batch: batch, geometry: geometry, weights: weight, bias: bias)
                values = ReferenceKernels.activation(conv.activation ?? .linear, values, channels: geometry.filters)
            case .pooling, .globalPooling:
                values = ReferenceKernels.pooling(values, batch: batch, geometry: PoolingGeometry(layer)!)
            case .flatten:
                values = flattened(values, layer: layer, batch: batch)
            case let .dense(dense):
                values = flattened(values, layer: layer, batch: batch)
                values = ReferenceKernels.dense(values, batch: batch, weights: weight, bias: bias,
                                                inputs: layer.inputShape.elementCount, outputs: dense.units)
                values = ReferenceKernels.activation(dense.activation ?? .linear, values, channels: dense.units)
            case .dropout:
                break
            case let .batchNorm(settings):
                values = ReferenceKernels.batchNorm(
                    values, channels: layer.inputShape.channels, weight: weight, bias: bias ?? [],
                    mean: weights["\(layer.name).running_mean"]!.scalars,
                    variance: weights["\(layer.name).running_var"]!.scalars, epsilon: settings.epsilon)
            case let .localResponseNorm(settings):
                values = ReferenceKernels.localResponseNorm(values, channels: layer.inputShape.channels, settings: settings)
            case let .activation(activation):
                values = ReferenceKernels.activation(activation, values, channels: layer.inputShape.channels)
            case .deconvolution, .upsample, .merge:
                fatalError("the reference network covers the layers of chains")
            }
        }
        return values
    }

    private static func flattened(_ values: [Float], layer: Layer, batch: Int) -> [Float] {
        guard case let .image(h, w, c) = layer.inputShape else { return values }
        return ReferenceKernels.flattenToCHW(values, batch: batch, height: h, width: w, channels: c)
    }
}
