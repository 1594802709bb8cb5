/// One checked layer: its operation with every shape and padding resolved, and the values it reads.
///
/// Built only through `init(name:operation:inputs:shapes:call:)`, which applies the shape rules,
/// so a `Layer` value is always consistent.
public struct Layer: Hashable, Sendable {
    /// Unique within the model; the prefix of its weight names (`conv1.weight`, `fire2.conv1.weight`).
    public let name: String
    public let operation: Operation
    /// The values it reads, in operand order (one for every layer but a merge).
    public let inputs: [ValueID]
    /// The shapes of `inputs`.
    public let inputShapes: [Shape]
    public let outputShape: Shape
    /// Resolved padding of a convolution or pooling layer; zero for every other layer. Pooling in
    /// `ceil` mode adds the rows and columns its last window reaches past the padded input.
    public let padding: Insets
    /// Index into `Model.calls` of the innermost block call that made this layer; nil at the top level.
    public let call: Int?

    public init(name: String, operation: Operation, inputs: [ValueID], shapes: [Shape], call: Int? = nil)
        throws(ShapeError)
    {
        precondition(inputs.count == shapes.count, "one shape per input")
        self.name = name
        self.operation = operation
        self.inputs = inputs
        self.inputShapes = shapes
        self.call = call
        (outputShape, padding) = try Layer.infer(operation, inputs: shapes)
    }

    /// A layer reading the model input alone (as the first layer of a chain does).
    public init(name: String, operation: Operation, input: Shape) throws(ShapeError) {
        try self.init(name: name, operation: operation, inputs: [.input], shapes: [input])
    }

    /// The shape of the first input: the only one of every layer but a merge.
    public var inputShape: Shape { inputShapes[0] }

    /// Upper bound of any size or setting (2^24): far beyond real networks, small enough that
    /// products of a few of them never overflow unnoticed.
    public static let maximumSetting = 1 << 24

    /// True for a dense layer on an image: it flattens in C x H x W order first, as Darknet does implicitly.
    public var flattensInput: Bool {
        if case .dense = operation { return inputShape.isImage }
        return false
    }

    /// The activation applied at the end of the layer: its own (conv, deconv, dense) or the layer itself.
    public var activation: Activation? {
        switch operation {
        case let .convolution(conv): return conv.activation
        case let .deconvolution(deconv): return deconv.activation
        case let .dense(dense): return dense.activation
        case let .activation(activation): return activation
        default: return nil
        }
    }
}
