import CNNModel

/// The `nn.Module` classes of a model: `Model` for the top level and one class per block call
/// (calls whose code is identical share a class), so the module tree mirrors the spec and
/// `state_dict()` names are exactly cnnc's weight names (`fire2.conv1.weight`).
///
/// `forward` keeps the current value in `x`, as hand-written PyTorch does; a value read again
/// later (a residual's input, a concat's operand, an output) is also kept in a variable named
/// after it, and merges combine those variables (`x + identity`, `torch.cat([a, x], dim=1)`).
struct PyTorchModuleWriter {
    let model: Model
    /// The code of every layer, keyed by layer index.
    private(set) var codes: [PyTorchLayerCode] = []
    /// Block classes in definition order (inner blocks first), and the class each call uses.
    private(set) var blockClasses: [(name: String, source: String)] = []
    private var classOfCall: [Int: String] = [:]
    /// True when `Model.forward` takes `return_logits` (its output is a top-level final softmax).
    let returnsLogits: Bool

    init(_ model: Model) {
        self.model = model
        let output = model.outputs.count == 1 ? model.outputs[0].value.layer : nil
        returnsLogits = model.endsInSoftmax && output.map { model.layers[$0].call == nil } == true
        codes = model.layers.enumerated().map { index, layer in
            PyTorchLayerCode(layer, name: PyTorchModuleWriter.localName(layer.name, in: layer.call.map { model.calls[$0] }),
                             splittingSoftmax: returnsLogits && index == output)
        }
        // Classes for calls, innermost first, so each is defined before the class that uses it.
        for index in model.calls.indices.sorted(by: { model.calls[$0].depth > model.calls[$1].depth }) {
            registerClass(forCall: index)
        }
    }

    /// Every helper a layer's code needs.
    var helpers: Set<PyTorchHelper> { codes.reduce(into: []) { $0.formUnion($1.helpers) } }

    /// `class Model(nn.Module)` with `__init__` and `forward`.
    func modelClass(docstring: String, forwardDocstring: [String]) -> String {
        let units = self.units(in: nil)
        var lines = ["class Model(nn.Module):", "    \(docstring)", "", "    def __init__(self):",
                     "        super().__init__()"]
        lines += initialisation(units).map { "        " + $0 }
        lines.append("")
        lines.append(returnsLogits ? "    def forward(self, x, return_logits=False):" : "    def forward(self, x):")
        lines += forwardDocstring.map { $0.isEmpty ? "" : "        " + $0 }
        lines += forward(units, in: nil, input: .input, outputs: model.outputs.map(\.value)).map { "        " + $0 }
        return lines.joined(separator: "\n")
    }

    // MARK: Units

    /// What a scope's `forward` runs, in order: its own layers and the calls directly inside it.
    private enum Unit {
        case layer(Int)
        case call(Int)
    }

