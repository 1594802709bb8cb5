/// A checked network: the single source of truth for shapes, names, parameter counts and MACs.
///
/// A graph in the form torch.fx and ONNX use: `layers` in topological order, each naming the
/// values it reads (`ValueID`: the model input or an earlier layer's output). A chain is the
/// special case where each layer reads the one before and the last layer is the only output.
/// Only `ModelBuilder` makes one, so every `Model` has passed the shape rules; the front end
/// builds them from specs, and code may build them directly (the Swift emitter's output does).
public struct Model: Hashable, Sendable {
    public let input: Shape
    public let layers: [Layer]
    /// What the model returns, in order: one value for most networks, several for detectors.
    public let outputs: [Output]
    /// Every block call the layers came from, outermost before the calls inside it.
    public let calls: [BlockCall]

    /// One output of the model and the name it is known by (a layer's or a block call's).
    public struct Output: Hashable, Sendable {
        public var name: String
        public var value: ValueID

        public init(name: String, value: ValueID) {
            self.name = name
            self.value = value
        }
    }

    init(input: Shape, layers: [Layer], outputs: [Output], calls: [BlockCall]) {
        self.input = input
        self.layers = layers
        self.outputs = outputs
        self.calls = calls
    }

    /// A chain: `layers` in order, each reading the one before; a nil name becomes `<keyword><n>`
    /// (`conv1`, `dense2`), counting every layer of that keyword from 1, named or not.
    public init(input: Shape, layers chain: [(name: String?, operation: Operation)]) throws(ModelError) {
        var builder = try ModelBuilder(input: input)
        var current = ValueID.input
        for (name, operation) in chain {
            let added = builder.add(operation, named: name, inputs: [current])
            if let problem = added.problems.first { throw problem }
            current = added.value ?? current
        }
        self = try builder.build()
    }

    /// A chain of `operations`, every layer named automatically.
    public init(input: Shape, operations: [Operation]) throws(ModelError) {
        try self.init(input: input, layers: operations.map { (name: nil, operation: $0) })
    }

    /// More layers than this is a runaway `repeat`, not a network.
    public static let maximumLayerCount = 10_000

    /// What the model input is called wherever values are named (`"inputs": ["input"]`).
    public static let inputName = "input"

    /// The shape of one sample of `value`.
    public func shape(of value: ValueID) -> Shape {
        value.layer.map { layers[$0].outputShape } ?? input
    }

    /// The name of `value`: its layer's, or `input`.
    public func name(of value: ValueID) -> String {
        value.layer.map { layers[$0].name } ?? Model.inputName
    }

    /// The shape of the first output: a chain's only one.
    public var output: Shape { shape(of: outputs[0].value) }

    /// True when each layer reads only the one before it and the last layer is the only output.
    public var isChain: Bool {
        outputs.count == 1 && outputs[0].value == ValueID(rawValue: layers.count)
            && layers.enumerated().allSatisfy { index, layer in layer.inputs == [ValueID(rawValue: index)] }
    }

    /// Every size between 1 and `Layer.maximumSetting`, and the element count representable.
    public static func validate(input: Shape) throws(ShapeError) {
        // Each axis by its name: `input 28x28x0` is wrong for its channels.
        switch input {
        case let .image(height, width, channels):
            try Operation.requireInRange((.inputHeight, nil, height), (.inputWidth, nil, width),
                                         (.inputChannels, nil, channels))
        case let .vector(size):
            try Operation.requireInRange((.inputSize, nil, size))
        }
        let count = input.dimensions.reduce(Optional(1)) { total, size in total.flatMap { checkedProduct($0, size) } }
        guard count != nil else { throw .overflow(what: "the element count of the input") }
    }
}

/// Why a network could not be built.
public enum ModelError: Error, Hashable, Sendable {
    case input(ShapeError)
    /// A layer, merge or block call takes a name an earlier one has.
    case duplicateName(String)
    /// `input` names the model input; nothing else may take it.
    case reservedName(String)
    case layer(name: String, ShapeError)
    /// A model output that is not one of the model's values, or is given twice.
    case badOutput(String)
    /// A block call whose body did not check, so its name refers to nothing.
    case failedCall(String)
}

extension ModelError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .input(error): return "input: \(error)"
        case let .duplicateName(name): return "the layer name '\(name)' is used twice"
        case let .reservedName(name): return "'\(name)' names the model input and cannot name a layer"
        case let .layer(name, error): return "\(name): \(error)"
        case let .badOutput(name): return "'\(name)' cannot be an output: it is unknown or listed twice"
        case let .failedCall(name): return "the block call '\(name)' has no output"
        }
    }
}
