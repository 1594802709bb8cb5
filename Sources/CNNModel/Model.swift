/// A checked network: the single source of truth for shapes, names, parameter counts and MACs.
///
/// The front end builds one from a spec; the engine, the emitters and the summary read it.
/// Code may also build one directly (the Swift emitter's output does).
public struct Model: Hashable, Sendable {
    public let input: Shape
    public let layers: [Layer]

    /// Checks `operations` in order; a nil name becomes `<keyword><n>` (`conv1`, `dense2`), counting
    /// every layer of that keyword from 1, named or not.
    public init(input: Shape, layers operations: [(name: String?, operation: Operation)]) throws(ModelError) {
        do { try Model.validate(input: input) } catch { throw .input(error) }
        let names = Model.names(for: operations)
        var seen = Set<String>()
        var layers: [Layer] = []
        var shape = input
        var totals = Totals()
        for (index, (name, entry)) in zip(names, operations).enumerated() {
            guard seen.insert(name).inserted else { throw .duplicateName(name) }
            do {
                let layer = try Layer(name: name, operation: entry.operation, input: shape)
                try totals.add(layer)
                layers.append(layer)
                shape = layer.outputShape
            } catch {
                throw .layer(index: index, name: name, error)
            }
        }
        self.input = input
        self.layers = layers
    }

    /// Checks `operations` in order, naming every layer automatically.
    public init(input: Shape, operations: [Operation]) throws(ModelError) {
        try self.init(input: input, layers: operations.map { (name: nil, operation: $0) })
    }

    /// The shape of one output sample.
    public var output: Shape { layers.last?.outputShape ?? input }

    /// The layer called `name`, if any.
    public func layer(named name: String) -> Layer? { layers.first { $0.name == name } }

    /// Explicit names where given, `<keyword><n>` elsewhere.
    public static func names(for layers: [(name: String?, operation: Operation)]) -> [String] {
        var counts: [String: Int] = [:]
        return layers.map { entry in
            let keyword = entry.operation.keyword
            let count = counts[keyword, default: 0] + 1
            counts[keyword] = count
            return entry.name ?? "\(keyword)\(count)"
        }
    }

    /// Every size between 1 and `Layer.maximumSetting`, and the element count representable.
    public static func validate(input: Shape) throws(ShapeError) {
        for value in input.dimensions {
            try Layer.requireInRange(("input size", value))
        }
        let count = input.dimensions.reduce(Optional(1)) { total, size in total.flatMap { checkedProduct($0, size) } }
        guard count != nil else { throw .overflow(what: "the element count of the input \(input)") }
    }
}

/// Running sums that must stay representable, so that every total (and FLOPs, twice the MACs,
/// and memory for a batch of up to `Layer.maximumSetting`) is computed without overflow.
private struct Totals {
    var parameters = 0, macs = 0, activations = 0
    static let limit = Int.max / 16 / Layer.maximumSetting

    mutating func add(_ layer: Layer) throws(ShapeError) {
        guard let parameters = checkedSum(parameters, layer.parameterCount), parameters <= Totals.limit else {
            throw .overflow(what: "the model's parameter count")
        }
        guard let macs = checkedSum(macs, layer.macs), macs <= Int.max / 2 else {
            throw .overflow(what: "the model's MAC count")
        }
        guard let activations = checkedSum(activations, layer.outputShape.elementCount), activations <= Totals.limit else {
            throw .overflow(what: "the model's activation count")
        }
        (self.parameters, self.macs, self.activations) = (parameters, macs, activations)
    }
}

/// Why `Model.init` rejected a network.
public enum ModelError: Error, Hashable, Sendable {
    case input(ShapeError)
    case duplicateName(String)
    case layer(index: Int, name: String, ShapeError)
}

extension ModelError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .input(error): return "input: \(error)"
        case let .duplicateName(name): return "the layer name '\(name)' is used twice"
        case let .layer(_, name, error): return "\(name): \(error)"
        }
    }
}
