import CNNTestSupport
import CNNEmitters
import CNNModel
import CNNReference
import Foundation
import Testing

/// The emitted modules run in PyTorch, against the safetensors contract, the independent
/// reference forward pass (`CNNReference`), and hand-computed pooling cases. Skipped, visibly,
/// without torch.
@Suite(.enabled(if: Python.hasTorch, "needs python3 with torch and safetensors (pip install torch safetensors)"))
struct PyTorchNumericTests {
    @Test(arguments: ["lenet5", "vgg_block", "asymmetric_same", "mixed", "edges"])
    func stateDictIsTheSafetensorsContract(_ name: String) throws {
        let model = try #require(try ExampleModels.all().first { $0.name == name }).model
        let report = try TorchRunner(model: model).run(weights: nil, input: TestWeights.input(
            count: model.input.elementCount, seed: 1), samples: 1)
        let state = report.state.filter { !$0.name.hasSuffix("num_batches_tracked") }
        #expect(state.map(\.name) == model.parameterTensors.map(\.name))
        #expect(state.map(\.shape) == model.parameterTensors.map(\.shape))
        #expect(report.trainable == model.parameterTensors.filter(\.isTrainable).filter {
            !$0.name.hasSuffix("running_mean") && !$0.name.hasSuffix("running_var")
        }.map(\.name))
    }

    @Test(arguments: ["lenet5", "vgg_block", "asymmetric_same", "mixed", "edges"])
    func matchesTheReferenceForwardPass(_ name: String) throws {
        let model = try #require(try ExampleModels.all().first { $0.name == name }).model
        let weights = TestWeights.random(for: model, seed: 7)
        let samples = 2
        let input = TestWeights.input(count: samples * model.input.elementCount, seed: 11)
        let report = try TorchRunner(model: model).run(weights: weights, input: input, samples: samples)
        let expected = ReferenceNetwork.forward(model: model, weights: weights, input: input, batch: samples)
        #expect(isClose(report.output, expected), "\(report.output.prefix(8)) vs \(expected.prefix(8))")
    }

    /// The module's own fixed filters (no weights loaded) are the table's, divided by the channels.
    @Test func fixedFiltersMatchTheTable() throws {
        let model = try ExampleModels.edges()
        let report = try TorchRunner(model: model).run(weights: nil, input: TestWeights.input(
            count: model.input.elementCount, seed: 3), samples: 1)
        #expect(report.frozen["conv1.weight"] == FixedFilter.sobel.weights(filters: 2, channelsPerGroup: 3))
        #expect(report.frozen["conv2.weight"] == FixedFilter.laplacian.weights(filters: 1, channelsPerGroup: 2))
        #expect(report.frozen["conv1.bias"] == [0, 0])
        #expect(report.frozen["conv1.weight"]?.prefix(3) == [1.0 / 3, 0, -1.0 / 3])
    }

    /// Padding never wins a max and is never counted in an average, in PyTorch too: the module
    /// against the values computed by hand (`ReferenceNetworkTests` holds the reference and the
    /// engine to the same table, with or without torch).
    @Test(arguments: PoolingByHand.cases)
    func poolingPaddingByHand(_ test: PoolingByHand) throws {
        let report = try TorchRunner(model: try test.model()).run(weights: [:], input: test.input, samples: 1)
        #expect(report.output == test.expected)
    }
}
