import CNNFrontEnd

/// `cnnc summary SPEC`: per-layer shapes, parameters, MACs and receptive fields, and totals.
enum SummaryCommand: Command {
    static let name = "summary"
    static let abstract = "Print per-layer output shapes, parameters, MACs and totals"
    static let discussion = """
        Formats: table (for people), json (a stable contract for tools), markdown, csv.
        A model that branches shows each layer's inputs. --depth 0 shows each block call as one row.
        A spec with errors prints its diagnostics and no summary (exit 1).
        """
    static let positionals = [CheckCommand.spec]
    static let format = Option("--format", value: "FORMAT", help: "table (default), json, markdown or csv")
    static let batch = Option("--batch", value: "N", help: "Batch size for the memory estimates (default 1)")
    static let depth = Option("--depth", value: "N", help: "Collapse block calls nested deeper than N into one row each")
    static let options = [CheckCommand.input, format, batch, depth]

    enum Format: String, CaseIterable { case table, json, markdown, csv }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        let chosenFormat = try arguments.choice(format, default: Format.table)
        let batchSize = try arguments.int(batch, default: 1, in: 1...1 << 24)
        let collapseDepth = arguments.isSet(depth) ? try arguments.int(depth, default: 0, in: 0...1_000) : nil
        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        let summary = Summary(model: spec.model, batch: batchSize, depth: collapseDepth)
        switch chosenFormat {
        case .table: context.print(SummaryTable.render(summary, title: spec.path))
        case .json: context.print(SummaryJSON.render(summary))
        case .markdown: context.print(SummaryDelimited.markdown(summary, title: spec.path))
        case .csv: context.write(SummaryDelimited.csv(summary), .output)
        }
        return .success
    }
}
