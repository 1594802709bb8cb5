import CNNModel

/// A naive forward pass over a model's graph built only from `ReferenceKernels` and weights in
/// PyTorch's names and layouts (`conv1.weight [F, C/g, KH, KW]`, ...): the independent twin of
/// `Network.forward` and of the emitted PyTorch module. Input `[batch, H, W, C]` (NHWC) or
/// `[batch, N]`, outputs in the same layouts; every value is kept, and each layer reads its
/// inputs by `ValueID`. A missing weight, or one of the wrong size, stops the test run.
public enum ReferenceNetwork {
    /// The first output.
    public static func forward(model: Model, weights: [String: [Float]], input: [Float], batch: Int = 1) -> [Float] {
        forwardAll(model: model, weights: weights, input: input, batch: batch)[0]
    }

    /// Every output, in `model.outputs` order.
    public static func forwardAll(model: Model, weights: [String: [Float]], input: [Float], batch: Int = 1)
        -> [[Float]]
    {
        var values = [input]
        for layer in model.layers {
            let inputs = layer.inputs.map { values[$0.rawValue] }
            values.append(apply(layer, inputs, weights: weights, batch: batch))
        }
        return model.outputs.map { values[$0.value.rawValue] }
    }

    private static func apply(_ layer: Layer, _ inputs: [[Float]], weights: [String: [Float]], batch: Int) -> [Float] {
        func parameter(_ suffix: String, count: Int) -> [Float] {
            let name = "\(layer.name).\(suffix)"
            guard let values = weights[name], values.count == count else {
                preconditionFailure("the reference needs \(name) with \(count) values")
            }
            return values
        }
        let x = inputs[0], channels = layer.inputShape.channels
        switch layer.operation {
        case let .convolution(conv):
            let count = layer.parameterTensors.first?.elementCount ?? 0
            let values = ReferenceKernels.convolution(x, batch: batch, layer: layer, weights: parameter("weight", count: count),
                                                      bias: conv.bias ? parameter("bias", count: conv.filters) : nil)
            return ReferenceKernels.activation(conv.activation ?? .linear, values, channels: conv.filters)
        case let .deconvolution(deconv):
            let count = layer.parameterTensors.first?.elementCount ?? 0
            let values = ReferenceKernels.deconvolution(x, batch: batch, layer: layer, weights: parameter("weight", count: count),
                                                        bias: deconv.bias ? parameter("bias", count: deconv.filters) : nil)
            return ReferenceKernels.activation(deconv.activation ?? .linear, values, channels: deconv.filters)
        case .pooling, .globalPooling:
            return ReferenceKernels.pooling(x, batch: batch, layer: layer)
        case let .upsample(upsample):
            return ReferenceKernels.upsample(x, batch: batch, layer: layer, upsample: upsample)
        case .flatten:
            return flattened(x, layer: layer, batch: batch)
        case let .dense(dense):
            let inputs = layer.inputShape.elementCount
            let values = ReferenceKernels.dense(flattened(x, layer: layer, batch: batch), batch: batch,
                                                weights: parameter("weight", count: inputs * dense.units),
                                                bias: dense.bias ? parameter("bias", count: dense.units) : nil,
                                                inputs: inputs, outputs: dense.units)
            return ReferenceKernels.activation(dense.activation ?? .linear, values, channels: dense.units)
        case .dropout:
            return x
        case let .batchNorm(settings):
            return ReferenceKernels.batchNorm(
                x, channels: channels, weight: parameter("weight", count: channels), bias: parameter("bias", count: channels),
                mean: parameter("running_mean", count: channels), variance: parameter("running_var", count: channels),
                epsilon: settings.epsilon)
        case let .localResponseNorm(settings):
            return ReferenceKernels.localResponseNorm(x, channels: channels, settings: settings)
        case let .activation(activation):
            return ReferenceKernels.activation(activation, x, channels: channels)
        case let .merge(kind):
            return ReferenceKernels.merge(kind, inputs, layer: layer, batch: batch)
        }
    }

    /// Images in PyTorch's flatten order; vectors as they are.
    private static func flattened(_ values: [Float], layer: Layer, batch: Int) -> [Float] {
        guard case let .image(h, w, c) = layer.inputShape else { return values }
        return ReferenceKernels.flattenToCHW(values, batch: batch, height: h, width: w, channels: c)
    }
}
