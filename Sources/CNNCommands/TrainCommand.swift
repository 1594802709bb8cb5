import CNNEngine
import CNNModel
import Foundation

/// `cnnc train SPEC --data DIR`: train the model on labelled images and save its weights.
enum TrainCommand: Command {
    static let name = "train"
    static let abstract = "Train a model on labelled images (MNIST IDX or .npy) and save its weights"
    static let discussion = """
        DIR holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
        t10k-labels-idx1-ubyte (as MNIST ships them, .gz too), or train_images.npy / train_labels.npy
        and test_images.npy / test_labels.npy. Images are scaled to [0, 1].
        Each epoch prints its loss, training and test accuracy and images/s. --save writes safetensors
        atomically; Ctrl-C stops after the current batch and saves what has been trained (exit 130).
        Example: cnnc train Specs/digits.cnn --data Specs/data/digits --epochs 30 --save digits.safetensors
        """
    static let positionals = [Positional("SPEC", help: "The spec file (.cnn)")]
    static let options = [
        CheckCommand.inputOption,
        Option("--data", value: "DIR", help: "Directory with the training and test images and labels"),
        Option("--epochs", value: "N", help: "Passes over the training set (default 10)"),
        Option("--batch", value: "B", help: "Images per step (default 32)"),
        Option("--optimizer", value: "NAME", help: "adam (default) or sgd"),
        Option("--lr", value: "X", help: "Learning rate (default 0.001 for adam, 0.01 for sgd)"),
        Option("--momentum", value: "X", help: "SGD momentum (default 0)"),
        Option("--weight-decay", value: "X", help: "L2 weight decay (default 0)"),
        Option("--seed", value: "S", help: "Seed for initial weights, shuffling and dropout (default 0)"),
        Option("--weights", value: "FILE", help: "Start from these safetensors weights instead"),
        Option("--save", value: "FILE", help: "Save the trained weights as safetensors"),
    ]

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        guard let directory = arguments.string("--data") else { throw UsageError.missingOption(option: "--data", command: name) }
        var configuration = TrainingConfiguration()
        configuration.epochs = try arguments.int("--epochs", default: 10, in: 1...100_000)
        configuration.batchSize = try arguments.int("--batch", default: 32, in: 1...4096)
        configuration.optimizer = try arguments.choice("--optimizer", default: OptimizerKind.adam)
        configuration.learningRate = Float(try arguments.double(
            "--lr", default: configuration.optimizer == .adam ? 0.001 : 0.01, in: 0...10))
        configuration.momentum = Float(try arguments.double("--momentum", default: 0, in: 0...1))
        configuration.weightDecay = Float(try arguments.double("--weight-decay", default: 0, in: 0...1))
        configuration.seed = try arguments.uint64("--seed", default: 0)
        let save = arguments.string("--save")

        guard let spec = try SpecLoader.load(path, input: try arguments.shape("--input"), context: context) else {
            return .failure
        }
        let data = try ImageDataset.load(from: URL(fileURLWithPath: directory))
        let network = Network(model: spec.model, seed: configuration.seed)
        if let weights = arguments.string("--weights") {
            try network.load(safetensorsAt: try RunCommand.existingFile(weights))
        }
        let trainer = try Trainer(network: network, configuration: configuration)
        let liveProgress = context.isTerminal(.error)
        context.print("training \(path) on \(data.train.count) images (test: \(data.test.count)),"
            + " \(configuration.optimizer.rawValue) lr \(configuration.learningRate), batch \(configuration.batchSize)")
        var lastDrawn = ContinuousClock.now
        let reports = try trainer.train(
            on: data.train, test: data.test,
            progress: { progress in
                guard liveProgress, ContinuousClock.now - lastDrawn > .milliseconds(100) || progress.batch == progress.batches
                else { return }
                lastDrawn = .now
                context.write("\r" + progress.line(), .error)
            },
            epochEnded: { report in
                if liveProgress { context.write("\r\u{1B}[K", .error) }
                context.print(epochLine(report, epochs: configuration.epochs))
            },
            shouldStop: context.isInterrupted)
        let interrupted = reports.count < configuration.epochs
        if interrupted {
            if liveProgress { context.write("\n", .error) }
            context.printError("cnnc: interrupted after \(reports.count) complete epochs")
        }
        if let save {
            try network.save(safetensorsAt: URL(fileURLWithPath: save),
                             metadata: ["spec": path, "epochs": String(reports.count)])
            context.print("saved \(save)")
        }
        return interrupted ? .interrupted : .success
    }

    /// `epoch 3/30  loss 0.2711  train 91.84%  test 93.04%  21,345 img/s`.
    static func epochLine(_ report: EpochReport, epochs: Int) -> String {
        func percent(_ value: Double) -> String { CountFormat.fixed(value * 100, decimals: 2) + "%" }
        let width = String(epochs).count
        let epoch = String(repeating: " ", count: width - String(report.epoch).count) + String(report.epoch)
        return "epoch \(epoch)/\(epochs)  loss \(CountFormat.fixed(report.loss, decimals: 4))"
            + "  train \(percent(report.trainingAccuracy))"
            + (report.testAccuracy.map { "  test \(percent($0))" } ?? "")
            + "  \(CountFormat.grouped(Int(report.imagesPerSecond.rounded()))) img/s"
    }
}