    private func units(in call: Int?) -> [Unit] {
        let range = call.map { model.calls[$0].layers } ?? model.layers.indices
        var units: [Unit] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if model.layers[index].call == call {
                units.append(.layer(index))
                index += 1
            } else {
                // The outermost call inside this scope that made the layer.
                var inner = model.layers[index].call!
                while model.calls[inner].parent != call { inner = model.calls[inner].parent! }
                units.append(.call(inner))
                index = model.calls[inner].layers.upperBound
            }
        }
        return units
    }

    private func inputs(of unit: Unit) -> [ValueID] {
        switch unit {
        case let .layer(index):
            return model.layers[index].inputs
        case let .call(index):
            // A block's body reads only the value before the call (its references stay inside it).
            let range = model.calls[index].layers
            let outside = model.layers[range].flatMap(\.inputs).filter { !range.contains($0.layer ?? -1) }
            return outside.isEmpty ? [] : [outside[0]]
        }
    }

    private func output(of unit: Unit) -> ValueID {
        switch unit {
        case let .layer(index): return ValueID(layer: index)
        case let .call(index): return model.calls[index].output
        }
    }

    /// Values made inside call `index` that layers outside it read (`@fire2.conv1`): its module
    /// returns them after its output, so the code outside can use them.
    private func exports(of index: Int) -> [ValueID] {
        let range = model.calls[index].layers
        var exported: [ValueID] = []
        for (position, layer) in model.layers.enumerated() where !range.contains(position) {
            for value in layer.inputs where range.contains(value.layer ?? -1) && value != model.calls[index].output
                && !exported.contains(value) {
                exported.append(value)
            }
        }
        for output in model.outputs where range.contains(output.value.layer ?? -1)
            && output.value != model.calls[index].output && !exported.contains(output.value) {
            exported.append(output.value)
        }
        return exported.sorted()
    }

    /// A variable for `value` in the scope of call `scope` (nil: the model): its name there, dots as `_`.
    private func variable(_ value: ValueID, in scope: Int?) -> String {
        let name = model.name(of: value)
        return PythonSyntax.variable(PyTorchModuleWriter.localName(name, in: scope.map { model.calls[$0] })
            .replacingDots())
    }

    /// The unit's name inside its scope: the attribute of its submodule, the variable of its value.
    private func name(of unit: Unit) -> String {
        switch unit {
        case let .layer(index):
            let layer = model.layers[index]
            return PyTorchModuleWriter.localName(layer.name, in: layer.call.map { model.calls[$0] })
        case let .call(index):
            let call = model.calls[index]
            return PyTorchModuleWriter.localName(call.name, in: call.parent.map { model.calls[$0] })
        }
    }

    static func localName(_ name: String, in call: BlockCall?) -> String {
        guard let call else { return name }
        return String(name.dropFirst(call.name.count + 1))
    }

    // MARK: Code

    private func initialisation(_ units: [Unit]) -> [String] {
        units.flatMap { unit -> [String] in
            switch unit {
            case let .layer(index):
                return codes[index].initialisation
            case let .call(index):
                return [SubmoduleReference(layerName: name(of: unit)).registration("\(classOfCall[index] ?? "?")()")]
            }
        }
    }

    /// The body of `forward` for `units` of `scope` reading `input` (in `x`) and returning `outputs`.
    private func forward(_ units: [Unit], in scope: Int?, input: ValueID, outputs: [ValueID]) -> [String] {
        var names = [input: "identity"]
        for unit in units {
            names[output(of: unit)] = PythonSyntax.variable(name(of: unit))
            if case let .call(index) = unit {
                for value in exports(of: index) { names[value] = variable(value, in: scope) }
            }
        }
        // Which values must outlive `x`: read by a unit other than the next, read twice, or returned.
        var reads: [ValueID: [Int]] = [:]
        for (position, unit) in units.enumerated() {
            for value in inputs(of: unit) { reads[value, default: []].append(position) }
        }
        func isKept(_ value: ValueID, producedAt position: Int) -> Bool {
            let readers = reads[value] ?? []
            let returned = outputs.contains(value) && position != units.count - 1
            return returned || readers.count > 1 || readers.contains { $0 != position + 1 }
        }
        var lines: [String] = []
        if isKept(input, producedAt: -1) { lines.append("identity = x") }
        var current = input
        func operand(_ value: ValueID) -> String { value == current ? "x" : names[value] ?? "x" }
        for (position, unit) in units.enumerated() {
            let inputs = self.inputs(of: unit)
            if case let .layer(index) = unit, case let .merge(kind) = model.layers[index].operation {
                let operands = inputs.map(operand)
                switch kind {
                case .add: lines.append("x = " + operands.joined(separator: " + "))
                case .mul: lines.append("x = " + operands.joined(separator: " * "))
                case .concat: lines.append("x = torch.cat([\(operands.joined(separator: ", "))], dim=1)")
                }
            } else {
                if let first = inputs.first, first != current { lines.append("x = \(operand(first))") }
                switch unit {
                case let .layer(index):
                    lines += codes[index].forward
                case let .call(index):
                    let results = ["x"] + exports(of: index).map { names[$0] ?? "_" }
                    lines.append("\(results.joined(separator: ", ")) = \(SubmoduleReference(layerName: name(of: unit)).expression)(x)")
                }
            }
            current = output(of: unit)
            if isKept(current, producedAt: position) { lines.append("\(names[current] ?? "x") = x") }
        }
        if outputs.count > 1 {
            lines.append("return " + outputs.map(operand).joined(separator: ", "))
        } else if let index = outputs.first?.layer, let softmax = codes[index].finalSoftmax {
            if outputs[0] != current { lines.append("x = \(operand(outputs[0]))") }
            lines += ["if return_logits:", "    return x", "return \(softmax)"]
        } else {
            lines.append("return \(outputs.first.map(operand) ?? "x")")
        }
        return lines
    }

    /// Writes the class of call `index` (or reuses an identical one of the same block).
    private mutating func registerClass(forCall index: Int) {
        let call = model.calls[index]
        let units = self.units(in: index)
        let arguments = ([call.block] + call.arguments.map(String.init)).joined(separator: " ")
        var body = ["    \"\"\"The block '\(call.block)' as the spec calls it: \(arguments).\"\"\"", "",
                    "    def __init__(self):", "        super().__init__()"]
        body += initialisation(units).map { "        " + $0 }
        body += ["", "    def forward(self, x):"]
        body += forward(units, in: index, input: inputs(of: .call(index)).first ?? .input,
                        outputs: [call.output] + exports(of: index)).map { "        " + $0 }
        let source = body.joined(separator: "\n")
        if let existing = blockClasses.first(where: { $0.source == source }) {
            classOfCall[index] = existing.name
            return
        }
        let base = PyTorchModuleWriter.className(call.block)
        let variants = blockClasses.filter { $0.name == base || $0.name.hasPrefix(base) && Int($0.name.dropFirst(base.count)) != nil }
        let name = variants.isEmpty ? base : base + "\(variants.count + 1)"
        blockClasses.append((name, source))
        classOfCall[index] = name
    }

    /// `fire` -> `FireBlock`, `down_sample` -> `DownSampleBlock`.
    static func className(_ block: String) -> String {
        block.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Block"
    }
}

extension String {
    fileprivate func replacingDots() -> String { split(separator: ".", omittingEmptySubsequences: false).joined(separator: "_") }
}
