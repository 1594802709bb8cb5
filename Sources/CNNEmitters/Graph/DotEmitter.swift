import CNNModel

/// Writes a model as a Graphviz DOT graph: one box per layer (name, settings, output shape,
/// parameters), an edge from each value to each layer that reads it (Graphviz puts branches side
/// by side), the input on top.
///
/// Nodes are called `n0` (the input), `n1`, ... so that no layer name needs DOT quoting rules
/// beyond its label. The output is deterministic: the same model gives the same bytes.
public enum DotEmitter {
    /// The DOT text of `model`; `title` names the graph (e.g. the spec's file name).
    public static func emit(_ model: Model, title: String = "model") -> String {
        let captions = LayerCaption.all(model)
        var lines = [
            "digraph \(quoted(title)) {",
            "    rankdir=TB;",
            "    node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];",
            "    edge [arrowsize=0.7];",
        ]
        for (index, caption) in captions.enumerated() {
            let label = caption.lines.map(escaped).joined(separator: "\\n")
            let fill = SVGPalette.fill(for: caption.kind)
            lines.append("    n\(index) [label=\"\(label)\", fillcolor=\"\(fill)\"];")
        }
        for (index, layer) in model.layers.enumerated() {
            for input in layer.inputs { lines.append("    n\(input.rawValue) -> n\(index + 1);") }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A DOT double-quoted string.
    static func quoted(_ text: String) -> String { "\"\(escaped(text))\"" }

    /// Escapes what a DOT quoted string treats specially (quotes, backslashes), on one line and
    /// without control characters (`CommentText.line`).
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in CommentText.line(text) {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result
    }
}
