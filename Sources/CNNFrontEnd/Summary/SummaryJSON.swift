import CNNModel

/// The summary as JSON, a stable contract for tools: keys in a fixed order, one layer per line.
///
/// `{"input": [H, W, C], "layers": [{"name", "kind", "type", "output", "params", "trainable_params",
/// "macs", "receptive_field"}], "total_params", "trainable_params", "non_trainable_params",
/// "total_macs", "total_flops", "memory": {...}}`.
public enum SummaryJSON {
    public static func render(_ summary: Summary) -> String {
        let layers = summary.rows.map { row in
            object([
                ("name", string(row.name)), ("kind", string(row.kind)), ("type", string(row.type)),
                ("output", array(row.output.dimensions)), ("params", "\(row.parameters)"),
                ("trainable_params", "\(row.trainableParameters)"), ("macs", "\(row.macs)"),
                ("receptive_field", array([row.receptiveField.height, row.receptiveField.width])),
            ])
        }
        let memory = summary.memory
        let fields: [(String, String)] = [
            ("input", array(summary.input.dimensions)),
            ("layers", layers.isEmpty ? "[]" : "[\n    " + layers.joined(separator: ",\n    ") + "\n  ]"),
            ("total_params", "\(summary.totalParameters)"),
            ("trainable_params", "\(summary.trainableParameters)"),
            ("non_trainable_params", "\(summary.nonTrainableParameters)"),
            ("total_macs", "\(summary.totalMACs)"),
            ("total_flops", "\(summary.totalFLOPs)"),
            ("memory", object([
                ("batch", "\(memory.batch)"), ("input_bytes", "\(memory.input)"),
                ("inference_activation_bytes", "\(memory.inferenceActivations)"),
                ("training_bytes", "\(memory.training)"),
            ])),
        ]
        return "{\n" + fields.map { "  \(string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    private static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    private static func array(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ", ") + "]"
    }

    /// A JSON string literal; layer names are identifiers, but escape fully all the same.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
