@testable import CNNEngine
import CNNFrontEnd
import CNNModel
import Testing

/// A training step reuses what the first one allocated: no buffer, panel or scratch space is
/// allocated once the largest batch has been seen, and the reused space gives the same gradients
/// as a network that never trained at another batch size.
@Suite struct TrainingAllocationTests {
    /// Grouped and padded convs, a residual with fan-out, batchnorm, a deconv, dropout and two denses.
    static let spec = """
        input 6x6x2
        conv 4 3x3 same relu
        a: batchnorm
        add { conv 4 3x3 g2 p1 tanh nobias }
        concat @a { maxpool 2; deconv 2 2 s2 }
        maxpool 2 ceil
        dropout 0.25
        dense 5 relu
        dense 3 softmax
        """

    private func network() throws -> Network {
        let model = try #require(Compiler.compile(source: Self.spec).model)
        return Network(model: model, seed: 3)
    }

    private func images(_ count: Int) -> Tensor {
        var generator = SeededGenerator(seed: UInt64(count))
        return Tensor(shape: [count, 6, 6, 2], scalars: (0..<count * 72).map { _ in generator.nextSymmetric(1) })
    }

    /// One step as `Trainer.train` takes it: forward, dL/dy, backward, Adam, repack.
    private func step(_ network: Network, images: Tensor, optimizer: inout Adam, generator: inout SeededGenerator) {
        let batch = images.shape[0]
        network.loadBatch(images, indices: Array(0..<batch)[...], training: true)
        network.forwardTraining(batch: batch, generator: &generator)
        network.setOutputGradient(ArraySlice((0..<batch * 3).map { Float($0 % 5) / 5 - 0.4 }))
        network.backward(batch: batch, beforeSoftmax: false)
        optimizer.update(network.trainableParameters)
        network.parametersDidChange()
    }

    @Test func stepsAfterTheFirstAllocateNoBuffers() throws {
        let network = try network()
        var optimizer = Adam(learningRate: 0.01)
        var generator = SeededGenerator(seed: 1)
        step(network, images: images(4), optimizer: &optimizer, generator: &generator)
        let counter = AllocationCounter()
        FloatBuffer.$allocationCounter.withValue(counter) {
            for batch in [4, 3, 1, 4] {
                step(network, images: images(batch), optimizer: &optimizer, generator: &generator)
            }
        }
        #expect(counter.count.load(ordering: .relaxed) == 0)
        // The counter sees allocations: a first step at a larger batch lays out new buffers.
        FloatBuffer.$allocationCounter.withValue(counter) {
            step(network, images: images(5), optimizer: &optimizer, generator: &generator)
        }
        #expect(counter.count.load(ordering: .relaxed) > 0)
    }

    /// Panels and scratch laid out for batch 4, then reused at batch 3, against a network whose
    /// first batch is 3: gradients equal to the last bit.
    @Test func reusedSpaceGivesTheSameGradients() throws {
        let warmed = try network(), fresh = try network()
        let gradient = Tensor(shape: [3, 3], scalars: [0.3, -0.2, 0.1, 0.5, 0, -0.4, -0.1, 0.2, 0.6])
        _ = warmed.gradients(input: images(4), outputGradient: Tensor(shape: [4, 3], scalars: [Float](repeating: 0.1, count: 12)))
        let reused = warmed.gradients(input: images(3), outputGradient: gradient)
        let expected = fresh.gradients(input: images(3), outputGradient: gradient)
        #expect(reused.input.scalars == expected.input.scalars)
        #expect(reused.parameters == expected.parameters)
        #expect(expected.parameters.contains { $0.contains { $0 != 0 } })
    }
}
