import CNNEngine
import CNNModel

/// What `cnnc run` prints: top classes for a classifier, a compact view of any other output,
/// and the time per batch.
struct RunReport {
    var model: Model
    var run: InferenceRun
    var top: Int
    /// `Network.plannedInferenceBytesPerSample`.
    var plannedBytesPerSample: Int
    /// The per-layer timing of `--profile`, printed after the timing line.
    var profile: ProfileReport?

    /// A model whose output is a score per class; probabilities when it ends in softmax.
    var isClassifier: Bool { model.classCount != nil }
    var endsInSoftmax: Bool { model.endsInSoftmax }

    /// The `k` best classes of sample `index`, best first (ties to the lower class).
    func topClasses(of index: Int) -> [(index: Int, score: Float)] {
        let classes = model.output.elementCount
        let scores = run.output.scalars[index * classes..<(index + 1) * classes]
        return scores.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
            .prefix(min(top, classes)).map { ($0.offset, $0.element) }
    }

    func text() -> String {
        var lines: [String] = []
        let label = endsInSoftmax ? "probability" : "score"
        if model.outputs.count > 1 {
            for (index, output) in model.outputs.enumerated() {
                lines.append("output \(output.name): \(run.samples) x \(model.shape(of: output.value))")
                lines += compactView(of: index)
            }
        } else if isClassifier {
            for sample in 0..<run.samples {
                let classes = topClasses(of: sample).map { "\($0.index) (\(format($0.score)))" }
                lines.append("sample \(sample): " + classes.joined(separator: "  "))
            }
            lines.append("(class (\(label)), best first)")
        } else {
            lines.append("output: \(run.samples) x \(model.output)")
            lines += compactView(of: 0)
        }
        lines.append(timing())
        if let profile { lines.append(profile.text()) }
        return lines.joined(separator: "\n")
    }

    /// Up to eight samples of output `index`: min, mean, max and the first values.
    private func compactView(of index: Int) -> [String] {
        var lines: [String] = []
        for sample in 0..<min(run.samples, 8) {
            let values = sampleValues(sample, of: index)
            let stats = statistics(values)
            let preview = values.prefix(6).map(format).joined(separator: " ")
            lines.append("sample \(sample): min \(format(stats.min)) mean \(format(stats.mean)) max \(format(stats.max))"
                + "  [\(preview)\(values.count > 6 ? " ..." : "")]")
        }
        if run.samples > 8 { lines.append("... " + Wording.count(run.samples - 8, "more sample", plural: "more samples")) }
        return lines
    }

    func json() -> String {
        var fields: [String] = [
            "\"output_shape\": [\(run.output.shape.map(String.init).joined(separator: ", "))]",
        ]
        if model.outputs.count > 1 {
            let outputs = model.outputs.enumerated().map { index, output in
                "{\"name\": \(JSONText.quoted(output.name)), \"output_shape\": [\(run.outputs[index].shape.map(String.init).joined(separator: ", "))],"
                    + " \"samples\": [" + sampleStatistics(of: index).joined(separator: ", ") + "]}"
            }
            fields.append("\"named_outputs\": [\n    " + outputs.joined(separator: ",\n    ") + "\n  ]")
        } else if isClassifier {
            // `score` always, so that a tool reads one key whatever the last layer; `probability` too
            // (the same number) when the model ends in softmax, as before.
            let samples = (0..<run.samples).map { sample in
                "{\"sample\": \(sample), \"top\": [" + topClasses(of: sample).map {
                    "{\"class\": \($0.index), \"score\": \(jsonNumber($0.score))"
                        + (endsInSoftmax ? ", \"probability\": \(jsonNumber($0.score))" : "") + "}"
                }.joined(separator: ", ") + "]}"
            }
            fields.append("\"predictions\": [\n    " + samples.joined(separator: ",\n    ") + "\n  ]")
        } else {
            fields.append("\"outputs\": [\n    " + sampleStatistics(of: 0).joined(separator: ",\n    ") + "\n  ]")
        }
        fields.append("\"memory\": {\"batch\": \(run.batchSize), \"inference_activation_bytes\": \(memory.sum),"
            + " \"peak_activation_bytes\": \(memory.peak), \"planned_bytes\": \(memory.planned)}")
        fields.append("\"timing\": {\"samples\": \(run.samples), \"batch_size\": \(run.batchSize), \"batches\": \(run.batches),"
            + " \"seconds_per_batch\": \(Wording.jsonNumber(run.secondsPerBatch)),"
            + " \"images_per_second\": \(Wording.jsonNumber(run.imagesPerSecond))}")
        if let profile { fields.append("\"profile\": " + profile.json()) }
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}"
    }

    private func timing() -> String {
        "\(Wording.count(run.samples, "sample")) in \(Wording.count(run.batches, "batch", plural: "batches")) of \(run.batchSize):"
            + " \(CountFormat.fixed(run.secondsPerBatch * 1000, decimals: 3)) ms per batch,"
            + " \(CountFormat.grouped(Int(run.imagesPerSecond.rounded()))) images/s"
    }

    /// `{"sample", "min", "mean", "max"}` of each sample of output `index`.
    private func sampleStatistics(of index: Int) -> [String] {
        (0..<run.samples).map { sample in
            let stats = statistics(sampleValues(sample, of: index))
            return "{\"sample\": \(sample), \"min\": \(jsonNumber(stats.min)), \"mean\": \(jsonNumber(stats.mean)),"
                + " \"max\": \(jsonNumber(stats.max))}"
        }
    }

    /// Bytes of a batch's values: every layer output, the most alive at once, and the engine's plan
    /// (which holds the input too, and reuses its buffer).
    private var memory: (sum: Int, peak: Int, planned: Int) {
        let batch = run.batchSize * 4
        return (batch * model.layers.reduce(0) { $0 + $1.outputShape.elementCount },
                batch * model.peakActivationElements, run.batchSize * plannedBytesPerSample)
    }

    private func sampleValues(_ sample: Int, of index: Int = 0) -> ArraySlice<Float> {
        let size = model.shape(of: model.outputs[index].value).elementCount
        return run.outputs[index].scalars[sample * size..<(sample + 1) * size]
    }

    private func statistics(_ values: ArraySlice<Float>) -> (min: Float, mean: Float, max: Float) {
        guard let first = values.first else { return (0, 0, 0) }
        var low = first, high = first, sum: Double = 0
        for value in values {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
            sum += Double(value)
        }
        return (low, Float(sum / Double(values.count)), high)
    }

    private func format(_ value: Float) -> String { CountFormat.fixed(Double(value), decimals: 4) }

    /// JSON has no NaN or infinity: those become null.
    private func jsonNumber(_ value: Float) -> String { value.isFinite ? "\(value)" : "null" }
}
