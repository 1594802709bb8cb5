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

    /// Runs `count` samples through `network`, `batch` at a time: `inputs(start, size)` gives the
    /// samples `start ..< start + size` as `[size] + input dimensions`, so that only one batch of
    /// inputs exists at a time. Throws `Interrupted` when `isInterrupted` says so between batches.
    init(network: Network, count: Int, batch: Int, inputs: (_ start: Int, _ size: Int) throws -> Tensor,
         isInterrupted: () -> Bool = { false }) throws {
        let values = network.model.outputs.map(\.value)
        var scalars = [[Float]](repeating: [], count: values.count)
        for (index, value) in values.enumerated() {
            scalars[index].reserveCapacity(count * network.model.shape(of: value).elementCount)
        }
        var elapsed: Duration = .zero
        var batches = 0
        let clock = ContinuousClock()
        for start in stride(from: 0, to: count, by: batch) {
            if isInterrupted() { throw Interrupted() }
            let slice = try inputs(start, min(batch, count - start))
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
