import CNNEngine
import CNNModel
import Foundation

/// `cnnc-bench train`: (a) the digits net of issue 4 (Specs/digits.cnn) (Adam lr 0.001, batch 32, 30 epochs on
/// Specs/data/digits): test accuracy and training images/s; (b) LeNet-5 training steps at batch 64
/// on random data: images/s. Figures are printed, never asserted.
func runTrainingBenchmark(_ arguments: [String]) {
    do {
        let digits = try BenchmarkSpecs.model("digits.cnn")
        let data = try ImageDataset.load(from: URL(fileURLWithPath: "Specs/data/digits"))
        var configuration = TrainingConfiguration()
        configuration.epochs = 30
        let trainer = try Trainer(network: Network(model: digits, seed: 0), configuration: configuration)
        let reports = try trainer.train(on: data.train, test: data.test)
        let speeds = reports.map(\.imagesPerSecond).sorted()
        print("digits net, Adam lr 0.001, batch 32, 30 epochs: test accuracy"
            + " \(String(format: "%.2f", (reports.last?.testAccuracy ?? 0) * 100))%,"
            + " median \(Int(speeds[speeds.count / 2])) img/s (epochs from \(Int(speeds[0])) to \(Int(speeds.last ?? 0)))")

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
        print("training benchmark failed: \(error) (run from the repository: it reads Specs/data/digits)")
    }
}
