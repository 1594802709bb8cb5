import CNNModel

/// Accuracy and confusion matrix of a classifier on labelled images (`cnnc eval`).
public struct Evaluation: Hashable, Sendable {
    /// `confusion[true][predicted]` counts.
    public var confusion: [[Int]]

    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }
    public var correct: Int { confusion.indices.reduce(0) { $0 + confusion[$1][$1] } }
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    public init(confusion: [[Int]]) {
        self.confusion = confusion
    }

    /// Runs `network` over `data` in inference mode, `batch` images at a time.
    public init(network: Network, data: LabeledImages, split: String = "test", batch: Int = 256) throws(TrainingError) {
        let classes = try Trainer.validate(network.model, data: data, split: split)
        if let name = network.firstNonFiniteWeight() { throw .nonFiniteWeight(name: name) }
        confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        let indices = Array(0..<data.count)
        for start in stride(from: 0, to: data.count, by: batch) {
            let slice = indices[start..<min(start + batch, data.count)]
            network.loadBatch(data.images, indices: slice, training: false)
            network.run(batch: slice.count)
            let output = network.lastOutput(batch: slice.count).scalars
            for (sample, index) in slice.enumerated() {
                confusion[data.labels[index]][argmax(output[sample * classes..<(sample + 1) * classes])] += 1
            }
        }
    }

    /// The confusion matrix as aligned text: rows are true classes, columns predictions.
    public func confusionTable() -> String {
        let width = max(String(confusion.flatMap { $0 }.max() ?? 0).count, String(confusion.count - 1).count, 2)
        func cell(_ text: String) -> String { String(repeating: " ", count: width - text.count) + text }
        var lines = ["true \\ predicted"]
        lines.append(cell("") + " " + confusion.indices.map { cell(String($0)) }.joined(separator: " "))
        for (label, row) in confusion.enumerated() {
            lines.append(cell(String(label)) + " " + row.map { cell(String($0)) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
