import CNNTestSupport
import CNNEmitters
import CNNModel
import Foundation
import Testing

/// The emitted modules run in PyTorch, against the safetensors contract, an independent
/// reference forward pass, and hand-computed pooling cases. Skipped, visibly, without torch.
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
        let reference = ReferenceForward(model: model, weights: weights)
        let size = model.input.elementCount
        let expected = (0..<samples).flatMap { reference(Array(input[($0 * size)..<(($0 + 1) * size)])) }
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

    /// Padding never wins a max and is never counted in an average, even beyond PyTorch's
    /// half-window limit and when asymmetric. Expected values computed by hand.
    @Test(arguments: [
        // 3x3 input 1...9, window 2, stride 2, `same`: padding (0, 1) on both axes.
        (PoolKind.average, 2, 2, PaddingMode.same, (1...9).map { Float($0) }, 3, [3, 4.5, 7.5, 9]),
        (.max, 2, 2, .same, (1...9).map { -Float($0) }, 3, [-1, -3, -7, -9]),
        // 2x2 input, window 3, stride 1, p2 (more than half the window): 4x4 output.
        (.average, 3, 1, .explicit(Size2(2, 2)), [1, 2, 3, 4], 2,
         [1, 1.5, 1.5, 2, 2, 2.5, 2.5, 3, 2, 2.5, 2.5, 3, 3, 3.5, 3.5, 4]),
        (.max, 3, 1, .explicit(Size2(2, 2)), [-1, -2, -3, -4], 2,
         [-1, -1, -1, -2, -1, -1, -1, -2, -1, -1, -1, -2, -3, -3, -3, -4]),
        // Symmetric padding within half the window: PyTorch's own module arguments.
        (.average, 3, 1, .same, [1, 2, 3, 4], 2, [2.5, 2.5, 2.5, 2.5]),
        (.max, 3, 1, .same, [-1, -2, -3, -4], 2, [-1, -1, -1, -1]),
    ] as [(PoolKind, Int, Int, PaddingMode, [Float], Int, [Float])])
    func poolingPaddingByHand(_ kind: PoolKind, _ window: Int, _ stride: Int, _ padding: PaddingMode,
                              _ input: [Float], _ side: Int, _ expected: [Float]) throws {
        let model = try Model(input: .image(height: side, width: side, channels: 1),
                              operations: [ExampleModels.pool(kind, window, stride: stride, padding)])
        let report = try TorchRunner(model: model).run(weights: [:], input: input, samples: 1)
        #expect(report.output == expected)
        #expect(ReferenceForward(model: model, weights: [:])(input) == expected)
    }
}
