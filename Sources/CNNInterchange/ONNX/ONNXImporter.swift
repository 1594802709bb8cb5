import CNNFormats
import CNNModel

/// An ONNX model as a cnnc model and its weights: the operators a CNN exports (what
/// `ONNXExporter` writes, and what `torch.onnx.export` writes for torchvision's networks) become
/// layers, node names their names, initializers their weights under cnnc's names.
///
/// Patterns become one layer: an activation after a conv, deconv or dense layer is fused into
/// it (`conv 64 3x3 p1 relu`); `x * Sigmoid(x)` is silu, `x * Tanh(Softplus(x))` mish, the Erf
/// form of GELU gelu; Pad is folded into the conv or max pool after it, MatMul + Add is dense.
/// Every node that does not map is listed with its name; nothing is imported then.
public struct ONNXImporter {
    let path: String
    let graph: ONNXGraph
    /// Whether `ONNXExporter` wrote the file, whose node names say which nodes make one layer.
    let writtenByCnnc: Bool
    /// Initializers and `Constant` outputs by value name.
    var constants: [String: ONNXTensor] = [:]
    /// What each value name stands for in the model being built.
    var bindings: [String: Binding] = [:]
    /// The nodes reading each value, by index.
    let consumers: [String: [Int]]
    var builder: ModelBuilder
    var weights: [String: Tensor] = [:]
    var problems: [ImportError.Problem] = []
    /// Nodes already taken into a layer by a pattern (a fused activation, a folded Pad).
    var consumed = Set<Int>()
    var usedNames = Set<String>()

    /// A value of the graph: a layer's output, perhaps with zero padding (a Pad node) still to fold
    /// into its reader; or nothing, after a node that could not be imported.
    enum Binding {
        case value(ValueID, pending: Insets, padValue: Float)
        case failed
    }

    public static func importModel(bytes: [UInt8], path: String) throws -> ImportedModel {
        let onnx = try ONNXModel(bytes: bytes, path: path)
        var importer = try ONNXImporter(path: path, graph: onnx.graph, writtenByCnnc: onnx.producerName == "cnnc")
        let model = try importer.run()
        let producer = onnx.producerName.isEmpty ? "" : ", written by \(onnx.producerName) \(onnx.producerVersion)"
        return ImportedModel(model: model, weights: importer.weights,
                             notes: ["Imported from \(path) (ONNX IR \(onnx.irVersion), opset \(onnx.opsetVersion)\(producer))."])
    }

