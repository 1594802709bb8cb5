import CNNModel

/// The human-readable summary: an aligned table of layers, then totals and memory.
public enum SummaryTable {
    /// `title` names the model in the first line, e.g. the spec's path.
    public static func render(_ summary: Summary, title: String) -> String {
        // A chain's inputs are always the row above; a graph names them, as Keras' "Connected to".
        let inputs = summary.branches
        let header = ["#", "Layer", "Type", "Output", "Params", "MACs", "RF"] + (inputs ? ["Inputs"] : [])
        var cells = [["", "input", "", summary.input.description, "", "", ""] + (inputs ? [""] : [])]
        for row in summary.rows {
            cells.append([String(row.index), row.name, row.type, row.output.description,
                          CountFormat.grouped(row.parameters), CountFormat.grouped(row.macs),
                          row.receptiveField.description] + (inputs ? [row.inputs.joined(separator: ", ")] : []))
        }
        let table = TextTable(header: header, rows: cells, rightAligned: [0, 4, 5, 6])
        let heavy = String(repeating: "=", count: table.width), light = String(repeating: "-", count: table.width)

        var lines = ["Model: \(title)", heavy, table.line(header), light]
        lines += cells.map(table.line)
        lines.append(heavy)
        lines += totals(summary)
        lines.append(heavy)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func totals(_ summary: Summary) -> [String] {
        let bytes = Summary.bytesPerScalar
        let memory = summary.memory
        let entries: [(String, String)] = [
            ("Total params", counted(summary.totalParameters, bytes: bytes)),
            ("Trainable params", counted(summary.trainableParameters, bytes: bytes)),
            ("Non-trainable params", counted(summary.nonTrainableParameters, bytes: bytes)),
            ("Total MACs", "\(CountFormat.grouped(summary.totalMACs)) (\(CountFormat.metric(summary.totalMACs)))"),
            ("Total FLOPs", Summary.figure(summary.totalFLOPs) { "\(CountFormat.grouped($0)) (\(CountFormat.metric($0)))" }),
        ] + (summary.anySpatialSize ? [("Input shape", Summary.anySizeText(summary.input))] : []) + [
            ("Input size (batch \(memory.batch))", Summary.figure(memory.input, CountFormat.bytes)),
            ("Activations, inference", Summary.figure(memory.inferenceActivations, CountFormat.bytes)),
        ] + (summary.branches ? [("Activations, peak", Summary.figure(memory.peakActivations, CountFormat.bytes))] : []) + [
            ("Training with Adam", Summary.figure(memory.training, CountFormat.bytes)),
        ]
        let labelWidth = entries.map(\.0.count).max() ?? 0
        return entries.map { label, value in
            label + ":" + String(repeating: " ", count: labelWidth - label.count + 1) + value
        }
    }

    private static func counted(_ count: Int, bytes: Int) -> String {
        "\(CountFormat.grouped(count)) (\(Summary.figure(checkedProduct(count, bytes), CountFormat.bytes)))"
    }
}
