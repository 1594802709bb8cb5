import CNNModel

/// The layer table as Markdown (for READMEs and issues) or CSV (for spreadsheets).
public enum SummaryDelimited {
    /// The columns; a graph's tables add `Inputs`, as the text table does.
    static func header(_ summary: Summary) -> [String] {
        ["#", "Layer", "Type", "Output", "Params", "Trainable", "MACs", "RF"] + (summary.branches ? ["Inputs"] : [])
    }

    static func cells(_ row: Summary.Row, _ summary: Summary) -> [String] {
        [String(row.index), row.name, row.type, row.output.description, String(row.parameters),
         String(row.trainableParameters), String(row.macs), row.receptiveField.description]
            + (summary.branches ? [row.inputs.joined(separator: ", ")] : [])
    }

    /// A GitHub table of the layers, then the totals as a short list.
    public static func markdown(_ summary: Summary, title: String) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingAll("|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        let header = header(summary)
        var lines = ["### \(title)", "", line(header),
                     "|" + header.indices.map { [0, 4, 5, 6].contains($0) ? "---:" : "---" }.joined(separator: "|") + "|"]
        lines.append(line(["", "input", "", summary.input.description] + Array(repeating: "", count: header.count - 4)))
        for row in summary.rows {
            var cells = cells(row, summary)
            for column in [4, 5, 6] { cells[column] = CountFormat.grouped(Int(cells[column]) ?? 0) }
            lines.append(line(cells))
        }
        lines += [
            "",
            "- Total params: \(CountFormat.grouped(summary.totalParameters))"
                + " (trainable \(CountFormat.grouped(summary.trainableParameters)),"
                + " non-trainable \(CountFormat.grouped(summary.nonTrainableParameters)))",
            "- Total MACs: \(CountFormat.grouped(summary.totalMACs)) (\(CountFormat.metric(summary.totalMACs)));"
                + " FLOPs: \(Summary.figure(summary.totalFLOPs, CountFormat.grouped))",
        ] + (summary.anySpatialSize ? ["- Input shape: " + Summary.anySizeText(summary.input)] : []) + [
            "- Memory for batch \(summary.memory.batch): input \(bytes(summary.memory.input)),"
                + " inference activations \(bytes(summary.memory.inferenceActivations)),"
                + (summary.branches ? " peak \(bytes(summary.memory.peakActivations))," : "")
                + " training with Adam \(bytes(summary.memory.training))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func bytes(_ value: Int?) -> String { Summary.figure(value, CountFormat.bytes) }

    /// RFC 4180 CSV: one header line, one line per layer, plain integers.
    public static func csv(_ summary: Summary) -> String {
        ([header(summary)] + summary.rows.map { cells($0, summary) }).map { $0.map(quoted).joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n"
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Replaces every occurrence of `target` (a single character) without Foundation.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
