import CNNModel

/// What `cnnc summary` reports about a model: one row per layer (or per collapsed block call),
/// totals, and memory for a batch.
///
/// Everything comes from `Model` (shapes, counts, receptive fields, liveness); the renderers only
/// lay it out.
public struct Summary: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// 1-based position in the table.
        public var index: Int
        public var name: String
        /// The spec keyword (`conv`, `maxpool`, `add`, ...), the JSON `kind`; `block` for a collapsed call.
        public var kind: String
        /// Settings as summaries write them: `conv 5x5/1 valid relu`, `dense relu (flattens 4x4x16)`,
        /// `fire 16 64` for a collapsed call.
        public var type: String
        public var output: Shape
        public var parameters: Int
        public var trainableParameters: Int
        public var macs: Int
        public var receptiveField: Size2
        /// The rows (or `input`) whose values this row reads: Keras' "connected to".
        public var inputs: [String]
    }

    /// Bytes of float32 storage for a batch, estimated the way Keras and torchinfo users reason.
    ///
    /// Each figure is nil when it does not fit in an `Int`: a model that checks can still have an
    /// input of 2^62 elements, and a batch multiplies everything. The renderers print `overflow`.
    public struct Memory: Hashable, Sendable {
        public var batch: Int
        /// `N * input elements * 4`.
        public var input: Int?
        /// Every layer output for the batch: `N * sum(output elements) * 4`.
        public var inferenceActivations: Int?
        /// The most layer outputs alive at once when each is freed after its last reader:
        /// `N * peak elements * 4`, what a planned inference really holds.
        public var peakActivations: Int?
        /// Activations and their gradients, all parameters, gradients of the trainable ones and
        /// Adam's two moments: `2 * activations + (params + 3 * trainable) * 4`.
        public var training: Int?
    }

    /// One output of the model.
    public struct Output: Hashable, Sendable {
        public var name: String
        public var shape: Shape
    }

    public var input: Shape
    /// True when the model takes an image of any height and width (no dense, no flatten):
    /// `cnnc run` follows the size of its images, and the figures are for `input`.
    public var anySpatialSize: Bool
    public var rows: [Row]
    public var outputs: [Output]
    /// True when some layer reads a value other than the one before it: the table shows inputs.
    public var branches: Bool
    public var totalParameters: Int
    public var trainableParameters: Int
    public var nonTrainableParameters: Int { totalParameters - trainableParameters }
    public var totalMACs: Int
    /// Two per MAC; nil if that overflows (the model builder keeps MACs below half of `Int.max`).
    public var totalFLOPs: Int? { checkedProduct(2, totalMACs) }
    public var memory: Memory

    public static let bytesPerScalar = 4

    /// What the text renderers print for a figure that does not fit in an `Int` (JSON writes null).
    public static let overflowText = "overflow"

    /// How the footers say that a fully convolutional model takes any size:
    /// `any HxWx1, fully convolutional (figures for 64x64x1)`.
    static func anySizeText(_ input: Shape) -> String {
        "any HxWx\(input.channels), fully convolutional (figures for \(input))"
    }

    /// `value` formatted, or `overflow`.
    static func figure(_ value: Int?, _ format: (Int) -> String) -> String {
        value.map(format) ?? overflowText
    }

    /// `depth`: block calls nested deeper than this collapse into one row each (nil: every layer).
    public init(model: Model, batch: Int = 1, depth: Int? = nil) {
        input = model.input
        anySpatialSize = model.acceptsAnySpatialSize
        rows = Summary.rows(model, depth: depth)
        outputs = model.outputs.map { Output(name: $0.name, shape: model.shape(of: $0.value)) }
        branches = !model.isChain
        totalParameters = model.parameterCount
        trainableParameters = model.trainableParameterCount
        totalMACs = model.macs
        memory = Memory(model: model, batch: batch)
    }

    /// One row per layer, except that the layers of a call deeper than `depth` share one row.
    private static func rows(_ model: Model, depth: Int?) -> [Row] {
        let fields = model.receptiveFields
        // The row that shows each layer: itself, or the collapsed call it is part of.
        var shownAs = Array(model.layers.indices)
        var collapsed: [Int: Int] = [:]  // first layer of a collapsed call -> the call
        if let depth {
            for (index, call) in model.calls.enumerated() where call.depth == depth + 1 && !call.layers.isEmpty {
                collapsed[call.layers.lowerBound] = index
                for layer in call.layers { shownAs[layer] = call.layers.lowerBound }
            }
        }
        func name(of value: ValueID) -> String {
            guard let layer = value.layer else { return Model.inputName }
            return collapsed[shownAs[layer]].map { model.calls[$0].name } ?? model.layers[layer].name
        }
        var rows: [Row] = []
        var index = 0
        while index < model.layers.count {
            if let call = collapsed[index].map({ model.calls[$0] }) {
                let layers = call.layers.map { model.layers[$0] }
                var inputs: [ValueID] = []
                for value in layers.flatMap(\.inputs) where !call.layers.contains(value.layer ?? -1) && !inputs.contains(value) {
                    inputs.append(value)
                }
                rows.append(Row(index: rows.count + 1, name: call.name, kind: "block",
                                type: ([call.block] + call.arguments.map(String.init)).joined(separator: " "),
                                output: model.shape(of: call.output),
                                parameters: layers.reduce(0) { $0 + $1.parameterCount },
                                trainableParameters: layers.reduce(0) { $0 + $1.trainableParameterCount },
                                macs: layers.reduce(0) { $0 + $1.macs },
                                receptiveField: call.output.layer.map { fields[$0].field } ?? .one,
                                inputs: inputs.map(name)))
                index = call.layers.upperBound
                continue
            }
            let layer = model.layers[index]
            rows.append(Row(index: rows.count + 1, name: layer.name, kind: layer.operation.keyword,
                            type: Summary.typeDescription(of: layer), output: layer.outputShape,
                            parameters: layer.parameterCount, trainableParameters: layer.trainableParameterCount,
                            macs: layer.macs, receptiveField: fields[index].field, inputs: layer.inputs.map(name)))
            index += 1
        }
        return rows
    }
}

extension Summary.Memory {
    /// Every product and sum checked: one that overflows makes its figure, and those built on it, nil.
    init(model: Model, batch: Int) {
        let scalar = checkedProduct(batch, Summary.bytesPerScalar)
        func bytes(_ elements: Int?) -> Int? {
            guard let scalar, let elements else { return nil }
            return checkedProduct(scalar, elements)
        }
        var outputs: Int? = 0
        for layer in model.layers { outputs = outputs.flatMap { checkedSum($0, layer.outputShape.elementCount) } }
        let activations = bytes(outputs)
        // Parameters, gradients of the trainable ones and Adam's two moments.
        let weights = checkedProduct(3, model.trainableParameterCount)
            .flatMap { checkedSum(model.parameterCount, $0) }
            .flatMap { checkedProduct($0, Summary.bytesPerScalar) }
        self.init(batch: batch, input: bytes(model.input.elementCount), inferenceActivations: activations,
                  peakActivations: bytes(model.peakActivationElements),
                  training: activations.flatMap { checkedProduct(2, $0) }.flatMap { doubled in
                      weights.flatMap { checkedSum(doubled, $0) }
                  })
    }
}
