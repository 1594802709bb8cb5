import CNNModel

/// What `cnnc summary` reports about a model: one row per layer, totals, and memory for a batch.
///
/// Everything comes from `Model` (shapes, counts, receptive fields); the renderers only lay it out.
public struct Summary: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// 1-based position in the model.
        public var index: Int
        public var name: String
        /// The spec keyword (`conv`, `maxpool`, ...), the JSON `kind`.
        public var kind: String
        /// Settings as summaries write them: `conv 5x5/1 valid relu`, `dense relu (flattens 4x4x16)`.
        public var type: String
        public var output: Shape
        public var parameters: Int
        public var trainableParameters: Int
        public var macs: Int
        public var receptiveField: Size2
    }

    /// Bytes of float32 storage for a batch, estimated the way Keras and torchinfo users reason.
    public struct Memory: Hashable, Sendable {
        public var batch: Int
        /// `N * input elements * 4`.
        public var input: Int
        /// Every layer output for the batch: `N * sum(output elements) * 4`.
        public var inferenceActivations: Int
        /// Activations and their gradients, all parameters, gradients of the trainable ones and
        /// Adam's two moments: `2 * activations + (params + 3 * trainable) * 4`.
        public var training: Int
    }

    public var input: Shape
    public var rows: [Row]
    public var totalParameters: Int
    public var trainableParameters: Int
    public var nonTrainableParameters: Int { totalParameters - trainableParameters }
    public var totalMACs: Int
    public var totalFLOPs: Int { 2 * totalMACs }
    public var memory: Memory

    public static let bytesPerScalar = 4

    public init(model: Model, batch: Int = 1) {
        input = model.input
        rows = zip(model.layers, model.receptiveFields).enumerated().map { index, pair in
            let (layer, field) = pair
            return Row(index: index + 1, name: layer.name, kind: layer.operation.keyword,
                       type: Summary.typeDescription(of: layer), output: layer.outputShape,
                       parameters: layer.parameterCount, trainableParameters: layer.trainableParameterCount,
                       macs: layer.macs, receptiveField: field.field)
        }
        totalParameters = model.parameterCount
        trainableParameters = model.trainableParameterCount
        totalMACs = model.macs
        let activations = batch * model.layers.reduce(0) { $0 + $1.outputShape.elementCount } * Summary.bytesPerScalar
        memory = Memory(
            batch: batch,
            input: batch * model.input.elementCount * Summary.bytesPerScalar,
            inferenceActivations: activations,
            training: 2 * activations + (totalParameters + 3 * trainableParameters) * Summary.bytesPerScalar)
    }

    /// `conv 5x5/1 valid relu`, `maxpool 2x2/2`, `dense relu (flattens 4x4x16)`, `dropout 0.5`.
    static func typeDescription(of layer: Layer) -> String {
        var words: [String]
        switch layer.operation {
        case let .convolution(conv):
            words = ["conv", "\(conv.kernel)/\(strideText(conv.stride))", conv.padding.description]
            if conv.dilation != .one { words.append("d\(strideText(conv.dilation))") }
            if conv.groups != 1 { words.append("g\(conv.groups)") }
            if let activation = conv.activation { words.append(activation.description) }
            if !conv.bias { words.append("nobias") }
            if let filter = conv.fixedFilter { words.append("weights=\(filter.rawValue)") }
        case let .pooling(pool):
            words = [layer.operation.keyword, "\(pool.window)/\(strideText(pool.stride))"]
            if pool.padding != .valid { words.append(pool.padding.description) }
        case let .dense(dense):
            words = ["dense"]
            if let activation = dense.activation { words.append(activation.description) }
            if !dense.bias { words.append("nobias") }
            if layer.flattensInput { words.append("(flattens \(layer.inputShape))") }
        default:
            words = [layer.operation.specText]
        }
        return words.joined(separator: " ")
    }

    private static func strideText(_ size: Size2) -> String {
        size.isSquare ? "\(size.height)" : "\(size)"
    }
}