    private init(path: String, graph: ONNXGraph, writtenByCnnc: Bool) throws(ImportError) {
        self.path = path
        self.graph = graph
        self.writtenByCnnc = writtenByCnnc
        var consumers: [String: [Int]] = [:]
        for (index, node) in graph.nodes.enumerated() {
            for input in node.inputs where !input.isEmpty { consumers[input, default: []].append(index) }
        }
        self.consumers = consumers
        let initializers = Dictionary(graph.initializers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        constants = initializers
        let inputs = graph.inputs.filter { initializers[$0.name] == nil }
        guard inputs.count == 1, let input = inputs.first else {
            throw ImportError(path: path, place: "the graph", message:
                "cnnc models have one input; this graph has \(inputs.count) (\(inputs.map(\.name).joined(separator: ", ")))")
        }
        let sizes = input.dimensions.dropFirst().map { dimension -> Int? in
            if case let .size(size) = dimension { return size }
            return nil
        }
        let shape: Shape
        switch sizes.count {
        case 3 where sizes.allSatisfy({ $0 != nil }): shape = .image(height: sizes[1]!, width: sizes[2]!, channels: sizes[0]!)
        case 1 where sizes[0] != nil: shape = .vector(sizes[0]!)
        default:
            throw ImportError(path: path, place: "input '\(input.name)'", message:
                "its shape \(input.dimensions) is not [N, C, H, W] (or [N, L]) with fixed C, H and W; export with a fixed image size")
        }
        do { builder = try ModelBuilder(input: shape) } catch {
            throw ImportError(path: path, place: "input '\(input.name)'", message: "\(error)")
        }
        bindings[input.name] = .value(.input, pending: .zero, padValue: 0)
    }

    private mutating func run() throws(ImportError) -> Model {
        for (index, node) in graph.nodes.enumerated() where !consumed.contains(index) {
            let inputs = node.inputs.filter { !$0.isEmpty && constants[$0] == nil }
            if inputs.contains(where: { if case .failed = bindings[$0] { return true } else { return false } }) {
                fail(node)   // its input could not be imported: already reported
                continue
            }
            add(node, at: index)
        }
        var outputs: [Model.Output] = []
        for output in graph.outputs {
            guard case let .value(value, _, _)? = bindings[output.name], value != .input else {
                if bindings[output.name] == nil { problem("output '\(output.name)'", "no node defines it") }
                continue
            }
            outputs.append(Model.Output(name: builder.name(of: value), value: value))
        }
        guard problems.isEmpty else { throw ImportError(path: path, problems: problems) }
        let model: Model
        do { model = try builder.build(outputs: outputs) } catch {
            throw ImportError(path: path, place: "the graph", message: "\(error)")
        }
        for tensor in model.parameterTensors where weights[tensor.name]?.shape != tensor.shape {
            problem("weight '\(tensor.name)'", "has shape \(weights[tensor.name]?.shape ?? []), the layer needs \(tensor.shape)")
        }
        guard problems.isEmpty else { throw ImportError(path: path, problems: problems) }
        return model
    }

    // MARK: Helpers for the operator mappings

    mutating func problem(_ place: String, _ message: String) {
        problems.append(ImportError.Problem(place: place, message: message))
    }

    /// Reports `node` as not importable (unless `message` is nil: its input already was).
    mutating func fail(_ node: ONNXNode, _ message: String? = nil) {
        if let message { problem("node '\(node.name)' (\(node.opType))", message) }
        for output in node.outputs { bindings[output] = .failed }
    }

    /// The layer value `name` stands for, with padding still to fold, or nil (reported).
    func value(_ name: String) -> (value: ValueID, pending: Insets, padValue: Float)? {
        guard case let .value(value, pending, padValue)? = bindings[name] else { return nil }
        return (value, pending, padValue)
    }

    /// A spec name for `node`'s layer: its node name made an identifier (`/features/0/Conv` is
    /// `features_0_Conv`), else the operator's name, made unique.
    mutating func layerName(for node: ONNXNode) -> String {
        var name = String(node.name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        while name.hasPrefix("_") { name.removeFirst() }
        while name.hasSuffix("_") { name.removeLast() }
        while name.contains("__") { name = name.replacingOccurrences(of: "__", with: "_") }
        if name.isEmpty { name = node.opType.lowercased() }
        if name.first?.isNumber == true { name = "n" + name }
        if name == Model.inputName { name += "_" }
        var unique = name, count = 1
        while usedNames.contains(unique) { count += 1; unique = "\(name)_\(count)" }
        usedNames.insert(unique)
        return unique
    }

    /// Adds a layer for `node` reading `inputs`, binds `output` (the node's, or the last fused
    /// node's) to it, and returns its name; reports shape problems at the node.
    @discardableResult
    mutating func addLayer(_ operation: Operation, for node: ONNXNode, inputs: [ValueID],
                           output: String? = nil) -> String? {
        let addition = builder.add(operation, named: layerName(for: node), inputs: inputs)
        guard let value = addition.value, addition.problems.isEmpty else {
            fail(node, addition.problems.map { "\($0)" }.joined(separator: "; "))
            return nil
        }
        bindings[output ?? node.outputs.first ?? ""] = .value(value, pending: .zero, padValue: 0)
        return addition.name
    }

    func attribute(_ node: ONNXNode, _ name: String) -> ONNXAttribute.Value? {
        node.attributes.first { $0.name == name }?.value
    }

    /// Attribute integers held within one past cnnc's largest setting either way, so that sums
    /// and products of a few never overflow; the layer's own checks refuse what is out of range.
    static func bounded(_ value: Int64) -> Int {
        let limit = Int64(Layer.maximumSetting + 1)
        return Int(min(max(value, -limit), limit))
    }

    func integers(_ node: ONNXNode, _ name: String, default value: [Int]) -> [Int] {
        if case let .integers(values)? = attribute(node, name) { return values.map(Self.bounded) }
        return value
    }

    func integer(_ node: ONNXNode, _ name: String, default value: Int) -> Int {
        if case let .integer(number)? = attribute(node, name) { return Self.bounded(number) }
        return value
    }

    func float(_ node: ONNXNode, _ name: String, default value: Float) -> Float {
        if case let .float(number)? = attribute(node, name) { return number }
        return value
    }

    func string(_ node: ONNXNode, _ name: String, default value: String) -> String {
        if case let .string(text)? = attribute(node, name) { return text }
        return value
    }

    /// The float constant `name` (an initializer or a Constant's output), or nil.
    func floats(_ name: String?) -> (values: [Float], dimensions: [Int])? {
        guard let name, let tensor = constants[name], case let .float(values) = tensor.data else { return nil }
        return (values, tensor.dimensions)
    }

    func int64s(_ name: String?) -> [Int64]? {
        guard let name, let tensor = constants[name] else { return nil }
        switch tensor.data {
        case let .int64(values): return values
        case let .float(values):
            let integers = values.compactMap { Int64(exactly: $0) }
            return integers.count == values.count ? integers : nil
        }
    }
}
