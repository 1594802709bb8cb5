@testable import CNNEngine
import CNNModel
import CNNReference
import Testing

/// Activations, softmax, batchnorm, LRN and flatten against their reference twins and hand values.
@Suite struct ElementwiseTests {
    static let activations: [Activation] = [.relu, .leakyReLU(alpha: 0.2), .sigmoid, .tanh, .softmax, .linear]

    @Test(arguments: activations)
    func activationLayerMatchesReference(_ activation: Activation) throws {
        let layer = try checkedLayer(.activation(activation), input: .image(height: 3, width: 2, channels: 5))
        let input = randomValues(2 * 30, seed: 31).map { $0 * 4 }
        let output = FloatBuffer(count: 60)
        ActivationLayer(layer, activation: activation).forward(FloatBuffer(input), into: output, batch: 2)
        expectClose(output.array(), ReferenceKernels.activation(activation, input, channels: 5), tolerance: 1e-6)
    }

    @Test func softmaxIsStableAndSumsToOne() throws {
        let layer = try checkedLayer(.activation(.softmax), input: .vector(3))
        let output = FloatBuffer(count: 3)
        ActivationLayer(layer, activation: .softmax).forward(FloatBuffer([1000, 1000, -1000]), into: output, batch: 1)
        #expect(output.array() == [0.5, 0.5, 0])
    }

    @Test func batchNormUsesRunningStatistics() throws {
        let layer = try checkedLayer(.batchNorm(BatchNorm(epsilon: 1e-3)), input: .image(height: 2, width: 2, channels: 3))
        let executable = BatchNormLayer(layer, settings: BatchNorm(epsilon: 1e-3))
        let weight: [Float] = [1, 2, -1], bias: [Float] = [0, 1, 0.5], mean: [Float] = [0.5, -1, 2]
        let variance: [Float] = [1, 4, 0.25]
        executable.load([weight, bias, mean, variance].map { Tensor(shape: [3], scalars: $0) })
        let input = randomValues(2 * 12, seed: 32)
        let output = FloatBuffer(count: 24)
        executable.forward(FloatBuffer(input), into: output, batch: 2)
        expectClose(output.array(), ReferenceKernels.batchNorm(input, channels: 3, weight: weight, bias: bias, mean: mean,
                                                             variance: variance, epsilon: 1e-3), tolerance: 1e-5)
        // By hand: channel 1 of the first value, (x + 1) / sqrt(4.001) * 2 + 1.
        #expect(abs(output[1] - ((input[1] + 1) / Float(4.001).squareRoot() * 2 + 1)) < 1e-5)
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func localResponseNormMatchesPyTorchDefinition(size: Int) throws {
        let settings = LocalResponseNorm(size: size, alpha: 0.5, beta: 0.75, k: 1)
        let layer = try checkedLayer(.localResponseNorm(settings), input: .image(height: 2, width: 2, channels: 7))
        let input = randomValues(2 * 28, seed: 33).map { $0 * 3 }
        let output = FloatBuffer(count: 56)
        LocalResponseNormLayer(layer, settings: settings).forward(FloatBuffer(input), into: output, batch: 2)
        expectClose(output.array(), ReferenceKernels.localResponseNorm(input, channels: 7, settings: settings),
                    tolerance: 1e-5)
    }

    @Test func localResponseNormByHand() throws {
        // size 2: channel c sums channels c - 1 and c (PyTorch pads 1 before, 0 after).
        let settings = LocalResponseNorm(size: 2, alpha: 1, beta: 1, k: 1)
        let layer = try checkedLayer(.localResponseNorm(settings), input: .image(height: 1, width: 1, channels: 3))
        let output = FloatBuffer(count: 3)
        LocalResponseNormLayer(layer, settings: settings).forward(FloatBuffer([1, 2, 3]), into: output, batch: 1)
        // 1 / (1 + 1/2), 2 / (1 + 5/2), 3 / (1 + 13/2)
        expectClose(output.array(), [1 / 1.5, 2 / 3.5, 3 / 7.5], tolerance: 1e-6)
    }

    @Test func flattenUsesPyTorchOrder() throws {
        let layer = try checkedLayer(.flatten, input: .image(height: 2, width: 2, channels: 2))
        let output = FloatBuffer(count: 8)
        // NHWC (h, w, c) values 100h + 10w + c.
        FlattenLayer(layer).forward(FloatBuffer([0, 1, 10, 11, 100, 101, 110, 111]), into: output, batch: 1)
        #expect(output.array() == [0, 10, 100, 110, 1, 11, 101, 111])
    }

    @Test func dropoutIsIdentityAtInference() throws {
        let layer = try checkedLayer(.dropout(rate: 0.5), input: .vector(4))
        let output = FloatBuffer(count: 4)
        DropoutLayer(layer, rate: 0.5).forward(FloatBuffer([1, -2, 3, 4]), into: output, batch: 1)
        #expect(output.array() == [1, -2, 3, 4])
    }
}
