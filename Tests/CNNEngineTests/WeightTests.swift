@testable import CNNEngine
import CNNModel
import Testing

/// Weights in and out in PyTorch's names, shapes and layouts; load errors; seeded initialisation.
@Suite struct WeightTests {
    static func smallModel() throws -> Model {
        try Model(input: .image(height: 4, width: 3, channels: 2), operations: [
            .convolution(Convolution(filters: 3, kernel: Size2(square: 2), groups: 1, activation: .relu)),
            .batchNorm(BatchNorm()),
            .dense(Dense(units: 5)),
        ])
    }

    @Test func roundTripKeepsEveryTensorExactly() throws {
        let model = try WeightTests.smallModel()
        let weights = randomWeights(for: model, seed: 50)
        let network = Network(model: model)
        try network.load(weights: weights)
        #expect(network.weights == weights)
        #expect(Set(network.weights.keys) == Set(model.parameterTensors.map(\.name)))
        for description in model.parameterTensors {
            #expect(network.weights[description.name]?.shape == description.shape)
        }
    }

    /// An image whose only non-zero value sits at (h, w, c) selects column c*H*W + h*W + w of the
    /// PyTorch dense weight: the C x H x W flatten order.
    @Test func denseOnImageUsesPyTorchFlattenOrder() throws {
        let (h, w, c, units) = (2, 3, 4, 2)
        let model = try Model(input: .image(height: h, width: w, channels: c), operations: [.dense(Dense(units: units))])
        let inputs = h * w * c
        // weight[o, i] = 1000 o + i, so the output names the column it read.
        let weight = (0..<units * inputs).map { Float(1000 * ($0 / inputs) + $0 % inputs) }
        let network = Network(model: model)
        try network.load(weights: ["dense1.weight": Tensor(shape: [units, inputs], scalars: weight),
                                   "dense1.bias": Tensor(shape: [units], repeating: 0)])
        for (y, x, channel) in [(0, 0, 0), (1, 2, 3), (0, 1, 2), (1, 0, 1)] {
            var image = [Float](repeating: 0, count: inputs)
            image[(y * w + x) * c + channel] = 1
            let output = try network.forward(Tensor(shape: [1, h, w, c], scalars: image))
            let column = Float(channel * h * w + y * w + x)
            #expect(output.scalars == [column, 1000 + column], "pixel (\(y), \(x), \(channel))")
        }
        #expect(network.weights["dense1.weight"]?.scalars == weight)
    }

    @Test func loadErrorsNameTheTensorAndShapes() throws {
        let model = try WeightTests.smallModel()
        let good = randomWeights(for: model, seed: 51)
        var missing = good
        missing["batchnorm1.running_var"] = nil
        var extra = good
        extra["conv9.weight"] = Tensor(shape: [1, 2], repeating: 0)
        var wrong = good
        wrong["conv1.weight"] = Tensor(shape: [3, 2, 3, 3], repeating: 0)
        let cases: [([String: Tensor], NetworkError, String)] = [
            (missing, .missingWeight(name: "batchnorm1.running_var", expected: [3]),
             "missing tensor 'batchnorm1.running_var': the model expects one of shape [3]"),
            (extra, .unexpectedWeight(name: "conv9.weight", found: [1, 2]),
             "unexpected tensor 'conv9.weight' of shape [1, 2]: the model has no weight of that name"),
            (wrong, .weightShape(name: "conv1.weight", expected: [3, 2, 2, 2], found: [3, 2, 3, 3]),
             "tensor 'conv1.weight' has shape [3, 2, 3, 3], but the model expects [3, 2, 2, 2]"),
        ]
        for (weights, error, message) in cases {
            let network = Network(model: model, seed: 1)
            let before = network.weights
            #expect(throws: error) { try network.load(weights: weights) }
            #expect(error.description == message)
            #expect(network.weights == before, "a failed load changes nothing")
        }
    }

    @Test func ignoresNumBatchesTracked() throws {
        let model = try WeightTests.smallModel()
        var weights = randomWeights(for: model, seed: 52)
        weights["batchnorm1.num_batches_tracked"] = Tensor(shape: [], scalars: [7])
        try Network(model: model).load(weights: weights)
    }

    @Test func sameSeedSameWeightsDifferentSeedDifferent() throws {
        let model = try WeightTests.smallModel()
        let first = Network(model: model, seed: 7).weights
        #expect(Network(model: model, seed: 7).weights == first)
        let other = Network(model: model, seed: 8).weights
        #expect(other["conv1.weight"] != first["conv1.weight"])
        #expect(other["dense1.weight"] != first["dense1.weight"])
        // Biases and batchnorm start at their defaults whatever the seed.
        #expect(first["conv1.bias"]?.scalars == [0, 0, 0])
        #expect(first["batchnorm1.weight"]?.scalars == [1, 1, 1])
        #expect(first["batchnorm1.running_var"]?.scalars == [1, 1, 1])
        #expect(first["batchnorm1.running_mean"]?.scalars == [0, 0, 0])
    }

    @Test func initialisationUsesHeForReLUAndGlorotOtherwise() throws {
        let model = try WeightTests.smallModel()
        let weights = Network(model: model, seed: 3).weights
        // conv1 (relu): He limit sqrt(6 / fan_in), fan_in = 2 * 2 * 2.
        let convLimit = (Float(6) / 8).squareRoot()
        let conv = try #require(weights["conv1.weight"]).scalars
        #expect(conv.allSatisfy { abs($0) <= convLimit })
        #expect(conv.contains { abs($0) > convLimit * 0.7 })
        // dense1 (linear): Glorot limit sqrt(6 / (fan_in + fan_out)) = sqrt(6 / (18 + 5)).
        let denseLimit = (Float(6) / 23).squareRoot()
        let dense = try #require(weights["dense1.weight"]).scalars
        #expect(dense.allSatisfy { abs($0) <= denseLimit })
        #expect(dense.contains { abs($0) > denseLimit * 0.7 })
    }

    @Test func generatorStreamIsFixed() {
        // SplitMix64's published first output for seed 0 pins the stream across machines.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    }
}
