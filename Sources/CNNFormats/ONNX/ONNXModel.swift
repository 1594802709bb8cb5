/// The part of ONNX's `ModelProto` that a CNN needs, as plain values: a graph of nodes in
/// topological order, float initializers (the weights) and typed inputs and outputs.
///
/// Field numbers and meanings follow onnx.proto; `serialized()` writes the protobuf bytes.
public struct ONNXModel: Hashable, Sendable {
    /// IR version 8 (ONNX 1.10 and later); every runtime of the last years reads it.
    public var irVersion: Int64 = 8
    /// The default domain's operator set; 17 has LayerNormalization but not Gelu or Mish.
    public var opsetVersion: Int64 = 17
    public var producerName = "cnnc"
    public var producerVersion = ""
    public var graph: ONNXGraph

    public init(graph: ONNXGraph, producerVersion: String = "") {
        self.graph = graph
        self.producerVersion = producerVersion
    }
}

public struct ONNXGraph: Hashable, Sendable {
    public var name: String
    public var nodes: [ONNXNode] = []
    public var initializers: [ONNXTensor] = []
    public var inputs: [ONNXValueInfo] = []
    public var outputs: [ONNXValueInfo] = []

    public init(name: String) { self.name = name }
}

/// One operator call: `opType` reads the values `inputs` names ("" for an omitted optional input)
/// and defines the values `outputs` names.
public struct ONNXNode: Hashable, Sendable {
    public var name: String
    public var opType: String
    public var inputs: [String]
    public var outputs: [String]
    public var attributes: [ONNXAttribute]

    public init(name: String, opType: String, inputs: [String], outputs: [String], attributes: [ONNXAttribute] = []) {
        self.name = name
        self.opType = opType
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
    }
}

public struct ONNXAttribute: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case float(Float)
        case integer(Int64)
        case string(String)
        case floats([Float])
        case integers([Int64])
        /// A constant (the `value` of a `Constant` node).
        case tensor(ONNXTensor)
    }

    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}

/// A constant: float32 data stored as `raw_data` (little-endian), or int64 data.
public struct ONNXTensor: Hashable, Sendable {
    public enum Data: Hashable, Sendable {
        case float([Float])
        case int64([Int64])
    }

    public var name: String
    public var dimensions: [Int]
    public var data: Data

    public init(name: String, dimensions: [Int], data: Data) {
        self.name = name
        self.dimensions = dimensions
        self.data = data
    }
}

/// A graph input or output: a float32 tensor whose dimensions are sizes or named symbols.
public struct ONNXValueInfo: Hashable, Sendable {
    public enum Dimension: Hashable, Sendable {
        case size(Int)
        case symbol(String)
    }

    public var name: String
    public var dimensions: [Dimension]

    public init(name: String, dimensions: [Dimension]) {
        self.name = name
        self.dimensions = dimensions
    }
}
