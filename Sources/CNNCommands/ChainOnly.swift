import CNNModel

/// What `emit --target swift` cannot take yet: models that branch, and the layers
/// that came with branching (deconv, upsample, merges, ceil pooling, the newer activations).
/// Every other command takes every model.
enum ChainOnly {
    /// Throws a one-line failure naming the first thing `command` cannot handle in `model`.
    static func require(_ model: Model, for command: String) throws(CommandFailure) {
        guard let feature = unsupportedFeature(of: model) else { return }
        throw CommandFailure("'cnnc \(command)' does not handle \(feature) yet; it takes chains of the classic"
            + " layers, while every other command and target takes every model")
    }

    static func unsupportedFeature(of model: Model) -> String? {
        for layer in model.layers {
            switch layer.operation {
            case .merge, .deconvolution, .upsample:
                return "\(layer.operation.keyword) ('\(layer.name)')"
            case let .pooling(pool) where pool.ceilMode:
                return "ceil pooling ('\(layer.name)')"
            default:
                break
            }
            if let activation = layer.activation, !classicActivations.contains(activation.keyword) {
                return "\(activation.keyword) ('\(layer.name)')"
            }
        }
        if model.outputs.count > 1 { return "a model with several outputs" }
        if !model.isChain { return "references that branch the model" }
        return nil
    }

    private static let classicActivations: Set = ["relu", "leakyrelu", "sigmoid", "tanh", "softmax", "linear"]
}
