import Foundation
import CNNModel

/// The classification loss: mean cross-entropy over a batch, with softmax fused in.
///
/// When the model ends in softmax its outputs are probabilities `p` and the gradient with respect
/// to the softmax's input is `(p - onehot) / N`, which never divides by a tiny probability; other
/// models' outputs are taken as logits, exactly as PyTorch's `CrossEntropyLoss`.
struct CrossEntropy {
    let classes: Int
    let outputsAreProbabilities: Bool

    init(model: Model) {
        classes = model.output.elementCount
        outputsAreProbabilities = model.endsInSoftmax
    }

    /// Writes dL/d(logits) of the `labels.count` samples of `output` into `gradient`; returns the
    /// summed loss and how many samples were classified right.
    func evaluate(output: [Float], labels: ArraySlice<Int>, gradient: inout [Float]) -> (loss: Double, correct: Int) {
        let batch = labels.count
        var loss = 0.0, correct = 0
        var probabilities = [Float](repeating: 0, count: classes)
        for (sample, label) in labels.enumerated() {
            let row = output[sample * classes..<(sample + 1) * classes]
            if outputsAreProbabilities {
                for (k, p) in row.enumerated() { probabilities[k] = p }
            } else {
                let largest = row.max() ?? 0
                var total: Float = 0
                for (k, z) in row.enumerated() {
                    probabilities[k] = Foundation.exp(z - largest)
                    total += probabilities[k]
                }
                for k in 0..<classes { probabilities[k] /= total }
            }
            loss -= Foundation.log(Double(max(probabilities[label], Float.leastNormalMagnitude)))
            if argmax(probabilities) == label { correct += 1 }
            for k in 0..<classes {
                gradient[sample * classes + k] = (probabilities[k] - (k == label ? 1 : 0)) / Float(batch)
            }
        }
        return (loss, correct)
    }
}

/// The index of the largest value (the first one on ties).
func argmax<C: Collection>(_ values: C) -> Int where C.Element == Float {
    var best = 0, bestValue = -Float.infinity
    for (index, value) in values.enumerated() where value > bestValue {
        best = index
        bestValue = value
    }
    return best
}
