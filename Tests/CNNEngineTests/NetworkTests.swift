@testable import CNNEngine
import CNNModel
import CNNReference
import Testing

/// Whole networks against the naive layer-by-layer reference, with random weights loaded in PyTorch layout.
@Suite struct NetworkTests {
    static let models: [(name: String, input: Shape, operations: [Operation])] = [
        ("lenet-like", .image(height: 12, width: 12, channels: 1), [
            .convolution(Convolution(filters: 4, kernel: Size2(square: 3), activation: .relu)),
            .pooling(Pooling(kind: .average, window: Size2(square: 2))),
            .convolution(Convolution(filters: 6, kernel: Size2(square: 3), padding: .same, activation: .tanh)),
            .pooling(Pooling(kind: .max, window: Size2(square: 2))),
            .dense(Dense(units: 10, activation: .relu)),
            .dense(Dense(units: 3, activation: .softmax)),
        ]),
        ("every layer", .image(height: 9, width: 8, channels: 3), [
            .convolution(Convolution(filters: 6, kernel: Size2(square: 3), stride: Size2(square: 2), groups: 3,
                                     padding: .same, bias: false, activation: .leakyReLU(alpha: 0.1))),
            .batchNorm(BatchNorm()),
            .localResponseNorm(LocalResponseNorm(size: 3, alpha: 0.1)),
            .activation(.sigmoid),
            .convolution(Convolution(filters: 5, kernel: Size2(square: 2), dilation: Size2(square: 2),
                                     padding: .full)),
            .pooling(Pooling(kind: .max, window: Size2(square: 3), stride: Size2(square: 2), padding: .same)),
            .flatten,
            .dropout(rate: 0.3),
            .dense(Dense(units: 7, activation: .sigmoid)),
            .batchNorm(BatchNorm()),
            .dense(Dense(units: 4, bias: false)),
            .activation(.softmax),
        ]),
        ("global pooling head", .image(height: 5, width: 5, channels: 2), [
            .convolution(Convolution(filters: 8, kernel: Size2(square: 1), activation: .relu)),
            .globalPooling(.average),
            .dense(Dense(units: 2)),
        ]),
        ("vector input", .vector(5), [
            .dense(Dense(units: 9, activation: .tanh)),
            .dropout(rate: 0.1),
            .dense(Dense(units: 3, activation: .linear)),
        ]),
    ]

    @Test(arguments: models.indices)
    func forwardMatchesReference(index: Int) throws {
        let entry = NetworkTests.models[index]
        let model = try Model(input: entry.input, operations: entry.operations)
        let network = Network(model: model, seed: 5)
        let weights = randomWeights(for: model, seed: 40)
        try network.load(weights: weights)
        for batch in [1, 3, 2] {
            let input = randomValues(batch * model.input.elementCount, seed: 41 + UInt64(batch))
            let output = try network.forward(Tensor(shape: [batch] + model.input.dimensions, scalars: input))
            #expect(output.shape == [batch] + model.output.dimensions)
            let expected = ReferenceNetwork.forward(model: model, weights: weights.mapValues(\.scalars), input: input,
                                                    batch: batch)
            expectClose(output.scalars, expected, tolerance: 1e-4, "\(entry.name) batch \(batch)")
        }
    }

    @Test func seededInitialisationForwardMatchesReference() throws {
        let entry = NetworkTests.models[0]
        let model = try Model(input: entry.input, operations: entry.operations)
        let network = Network(model: model, seed: 9)
        let input = randomValues(2 * model.input.elementCount, seed: 3)
        let output = try network.forward(Tensor(shape: [2, 12, 12, 1], scalars: input))
        let reference = ReferenceNetwork.forward(model: model, weights: network.weights.mapValues(\.scalars),
                                                 input: input, batch: 2)
        expectClose(output.scalars, reference)
    }

    @Test func largeBatchesRunInChunksWithTheSameResult() throws {
        let model = try Model(input: .vector(3), operations: [.dense(Dense(units: 2, activation: .sigmoid))])
        let network = Network(model: model, seed: 4)
        let batch = Network.maximumChunk * 2 + 5
        let input = randomValues(batch * 3, seed: 8)
        let output = try network.forward(Tensor(shape: [batch, 3], scalars: input))
        #expect(output.shape == [batch, 2])
        let reference = ReferenceNetwork.forward(model: model, weights: network.weights.mapValues(\.scalars),
                                                 input: input, batch: batch)
        expectClose(output.scalars, reference, tolerance: 1e-6)
    }

    @Test func rejectsInputOfTheWrongShape() throws {
        let model = try Model(input: .image(height: 4, width: 4, channels: 1), operations: [.flatten])
        let network = Network(model: model)
        #expect(throws: NetworkError.inputShape(expected: ["N", "4", "4", "1"], found: [2, 4, 4])) {
            try network.forward(Tensor(shape: [2, 4, 4], repeating: 0))
        }
        let message = NetworkError.inputShape(expected: ["N", "4", "4", "1"], found: [2, 4, 4]).description
        #expect(message == "the input has shape [2, 4, 4], but the network expects [N, 4, 4, 1]")
        #expect(try network.forward(Tensor(shape: [0, 4, 4, 1], scalars: [])).shape == [0, 16])
    }
}
