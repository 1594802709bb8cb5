/// Builds a `Model` one layer at a time: the one place where layers are named, checked against
/// the shape rules and added up. The front end calls it while expanding a spec; code may too.
///
///     var builder = try ModelBuilder(input: .image(height: 8, width: 8, channels: 16))
///     let x = builder.add(.convolution(Convolution(filters: 16, kernel: Size2(square: 3), padding: .same)),
///                         named: nil, inputs: [.input]).value!
///     let sum = builder.add(.merge(.add), named: nil, inputs: [.input, x])   // "add1"
///     let model = try builder.build()
///
/// Problems do not stop it: a layer with a duplicate name is still added (so what follows can be
/// checked), a layer that breaks a shape rule is not; `build` refuses while any problem stands.
public struct ModelBuilder: Sendable {
    public let input: Shape
    public private(set) var layers: [Layer] = []
    public private(set) var calls: [BlockCall] = []
    /// Every problem found so far, in order.
    public private(set) var problems: [ModelError] = []
    private var names: [String: NamedValue] = [Model.inputName: .value(.input)]
    private var scopes = [Scope(prefix: "", call: nil)]
    private var totals = Totals()
    /// Calls whose name was free, so that it now refers to their output.
    private var callsNamingTheirOutput = Set<Int>()

    /// What a name stands for.
    public enum NamedValue: Hashable, Sendable {
        case value(ValueID)
        /// A layer or call that broke a rule (already reported): what reads it cannot be checked.
        case failed
    }

    /// The result of adding a layer or starting a call: its full name, its value (nil when it
    /// broke a shape rule) and the problems it caused.
    public struct Addition: Hashable, Sendable {
        public var name: String
        public var value: ValueID?
        public var problems: [ModelError]
    }

    /// The names inside a block call start with the call's name; automatic names count per call.
    private struct Scope: Sendable {
        var prefix: String
        var call: Int?
        var counts: [String: Int] = [:]

        /// `name`, or `<keyword><n>`, inside this scope; counts every `keyword` from 1, named or not.
        mutating func fullName(_ name: String?, keyword: String) -> String {
            let count = counts[keyword, default: 0] + 1
            counts[keyword] = count
            return prefix + (name ?? "\(keyword)\(count)")
        }
    }

    public init(input: Shape) throws(ModelError) {
        do { try Model.validate(input: input) } catch { throw .input(error) }
        self.input = input
    }

    /// Adds `operation` reading `inputs` (earlier values), named `name` in the current call, or automatically.
    public mutating func add(_ operation: Operation, named name: String?, inputs: [ValueID]) -> Addition {
        let fullName = scopes[scopes.count - 1].fullName(name, keyword: operation.keyword)
        let clash = register(fullName)
        var found = clash.map { [$0] } ?? []
        let layer: Layer
        do {
            layer = try Layer(name: fullName, operation: operation, inputs: inputs, shapes: inputs.map(shape(of:)),
                              call: scopes[scopes.count - 1].call)
        } catch {
            found.append(.layer(name: fullName, error))
            return finish(Addition(name: fullName, value: nil, problems: found))
        }
        do { try totals.add(layer) } catch { found.append(.layer(name: fullName, error)) }
        layers.append(layer)
        let value = ValueID(layer: layers.count - 1)
        if clash == nil { names[fullName] = .value(value) }
        return finish(Addition(name: fullName, value: value, problems: found))
    }

    /// `add`, throwing its first problem: for code that builds a model it knows to be right (the
    /// Swift emitter's output).
    public mutating func append(_ operation: Operation, named name: String?, inputs: [ValueID]) throws(ModelError)
        -> ValueID
    {
        let added = add(operation, named: name, inputs: inputs)
        // A layer without a value always comes with the problem that stopped it.
        guard let value = added.value, added.problems.isEmpty else { throw added.problems[0] }
        return value
    }

