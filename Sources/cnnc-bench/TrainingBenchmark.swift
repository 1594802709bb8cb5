import CNNEngine
import CNNModel
import Foundation

/// `cnnc-bench train`: Adam lr 0.001, batch 32 on real digits: (a) the digits net (Specs/digits.cnn)
/// and (b) the residual digits net (Specs/digits-resnet.cnn), 30 epochs on Specs/data/digits, and
/// (c) LeNet-5 for 10 epochs on Specs/data/mnist-5k: test accuracy and training images/s; then
/// (d) LeNet-5 training steps at batch 64 on random data: images/s. Printed, never asserted.
func runTrainingBenchmark(_ arguments: [String]) {
    do {
        var configuration = TrainingConfiguration()
        for (spec, data, epochs) in [("digits.cnn", "digits", 30), ("digits-resnet.cnn", "digits", 30),
                                     ("lenet5.cnn", "mnist-5k", 10)] {
            let dataset = try ImageDataset.load(from: URL(fileURLWithPath: "Specs/data/\(data)"))
            configuration.epochs = epochs
            let network = Network(model: try BenchmarkSpecs.model(spec), seed: 0)
            let reports = try Trainer(network: network, configuration: configuration)
                .train(on: dataset.train, test: dataset.test)
            let speeds = reports.map(\.imagesPerSecond).sorted()
            print("\(spec) on \(data), Adam lr 0.001, batch 32, \(epochs) epochs: test accuracy"
                + " \(String(format: "%.2f", (reports.last?.testAccuracy ?? 0) * 100))%, median"
                + " \(Int(speeds[speeds.count / 2])) img/s (epochs from \(Int(speeds[0])) to \(Int(speeds.last ?? 0)))")
        }

        let lenet = try BenchmarkSpecs.model("lenet5.cnn")
        var generator = SeededGenerator(seed: 1)
        let count = 64 * 40
        let images = Tensor(shape: [count, 28, 28, 1], scalars: (0..<count * 784).map { _ in generator.nextUnit() })
        let random = LabeledImages(images: images, labels: (0..<count).map { $0 % 10 })
        configuration.epochs = 5
        configuration.batchSize = 64
        let lenetReports = try Trainer(network: Network(model: lenet, seed: 0), configuration: configuration)
            .train(on: random, test: nil)
        let best = lenetReports.map(\.imagesPerSecond).sorted()
        print("lenet5 training step, batch 64: median \(Int(best[best.count / 2])) img/s over 5 passes of 40 steps")
    } catch {
        print("training benchmark failed: \(error) (run from the repository: it reads Specs/data)")
    }
}
