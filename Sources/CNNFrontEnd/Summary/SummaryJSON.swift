import CNNModel

/// The summary as JSON, a stable contract for tools: keys in a fixed order, one layer per line.
///
/// `{"input": [H, W, C], "layers": [{"name", "kind", "type", "output", "params", "trainable_params",
/// "macs", "receptive_field", "inputs"}], "outputs": [{"name", "output"}], "total_params",
/// "trainable_params", "non_trainable_params", "total_macs", "total_flops", "memory": {...},
/// "any_spatial_size"}` (true when the model takes any HxW with the input's channels);
/// a figure too large for an `Int` is null.
public enum SummaryJSON {
    public static func render(_ summary: Summary) -> String {
        let layers = summary.rows.map { row in
            object([
                ("name", JSONText.quoted(row.name)), ("kind", JSONText.quoted(row.kind)), ("type", JSONText.quoted(row.type)),
                ("output", array(row.output.dimensions)), ("params", "\(row.parameters)"),
                ("trainable_params", "\(row.trainableParameters)"), ("macs", "\(row.macs)"),
                ("receptive_field", array([row.receptiveField.height, row.receptiveField.width])),
                ("inputs", "[" + row.inputs.map(JSONText.quoted).joined(separator: ", ") + "]"),
            ])
        }
        let outputs = summary.outputs.map { object([("name", JSONText.quoted($0.name)), ("output", array($0.shape.dimensions))]) }
        let memory = summary.memory
        let fields: [(String, String)] = [
            ("input", array(summary.input.dimensions)),
            ("layers", layers.isEmpty ? "[]" : "[\n    " + layers.joined(separator: ",\n    ") + "\n  ]"),
            ("outputs", "[" + outputs.joined(separator: ", ") + "]"),
            ("total_params", "\(summary.totalParameters)"),
            ("trainable_params", "\(summary.trainableParameters)"),
            ("non_trainable_params", "\(summary.nonTrainableParameters)"),
            ("total_macs", "\(summary.totalMACs)"),
            ("total_flops", number(summary.totalFLOPs)),
            ("memory", object([
                ("batch", "\(memory.batch)"), ("input_bytes", number(memory.input)),
                ("inference_activation_bytes", number(memory.inferenceActivations)),
                ("peak_activation_bytes", number(memory.peakActivations)),
                ("training_bytes", number(memory.training)),
            ])),
            ("any_spatial_size", summary.anySpatialSize ? "true" : "false"),
        ]
        return "{\n" + fields.map { "  \(JSONText.quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// A figure, or null when it overflows (as NaN is null in `cnnc run --json`).
    private static func number(_ value: Int?) -> String {
        value.map(String.init) ?? "null"
    }

    private static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(JSONText.quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    private static func array(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ", ") + "]"
    }
}