    /// `beginCall`, throwing its first problem.
    public mutating func enterCall(_ block: String, arguments: [Int], named name: String?) throws(ModelError) {
        if let problem = beginCall(block, arguments: arguments, named: name).problems.first { throw problem }
    }

    /// Records a layer whose input could not be checked: it takes its name (so that later automatic
    /// names and duplicates stay right) but adds nothing; the caller has reported why.
    public mutating func skip(_ operation: Operation, named name: String?) -> Addition {
        let fullName = scopes[scopes.count - 1].fullName(name, keyword: operation.keyword)
        return finish(Addition(name: fullName, value: nil, problems: register(fullName).map { [$0] } ?? []))
    }

    /// Starts a call of `block`: what is added until `endCall` is named `<call>.<name>`.
    public mutating func beginCall(_ block: String, arguments: [Int], named name: String?) -> Addition {
        let fullName = scopes[scopes.count - 1].fullName(name, keyword: block)
        let clash = register(fullName)
        let parent = scopes[scopes.count - 1].call
        calls.append(BlockCall(name: fullName, block: block, arguments: arguments, parent: parent,
                               depth: scopes.count, layers: layers.count..<layers.count, output: .input))
        if clash == nil { callsNamingTheirOutput.insert(calls.count - 1) }
        scopes.append(Scope(prefix: fullName + ".", call: calls.count - 1))
        return finish(Addition(name: fullName, value: nil, problems: clash.map { [$0] } ?? []))
    }

    /// Ends the innermost call; its name now refers to `output`, or to nothing when its body failed
    /// (the caller has said why; `build` refuses such a model).
    public mutating func endCall(output: ValueID?) {
        guard let index = scopes.removeLast().call else { preconditionFailure("endCall without beginCall") }
        calls[index].layers = calls[index].layers.lowerBound..<layers.count
        guard let output else {
            problems.append(.failedCall(calls[index].name))
            return
        }
        calls[index].output = output
        if callsNamingTheirOutput.contains(index) { names[calls[index].name] = .value(output) }
    }

    /// The prefix of names in the current call (`fire2.`), empty at the top level.
    public var scopePrefix: String { scopes[scopes.count - 1].prefix }

    /// What the full name `name` stands for, if anything has taken it.
    public func lookUp(_ name: String) -> NamedValue? { names[name] }

    /// Every name taken so far that starts with `prefix`, without it: candidates for "did you mean".
    public func names(inScope prefix: String) -> [String] {
        names.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    public func shape(of value: ValueID) -> Shape {
        value.layer.map { layers[$0].outputShape } ?? input
    }

    public func name(of value: ValueID) -> String {
        value.layer.map { layers[$0].name } ?? Model.inputName
    }

    /// The model, returning `outputs` (by default the last layer's value, or the input when there is none).
    public func build(outputs: [Model.Output]? = nil) throws(ModelError) -> Model {
        if let problem = problems.first { throw problem }
        let last = ValueID(rawValue: layers.count)
        let outputs = outputs ?? [Model.Output(name: name(of: last), value: last)]
        var seen = Set<ValueID>()
        for output in outputs where output.value.rawValue > layers.count || !seen.insert(output.value).inserted {
            throw .badOutput(output.name)
        }
        return Model(input: input, layers: layers, outputs: outputs, calls: calls)
    }

    /// Takes `name` for a new value; the problem when it is reserved or already taken.
    private mutating func register(_ name: String) -> ModelError? {
        if name == Model.inputName { return .reservedName(name) }
        guard names[name] == nil else { return .duplicateName(name) }
        names[name] = .failed  // until its value is known
        return nil
    }

    private mutating func finish(_ addition: Addition) -> Addition {
        problems += addition.problems
        return addition
    }
}

/// Running sums that must stay representable, so that every total (and FLOPs, twice the MACs,
/// and memory for a batch of up to `Layer.maximumSetting`) is computed without overflow.
private struct Totals: Sendable {
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
