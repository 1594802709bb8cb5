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
        atomically, and with --checkpoint-every N after every N epochs too. Ctrl-C or SIGTERM stops after the
        current batch and saves what has been trained (exit 130, or 143 after SIGTERM). A loss or weight that
        becomes NaN or infinite stops training without saving (exit 1).
        Example: cnnc train Specs/digits.cnn --data Specs/data/digits --epochs 30 --save digits.safetensors
        """
    static let positionals = [CheckCommand.spec]
    static let data = Option("--data", value: "DIR", help: "Directory with the training and test images and labels")
    static let epochs = Option("--epochs", value: "N", help: "Passes over the training set (default 10)")
    static let batch = Option("--batch", value: "B", help: "Images per step (default 32)")
    static let optimizer = Option("--optimizer", value: "NAME", help: "adam (default) or sgd")
    static let learningRate = Option("--lr", value: "X", help: "Learning rate (default 0.001 for adam, 0.01 for sgd)")
    static let momentum = Option("--momentum", value: "X", help: "SGD momentum (default 0)")
    static let weightDecay = Option("--weight-decay", value: "X", help: "L2 weight decay (default 0)")
    static let seed = Option("--seed", value: "S", help: "Seed for initial weights, shuffling and dropout (default 0)")
    static let weights = Option("--weights", value: "FILE", help: "Start from these safetensors weights instead")
    static let save = Option("--save", value: "FILE", help: "Save the trained weights as safetensors")
    static let checkpointEvery = Option("--checkpoint-every", value: "N",
                                        help: "Also save to --save after every N epochs (each save atomic)")
    static let options = [CheckCommand.input, data, epochs, batch, optimizer, learningRate, momentum, weightDecay,
                          seed, weights, save, checkpointEvery, MemoryBudget.option]

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        guard let directory = arguments.string(data) else { throw UsageError.missingOption(option: data.typed, command: name) }
        let dataFolder = try InputPath.directory(directory)
        var configuration = TrainingConfiguration()
        configuration.epochs = try arguments.int(epochs, default: 10, in: 1...100_000)
        configuration.batchSize = try arguments.int(batch, default: 32, in: 1...4096)
        configuration.optimizer = try arguments.choice(optimizer, default: OptimizerKind.adam)
        configuration.learningRate = Float(try arguments.double(
            learningRate, default: configuration.optimizer == .adam ? 0.001 : 0.01, in: 0...10))
        configuration.momentum = Float(try arguments.double(momentum, default: 0, in: 0...1))
        configuration.weightDecay = Float(try arguments.double(weightDecay, default: 0, in: 0...1))
        configuration.seed = try arguments.uint64(seed, default: 0)
        let savePath = arguments.string(save)
        let weightsPath = arguments.string(weights)
        let checkpointInterval = try arguments.int(checkpointEvery, default: 0, in: 1...100_000)
        if arguments.isSet(checkpointEvery), savePath == nil {
            throw UsageError.optionNeedsAnother(option: checkpointEvery.name, needed: save.typed, command: name)
        }
        _ = try MemoryBudget.limit(arguments)

        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        // Whatever could make the final save fail is checked before the first step.
        if let savePath {
            let dataFiles = DatasetSplit.allCases.flatMap { $0.imageFileNames + $0.labelFileNames }
                .map { dataFolder.appendingPathComponent($0).path }
            try OutputPathCheck.check(savePath, option: save.name, inputs: [path, weightsPath].compactMap { $0 } + dataFiles,
                                      bytes: MemoryEstimate.product(4, spec.model.parameterCount))
        }
        let dataset = try ImageDataset.load(from: dataFolder)
        let moments = configuration.optimizer == .adam ? 2 : configuration.momentum > 0 ? 1 : 0
        let memory = MemoryEstimate.training(spec.model, batch: configuration.batchSize, optimizerMoments: moments)
            .adding("data set", bytes: MemoryEstimate.product(4, dataset.train.images.count + dataset.test.images.count))
        try MemoryBudget.check(memory, task: "training \(spec.path) at batch \(configuration.batchSize)", arguments: arguments)
        let network = Network(model: spec.model, seed: configuration.seed)
        if let weightsPath {
            try network.load(safetensorsAt: try InputPath.file(weightsPath))
        }
        func saveWeights(epochs: Int) throws {
            guard let savePath else { return }
            try network.save(safetensorsAt: URL(fileURLWithPath: savePath), metadata: ["spec": spec.path, "epochs": String(epochs)])
        }
        let trainer = try Trainer(network: network, configuration: configuration)
        // The data is checked against the model before the header, so that a refusal comes alone.
        try Trainer.validate(spec.model, data: dataset.train, split: "training")
        try Trainer.validate(spec.model, data: dataset.test, split: "test")
        let liveProgress = context.isTerminal(.error)
        context.print("training \(spec.path) on \(Wording.count(dataset.train.count, "image")) (test: \(dataset.test.count)),"
            + " \(configuration.optimizer.rawValue) lr \(configuration.learningRate), batch \(configuration.batchSize)")
        if savePath == nil {
            context.printError("cnnc: warning: no --save given: the trained weights will be thrown away when training"
                + " ends; add --save FILE to keep them")
        }
        var lastDrawn = ContinuousClock.now
        var epochStarted = ContinuousClock.now
        let columns = ProgressBar.columns(in: context)
        var checkpointError: (any Error)?
        let reports = try Interrupt.stoppingCleanly { try trainer.train(
            on: dataset.train, test: dataset.test,
            progress: { progress in
                guard liveProgress, ContinuousClock.now - lastDrawn > .milliseconds(100) || progress.batch == progress.batches
                else { return }
                lastDrawn = .now
                let line = ProgressBar.line(progress, width: columns, elapsed: (lastDrawn - epochStarted).inSeconds)
                context.write(ProgressBar.redraw(line), .error)
            },
            epochEnded: { report in
                if liveProgress { context.write(ProgressBar.redraw(""), .error) }
                context.print(epochLine(report, epochs: configuration.epochs))
                epochStarted = .now
                guard checkpointInterval > 0, report.epoch % checkpointInterval == 0, report.epoch < configuration.epochs,
                      let savePath else { return }
                do {
                    try saveWeights(epochs: report.epoch)
                    context.print("checkpoint: saved \(savePath) after epoch \(report.epoch)")
                } catch {
                    checkpointError = error
                }
            },
            shouldStop: { checkpointError != nil || context.isInterrupted() }) }
        if let checkpointError { throw checkpointError }
        let interrupted = reports.count < configuration.epochs
        if interrupted {
            if liveProgress { context.write(ProgressBar.redraw(""), .error) }
            let epochsDone = Wording.count(reports.count, "complete epoch")
            context.printError("cnnc: interrupted after \(epochsDone)" + (savePath == nil ? "; nothing saved (no --save given)" : ""))
        }
        if let savePath {
            try saveWeights(epochs: reports.count)
            context.print("saved \(savePath)")
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
