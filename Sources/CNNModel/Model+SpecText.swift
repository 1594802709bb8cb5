extension Model {
    /// The model as a flat spec that compiles back to it: `input`, then one named statement per
    /// layer in order. A layer that does not read the value just before it is preceded by an
    /// `@name` line, merges name all their operands (`s: add @a @b`), and an `output` line lists
    /// the outputs unless the last layer is the only one. What importers write (ONNX, Darknet).
    ///
    /// Layer names must be spec identifiers (letters, digits, `_`): a model built from a spec
    /// with block calls has dotted names, which only a call may declare; `header` lines become
    /// `#` comments at the top.
    public func specText(header: [String] = []) -> String {
        var lines = header.map { $0.isEmpty ? "#" : "# \($0)" }
        lines.append("input \(input.dimensions.map(String.init).joined(separator: "x"))")
        var current = ValueID.input
        for (index, layer) in layers.enumerated() {
            let statement: String
            if case .merge = layer.operation {
                statement = ([layer.operation.specText] + layer.inputs.map { "@" + name(of: $0) }).joined(separator: " ")
            } else {
                if layer.inputs[0] != current {
                    // After a merge, a `@name` line would continue its operands: end the merge first.
                    if index > 0, case .merge = layers[index - 1].operation { lines[lines.count - 1] += ";" }
                    lines.append("@" + name(of: layer.inputs[0]))
                }
                statement = layer.operation.specText
            }
            lines.append("\(layer.name): \(statement)")
            current = ValueID(layer: index)
        }
        if outputs.map(\.value) != [current] {
            lines.append((["output"] + outputs.map { "@" + name(of: $0.value) }).joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
