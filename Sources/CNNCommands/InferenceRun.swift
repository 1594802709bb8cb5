import CNNEngine
import Foundation

/// A timed pass of a network over a set of inputs, in batches.
struct InferenceRun {
    /// One per model output, each `[N] + its dimensions`.
    var outputs: [Tensor]
    /// The first output: a single-output model's only one.
    var output: Tensor { outputs[0] }
    var batchSize: Int
    var batches: Int
    var seconds: Double

    var samples: Int { outputs[0].shape.first ?? 0 }
    var secondsPerBatch: Double { batches == 0 ? 0 : seconds / Double(batches) }
    var imagesPerSecond: Double { seconds == 0 ? 0 : Double(samples) / seconds }

    /// Runs `input` (`[N, ...]`) through `network` `batch` samples at a time.
    init(network: Network, input: Tensor, batch: Int) throws {
        let count = input.shape.first ?? 0
        let sampleSize = count == 0 ? 0 : input.count / count
        let values = network.model.outputs.map(\.value)
        var scalars = [[Float]](repeating: [], count: values.count)
        var elapsed: Duration = .zero
        var batches = 0
        let clock = ContinuousClock()
        for start in stride(from: 0, to: count, by: batch) {
            let size = min(batch, count - start)
            let slice = Tensor(shape: [size] + input.shape.dropFirst(),
                               scalars: Array(input.scalars[start * sampleSize..<(start + size) * sampleSize]))
            let began = clock.now
            let results = try network.forwardAll(slice)
            elapsed += clock.now - began
            for index in results.indices { scalars[index] += results[index].scalars }
            batches += 1
        }
        outputs = zip(values, scalars).map { value, scalars in
            Tensor(shape: [count] + network.model.shape(of: value).dimensions, scalars: scalars)
        }
        batchSize = min(batch, max(count, 1))
        self.batches = batches
        seconds = elapsed.inSeconds
    }
}
