import CNNModel

/// What a picture of the network says about one layer (or the input): the lines of its box.
///
/// Shared by the DOT and SVG writers so both show the same facts in the same words.
public struct LayerCaption: Hashable, Sendable {
    /// The layer name (`conv1`), or `input`.
    public var title: String
    /// The layer as the spec language writes it: `conv 6 5x5 s2 same relu`.
    public var settings: String
    /// The output shape of one sample: `24x24x6`.
    public var output: String
    /// `156 params`, `0 params`, or `4 params (2 trainable)` when some are frozen.
    public var parameters: String
    public var kind: Kind

    /// Broad families of layers, which the pictures colour alike.
    public enum Kind: String, Hashable, Sendable {
        case input, convolution, pooling, dense, normalization, activation, reshape, dropout, merge
    }

    public init(layer: Layer) {
        title = layer.name
        settings = layer.operation.specText
        output = layer.outputShape.description
        let frozen = layer.nonTrainableParameterCount
        parameters = "\(CountFormat.grouped(layer.parameterCount)) params"
            + (frozen > 0 ? " (\(CountFormat.grouped(layer.trainableParameterCount)) trainable)" : "")
        kind = Kind(layer.operation)
    }

    /// The caption of the model's input.
    public init(input: Shape) {
        title = "input"
        settings = ""
        output = input.description
        parameters = ""
        kind = .input
    }

    /// The title first, then every non-empty line.
    public var lines: [String] {
        [title, settings, output, parameters].filter { !$0.isEmpty }
    }

    /// Every caption of `model`, the input first.
    public static func all(_ model: Model) -> [LayerCaption] {
        [LayerCaption(input: model.input)] + model.layers.map(LayerCaption.init(layer:))
    }
}

extension LayerCaption.Kind {
    init(_ operation: Operation) {
        switch operation {
        case .convolution, .deconvolution: self = .convolution
        case .pooling, .globalPooling: self = .pooling
        case .upsample: self = .reshape
        case .merge: self = .merge
        case .dense: self = .dense
        case .batchNorm, .localResponseNorm: self = .normalization
        case .activation: self = .activation
        case .flatten: self = .reshape
        case .dropout: self = .dropout
        }
    }
}
