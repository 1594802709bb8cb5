import CNNEngine
import CNNModel
import CNNReference
import Testing

/// The reference forward pass, and the engine with it, against values worked out by hand: the
/// reference is what every fast kernel and the PyTorch modules are compared with, so it answers
/// to numbers of its own too. Needs no torch: these always run.
@Suite struct ReferenceNetworkTests {
    @Test(arguments: PoolingByHand.cases)
    func poolingPaddingByHand(_ test: PoolingByHand) throws {
        let model = try test.model()
        #expect(ReferenceNetwork.forward(model: model, weights: [:], input: test.input) == test.expected)
        let input = Tensor(shape: [1, test.side, test.side, 1], scalars: test.input)
        #expect(try Network(model: model).forward(input).scalars == test.expected)
    }

    /// 3x3 image 1...9, one 2x2 filter `[[1, 2], [3, 4]]` (PyTorch's `[F, C, KH, KW]`), bias 0.5:
    /// `x[i][j] + 2 x[i][j+1] + 3 x[i+1][j] + 4 x[i+1][j+1] + 0.5`.
    @Test func convolutionByHand() throws {
        let model = try Model(input: .image(height: 3, width: 3, channels: 1), operations: [
            .convolution(Convolution(filters: 1, kernel: Size2(square: 2))),
        ])
        let weights: [String: [Float]] = ["conv1.weight": [1, 2, 3, 4], "conv1.bias": [0.5]]
        let input = (1...9).map { Float($0) }
        #expect(ReferenceNetwork.forward(model: model, weights: weights, input: input) == [37.5, 47.5, 67.5, 77.5])
        #expect(try engine(model, weights, input) == [37.5, 47.5, 67.5, 77.5])
    }

    /// A 1x2x2 image, NHWC `[1, 2, 3, 4]`, flattens in PyTorch's C x H x W order to `[1, 3, 2, 4]`:
    /// a dense unit with weights `[1, 10, 100, 1000]` reads 1 + 30 + 200 + 4000.
    @Test func denseReadsPyTorchsFlattenOrder() throws {
        let model = try Model(input: .image(height: 1, width: 2, channels: 2), operations: [
            .dense(Dense(units: 1, bias: false)),
        ])
        let weights: [String: [Float]] = ["dense1.weight": [1, 10, 100, 1000]]
        #expect(ReferenceNetwork.forward(model: model, weights: weights, input: [1, 2, 3, 4]) == [4231])
        #expect(try engine(model, weights, [1, 2, 3, 4]) == [4231])
    }

    /// Channels `[1, 2, 3]` at one pixel: softmax `e^c / (e + e^2 + e^3)`, batchnorm
    /// `(x - mean) / sqrt(var + eps) * weight + bias` with var 3.99999 + eps 1e-5 = 4.
    @Test func softmaxAndBatchNormByHand() throws {
        let model = try Model(input: .image(height: 1, width: 1, channels: 3), operations: [
            .batchNorm(BatchNorm()), .activation(.softmax),
        ])
        let weights: [String: [Float]] = [
            "batchnorm1.weight": [2, 2, 2], "batchnorm1.bias": [1, 1, 1],
            "batchnorm1.running_mean": [1, 0, -1], "batchnorm1.running_var": [3.99999, 3.99999, 3.99999],
        ]
        // (x - mean) / 2 * 2 + 1 = x - mean + 1 = [1, 3, 5]; e + e^3 + e^5 = 171.216978.
        let expected: [Float] = [0.0158762400, 0.1173104278, 0.8668133321]
        expectClose(ReferenceNetwork.forward(model: model, weights: weights, input: [1, 2, 3]), expected, tolerance: 1e-6)
        expectClose(try engine(model, weights, [1, 2, 3]), expected, tolerance: 1e-6)
    }

    /// The engine's output for one sample, `weights` loaded by name.
    private func engine(_ model: Model, _ weights: [String: [Float]], _ input: [Float]) throws -> [Float] {
        var tensors: [String: Tensor] = [:]
        for tensor in model.parameterTensors {
            tensors[tensor.name] = Tensor(shape: tensor.shape, scalars: try #require(weights[tensor.name]))
        }
        let network = Network(model: model)
        try network.load(weights: tensors)
        return try network.forward(Tensor(shape: [1] + model.input.dimensions, scalars: input)).scalars
    }
}
