import CNNEngine
import CNNModel

/// What `cnnc eval` prints: the accuracy, then the confusion matrix as text, or all of it with
/// per-class figures as JSON for tools.
struct EvalReport {
    var evaluation: Evaluation
    /// `test` or `train`.
    var split: String

    func text() -> String {
        "accuracy \(CountFormat.fixed(evaluation.accuracy * 100, decimals: 2))%"
            + " (\(evaluation.correct) of " + Wording.count(evaluation.count, "\(split) image") + ")\n"
            + evaluation.confusionTable()
    }

    /// `{"split", "images", "correct", "accuracy", "classes": [{"class", "images", "correct",
    /// "accuracy", "predicted", "precision"}], "confusion": [[...]]}`; `confusion[true][predicted]`.
    /// A class with no images has a null accuracy, one never predicted a null precision.
    func json() -> String {
        let confusion = evaluation.confusion
        let classes = confusion.indices.map { label in
            let images = confusion[label].reduce(0, +)
            let predicted = confusion.reduce(0) { $0 + $1[label] }
            let correct = confusion[label][label]
            return "{\"class\": \(label), \"images\": \(images), \"correct\": \(correct),"
                + " \"accuracy\": \(ratio(correct, images)), \"predicted\": \(predicted),"
                + " \"precision\": \(ratio(correct, predicted))}"
        }
        let rows = confusion.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }
        return "{\n  \"split\": \"\(split)\", \"images\": \(evaluation.count), \"correct\": \(evaluation.correct),"
            + " \"accuracy\": \(ratio(evaluation.correct, evaluation.count)),\n"
            + "  \"classes\": [\n    " + classes.joined(separator: ",\n    ") + "\n  ],\n"
            + "  \"confusion\": [\n    " + rows.joined(separator: ",\n    ") + "\n  ]\n}"
    }

    /// `part / whole` to 6 significant digits, null when `whole` is 0.
    private func ratio(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "null" : Wording.jsonNumber(Double(part) / Double(whole))
    }
}
