import CNNEngine
import Foundation

/// A timed pass of a network over a set of inputs, in batches.
struct InferenceRun {
    /// `[N] + model.output.dimensions`.
    var output: Tensor
    var batchSize: Int
    var batches: Int
    var seconds: Double

    var samples: Int { output.shape.first ?? 0 }
    var secondsPerBatch: Double { batches == 0 ? 0 : seconds / Double(batches) }
    var imagesPerSecond: Double { seconds == 0 ? 0 : Double(samples) / seconds }

    /// Runs `input` (`[N, ...]`) through `network` `batch` samples at a time.
    init(network: Network, input: Tensor, batch: Int) throws {
        let count = input.shape.first ?? 0
        let sampleSize = count == 0 ? 0 : input.count / count
        let outputSize = network.model.output.elementCount
        var scalars: [Float] = []
        scalars.reserveCapacity(count * outputSize)
        var elapsed: Duration = .zero
        var batches = 0
        let clock = ContinuousClock()
        for start in stride(from: 0, to: count, by: batch) {
            let size = min(batch, count - start)
            let slice = Tensor(shape: [size] + input.shape.dropFirst(),
                               scalars: Array(input.scalars[start * sampleSize..<(start + size) * sampleSize]))
            let began = clock.now
            let result = try network.forward(slice)
            elapsed += clock.now - began
            scalars += result.scalars
            batches += 1
        }
        output = Tensor(shape: network.outputShape(batch: count), scalars: scalars)
        batchSize = min(batch, max(count, 1))
        self.batches = batches
        let parts = elapsed.components
        seconds = Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
