/// Parameter and MAC counts, as Keras' `model.summary()` and torchinfo report them.
extension Layer {
    /// Every weight of the layer, trainable or not.
    public var parameterCount: Int {
        parameterTensors.reduce(0) { $0 + $1.elementCount }
    }

    /// Parameters an optimizer updates: not batchnorm's running statistics, not fixed filters.
    public var trainableParameterCount: Int {
        parameterTensors.filter(\.isTrainable).reduce(0) { $0 + $1.elementCount }
    }

    public var nonTrainableParameterCount: Int { parameterCount - trainableParameterCount }

    /// Multiply-accumulates for one sample: conv `Ho*Wo*F*KH*KW*(C/g)`, deconv `Hi*Wi*C*KH*KW*(F/g)`
    /// (each input pixel scattered through its filters), dense `in*out`, others 0.
    public var macs: Int {
        switch operation {
        case let .convolution(conv):
            return outputShape.elementCount * conv.kernel.area * (inputShape.channels / conv.groups)
        case let .deconvolution(deconv):
            return inputShape.elementCount * deconv.kernel.area * (deconv.filters / deconv.groups)
        case .dense:
            return inputShape.elementCount * outputShape.elementCount
        default:
            return 0
        }
    }

    /// The weight tensors in PyTorch's names, shapes and order: the safetensors contract.
    ///
    /// conv `weight [F, C/g, KH, KW]`, `bias [F]`; deconv `weight [C, F/g, KH, KW]`, `bias [F]`; dense `weight [out, in]` (in in C x H x W order),
    /// `bias [out]`; batchnorm `weight`, `bias`, `running_mean`, `running_var`, each `[C]`.
    public var parameterTensors: [ParameterTensor] {
        func tensor(_ suffix: String, _ shape: [Int], trainable: Bool = true) -> ParameterTensor {
            ParameterTensor(name: "\(name).\(suffix)", shape: shape, isTrainable: trainable)
        }
        switch operation {
        case let .convolution(conv):
            let trainable = conv.fixedFilter == nil
            let c = inputShape.channels / conv.groups
            var tensors = [tensor("weight", [conv.filters, c, conv.kernel.height, conv.kernel.width],
                                  trainable: trainable)]
            if conv.bias { tensors.append(tensor("bias", [conv.filters], trainable: trainable)) }
            return tensors
        case let .deconvolution(deconv):
            var tensors = [tensor("weight", [inputShape.channels, deconv.filters / deconv.groups,
                                             deconv.kernel.height, deconv.kernel.width])]
            if deconv.bias { tensors.append(tensor("bias", [deconv.filters])) }
            return tensors
        case let .dense(dense):
            var tensors = [tensor("weight", [dense.units, inputShape.elementCount])]
            if dense.bias { tensors.append(tensor("bias", [dense.units])) }
            return tensors
        case .batchNorm:
            let c = inputShape.channels
            return [tensor("weight", [c]), tensor("bias", [c]),
                    tensor("running_mean", [c], trainable: false),
                    tensor("running_var", [c], trainable: false)]
        default:
            return []
        }
    }
}

/// One named weight tensor of a layer.
public struct ParameterTensor: Hashable, Sendable {
    /// `<layer>.<weight|bias|running_mean|running_var>`, as in a PyTorch `state_dict`.
    public var name: String
    /// PyTorch's shape, outermost first.
    public var shape: [Int]
    public var isTrainable: Bool

    public var elementCount: Int { shape.reduce(1, *) }
}

extension Model {
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
    public var trainableParameterCount: Int { layers.reduce(0) { $0 + $1.trainableParameterCount } }
    public var nonTrainableParameterCount: Int { parameterCount - trainableParameterCount }
    public var macs: Int { layers.reduce(0) { $0 + $1.macs } }
    /// FLOPs counted as 2 per MAC, the usual convention.
    public var flops: Int { 2 * macs }
    /// All weight tensors of the model in layer order.
    public var parameterTensors: [ParameterTensor] { layers.flatMap(\.parameterTensors) }
}
