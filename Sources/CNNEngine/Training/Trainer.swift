import CNNModel
import Foundation

/// Settings of a training run, with PyTorch's defaults where it has them.
public struct TrainingConfiguration: Hashable, Sendable {
    public var epochs = 10
    public var batchSize = 32
    public var optimizer = OptimizerKind.adam
    /// Adam's 0.001 by default; SGD usually wants about 0.01.
    public var learningRate: Float = 0.001
    public var momentum: Float = 0
    public var weightDecay: Float = 0
    /// Shuffling and dropout; the weights' initialisation takes the network's own seed.
    public var seed: UInt64 = 0

    public init() {}
}

/// What one epoch achieved.
public struct EpochReport: Hashable, Sendable {
    public var epoch: Int
    /// Mean cross-entropy over the epoch's training batches.
    public var loss: Double
    public var trainingAccuracy: Double
    public var testAccuracy: Double?
    /// Training throughput (forward, backward and update; not the test pass).
    public var imagesPerSecond: Double
}

/// Where training is within an epoch, for progress bars (`cnnc train` draws them).
public struct TrainingProgress: Hashable, Sendable {
    public var epoch: Int
    public var epochs: Int
    public var batch: Int
    public var batches: Int
    /// Mean loss and accuracy so far in this epoch.
    public var loss: Double
    public var accuracy: Double

    public init(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, accuracy: Double) {
        (self.epoch, self.epochs, self.batch, self.batches, self.loss, self.accuracy) = (epoch, epochs, batch, batches, loss, accuracy)
    }
}

/// Trains a classifier `Network` with mini-batch gradient descent on labelled images.
///
/// Every run with the same network seed, data and configuration gives the same weights bit for
/// bit: shuffling and dropout draw from one seeded generator, and every reduction (over the batch
/// in a weight gradient, over a window in col2im) runs in a fixed order on whichever core.
public final class Trainer {
    public let network: Network
    public let configuration: TrainingConfiguration
    private var optimizer: any Optimizer
    private var generator: SeededGenerator
    private let loss: CrossEntropy

    public init(network: Network, configuration: TrainingConfiguration) throws(TrainingError) {
        guard network.model.classCount != nil else { throw .notAClassifier(output: network.model.output) }
        self.network = network
        self.configuration = configuration
        switch configuration.optimizer {
        case .adam: optimizer = Adam(learningRate: configuration.learningRate, weightDecay: configuration.weightDecay)
        case .sgd:
            optimizer = SGD(learningRate: configuration.learningRate, momentum: configuration.momentum,
                            weightDecay: configuration.weightDecay)
        }
        generator = SeededGenerator(seed: configuration.seed)
        loss = CrossEntropy(model: network.model)
    }

    /// Checks that `data` fits `model` before any work: image size and labels; returns the class count.
    @discardableResult
    public static func validate(_ model: Model, data: LabeledImages, split: String) throws(TrainingError) -> Int {
        guard model.outputs.count == 1 else { throw .severalOutputs(model.outputs.map(\.name)) }
        guard let classes = model.classCount else { throw .notAClassifier(output: model.output) }
        if model.endsInSoftmax, !model.readers[model.outputs[0].value.rawValue].isEmpty {
            throw .softmaxOutputIsRead(model.outputs[0].name)
        }
        guard data.count > 0 else { throw .noImages(split: split) }
        guard Array(data.images.shape.dropFirst()) == model.input.dimensions else {
            throw .imageShape(split: split, expected: model.input, found: data.images.shape)
        }
        if let index = data.labels.firstIndex(where: { !(0..<classes).contains($0) }) {
            throw .labelOutOfRange(split: split, index: index, label: data.labels[index], classes: classes)
        }
        if let position = data.images.scalars.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteImage(split: split, index: position / model.input.elementCount)
        }
        return classes
    }

    /// Runs `configuration.epochs` epochs over `train`, evaluating on `test` after each.
    /// `progress` is called after every batch; `shouldStop` is checked before each batch, and a stop
    /// ends training there (the weights trained so far stay in `network`).
    public func train(on train: LabeledImages, test: LabeledImages?,
                      progress: (TrainingProgress) -> Void = { _ in },
                      epochEnded: (EpochReport) -> Void = { _ in },
                      shouldStop: () -> Bool = { false }) throws(TrainingError) -> [EpochReport] {
        let classes = try Trainer.validate(network.model, data: train, split: "training")
        if let name = network.firstNonFiniteWeight() { throw .nonFiniteWeight(name: name) }
        if let test { try Trainer.validate(network.model, data: test, split: "test") }
        let parameters = network.trainableParameters
        let batchSize = configuration.batchSize
        let batches = (train.count + batchSize - 1) / batchSize
        var order = Array(0..<train.count)
        var gradient = [Float](repeating: 0, count: batchSize * classes)
        var reports: [EpochReport] = []
        let clock = ContinuousClock()
        for epoch in 1...max(configuration.epochs, 1) {
            order.shuffle(using: &generator)
            var totalLoss = 0.0, correct = 0, seen = 0
            let started = clock.now
            for batch in 0..<batches {
                if shouldStop() { return reports }
                let indices = order[batch * batchSize..<min((batch + 1) * batchSize, train.count)]
                network.loadBatch(train.images, indices: indices, training: true)
                network.forwardTraining(batch: indices.count, generator: &generator)
                let output = network.lastOutput(batch: indices.count).scalars
                let labels = indices.map { train.labels[$0] }
                let result = loss.evaluate(output: output, labels: labels[...], gradient: &gradient)
                guard result.loss.isFinite else {
                    throw .diverged(epoch: epoch, step: batch + 1,
                                    cause: "the loss became \(CountFormat.fixed(result.loss, decimals: 4))")
                }
                network.setOutputGradient(gradient[0..<indices.count * classes])
                network.backward(batch: indices.count, beforeSoftmax: loss.outputsAreProbabilities)
                optimizer.update(parameters)
                network.parametersDidChange()
                totalLoss += result.loss
                correct += result.correct
                seen += indices.count
                progress(TrainingProgress(epoch: epoch, epochs: configuration.epochs, batch: batch + 1, batches: batches,
                                          loss: totalLoss / Double(seen), accuracy: Double(correct) / Double(seen)))
            }
            let seconds = (clock.now - started).inSeconds
            if let name = network.firstNonFiniteWeight() {
                throw .diverged(epoch: epoch, step: batches, cause: "the weight '\(name)' became NaN or infinite")
            }
            let testAccuracy = try test.map { data throws(TrainingError) in try Evaluation(network: network, data: data).accuracy }
            let report = EpochReport(epoch: epoch, loss: totalLoss / Double(seen),
                                     trainingAccuracy: Double(correct) / Double(seen), testAccuracy: testAccuracy,
                                     imagesPerSecond: Double(seen) / max(seconds, 1e-9))
            reports.append(report)
            epochEnded(report)
        }
        return reports
    }
}
