@testable import CNNEngine
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

@Suite struct OptimizerTests {
    /// PyTorch's SGD by hand: w = 1, gradient 0.5 each step, lr 0.1, momentum 0.9, weight decay 0.1.
    /// g = 0.6, v = 0.6, w = 0.94; g = 0.594, v = 1.134, w = 0.8266; g = 0.58266, v = 1.60326, w = 0.666274.
    @Test func sgdWithMomentumAndWeightDecay() {
        let parameter = Parameter([1])
        var sgd = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.1)
        var values: [Float] = []
        for _ in 0..<3 {
            parameter.gradient = [0.5]
            sgd.update([parameter])
            values.append(parameter.value[0])
        }
        expectClose(values, [0.94, 0.8266, 0.666274], tolerance: 1e-6)
    }

    /// Adam's bias correction makes a constant gradient move each weight by exactly lr per step:
    /// m_hat = g and sqrt(v_hat) = |g|. And plain SGD without momentum is w -= lr * g.
    @Test func adamAndPlainSGD() {
        let weights = Parameter([1, -2])
        var adam = Adam(learningRate: 0.1)
        var trace: [[Float]] = []
        for _ in 0..<3 {
            weights.gradient = [0.5, -4]
            adam.update([weights])
            trace.append(weights.value)
        }
        expectClose(trace.flatMap { $0 }, [0.9, -1.9, 0.8, -1.8, 0.7, -1.7], tolerance: 1e-5)

        let plain = Parameter([1])
        var sgd = SGD(learningRate: 0.5)
        plain.gradient = [0.25]
        sgd.update([plain])
        #expect(plain.value == [0.875])
    }
}

@Suite struct TrainerTests {
    static let digitsSpec = "input 8x8x1\nconv 8 3x3 same relu\nmaxpool 2\nconv 16 3x3 same relu\nmaxpool 2\ndense 32 relu\ndense 10 softmax\n"

    static func digits() throws -> ImageDataset {
        try ImageDataset.load(from: SpecFiles.directory.appendingPathComponent("data/digits"))
    }

    static func subset(_ data: LabeledImages, _ count: Int) -> LabeledImages {
        let size = data.images.count / data.count
        return LabeledImages(images: Tensor(shape: [count] + data.images.shape.dropFirst(),
                                            scalars: Array(data.images.scalars[0..<count * size])),
                             labels: Array(data.labels[0..<count]))
    }

    /// A short run on the committed real digits must clearly learn: 10 classes, chance is 10%.
    @Test func learnsTheDigits() throws {
        let data = try Self.digits()
        let model = try #require(Compiler.compile(source: Self.digitsSpec).model)
        var configuration = TrainingConfiguration()
        configuration.epochs = 3
        configuration.learningRate = 0.005
        let trainer = try Trainer(network: Network(model: model, seed: 1), configuration: configuration)
        let reports = try trainer.train(on: data.train, test: data.test)
        #expect(reports.count == 3)
        #expect(reports[2].loss < reports[0].loss)
        let accuracy = try #require(reports.last?.testAccuracy)
        #expect(accuracy > 0.85, "test accuracy \(accuracy)")
        #expect(try Evaluation(network: trainer.network, data: data.test).accuracy == accuracy)
    }

    /// Same seeds, same weights, bit for bit; another seed, other weights. Saved weights load back.
    @Test func reproducibleAndSavable() throws {
        let data = Self.subset(try Self.digits().train, 96)
        let model = try #require(Compiler.compile(source: Self.digitsSpec + "dropout 0.2\n").model)
        func run(seed: UInt64) throws -> Network {
            var configuration = TrainingConfiguration()
            configuration.epochs = 2
            configuration.seed = seed
            configuration.optimizer = .sgd
            configuration.learningRate = 0.05
            configuration.momentum = 0.9
            let network = Network(model: model, seed: 3)
            _ = try Trainer(network: network, configuration: configuration).train(on: data, test: nil)
            return network
        }
        let first = try run(seed: 11), second = try run(seed: 11), other = try run(seed: 12)
        #expect(first.weights == second.weights)
        #expect(first.weights != other.weights)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try first.save(safetensorsAt: url)
        let loaded = Network(model: model, seed: 99)
        try loaded.load(safetensorsAt: url)
        #expect(loaded.weights == first.weights)
        #expect(try loaded.forward(data.images) == first.forward(data.images))
    }

    @Test func stopsWhenAsked() throws {
        let data = Self.subset(try Self.digits().train, 64)
        let model = try #require(Compiler.compile(source: Self.digitsSpec).model)
        let network = Network(model: model, seed: 1)
        let before = network.weights
        var batches = 0
        let reports = try Trainer(network: network, configuration: TrainingConfiguration())
            .train(on: data, test: nil, progress: { _ in batches += 1 }, shouldStop: { batches == 1 })
        #expect(reports.isEmpty)
        #expect(batches == 1)
        #expect(network.weights != before)
    }

    @Test func badDataIsRejectedBeforeTraining() throws {
        let data = Self.subset(try Self.digits().train, 8)
        let model = try #require(Compiler.compile(source: Self.digitsSpec).model)
        var wrongLabels = data
        wrongLabels.labels[5] = 10
        #expect(throws: TrainingError.labelOutOfRange(split: "training", index: 5, label: 10, classes: 10)) {
            try Trainer(network: Network(model: model), configuration: .init()).train(on: wrongLabels, test: nil)
        }
        let big = try #require(Compiler.compile(source: "input 28x28x1\ndense 10 softmax\n").model)
        #expect(throws: TrainingError.imageShape(split: "training", expected: .image(height: 28, width: 28, channels: 1),
                                                 found: [8, 8, 8, 1])) {
            try Trainer(network: Network(model: big), configuration: .init()).train(on: data, test: nil)
        }
        let edges = try #require(Compiler.compile(source: "input 8x8x1\nconv 1 3x3 weights=sobelx\n").model)
        #expect(throws: TrainingError.notAClassifier(output: .image(height: 6, width: 6, channels: 1))) {
            try Trainer(network: Network(model: edges), configuration: .init())
        }
        #expect(TrainingError.labelOutOfRange(split: "training", index: 5, label: 10, classes: 10).description
            == "training label 5 is 10, but the model has 10 classes (0...9)")
    }

    @Test func confusionMatrixCountsTruthAgainstPrediction() {
        var evaluation = Evaluation(confusion: [[2, 1], [0, 3]])
        #expect(evaluation.accuracy == 5.0 / 6)
        #expect(evaluation.confusionTable() == "true \\ predicted\n    0  1\n 0  2  1\n 1  0  3")
        evaluation.confusion[1][0] = 10
        #expect(evaluation.count == 16)
    }
}
