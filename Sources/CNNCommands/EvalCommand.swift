import CNNEngine
import CNNModel
import Foundation

/// `cnnc eval SPEC --weights W --data DIR`: accuracy and confusion matrix of trained weights.
enum EvalCommand: Command {
    static let name = "eval"
    static let abstract = "Measure a trained model: accuracy and the confusion matrix"
    static let discussion = """
        DIR is laid out as for 'cnnc train'; the test split is used unless --split train is given.
        --format json gives the accuracy, each class's images, correct answers, accuracy (recall),
        predictions and precision, and the confusion matrix (confusion[true][predicted]).
        """
    static let positionals = [CheckCommand.spec]
    static let weights = Option("--weights", value: "FILE", help: "The trained weights (safetensors)")
    static let data = Option("--data", value: "DIR", help: "Directory with the images and labels")
    static let split = Option("--split", value: "SPLIT", help: "test (default) or train")
    static let format = Option("--format", value: "FORMAT",
                               help: "text (default) or json: accuracy, per-class figures and the confusion matrix")
    static let options = [CheckCommand.input, weights, data, split, format, MemoryBudget.option]

    enum Split: String, CaseIterable { case test, train }
    enum Format: String, CaseIterable { case text, json }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        guard let weightsPath = arguments.string(weights) else { throw UsageError.missingOption(option: weights.typed, command: name) }
        guard let directory = arguments.string(data) else { throw UsageError.missingOption(option: data.typed, command: name) }
        let dataFolder = try InputPath.directory(directory)
        let chosenSplit = try arguments.choice(split, default: Split.test)
        let chosenFormat = try arguments.choice(format, default: Format.text)
        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        _ = try MemoryBudget.limit(arguments)
        let data = try ImageDataset.loadSplit(chosenSplit == .test ? .test : .train, from: dataFolder)
        let memory = MemoryEstimate.inference(spec.model, batch: 256, keptSamples: 0)
            .adding("data set", bytes: MemoryEstimate.product(4, data.images.count))
        try MemoryBudget.check(memory, task: "evaluating \(spec.path)", arguments: arguments)
        let network = Network(model: spec.model)
        try network.load(safetensorsAt: try InputPath.file(weightsPath))
        let evaluation = try Evaluation(network: network, data: data, split: chosenSplit.rawValue)
        let report = EvalReport(evaluation: evaluation, split: chosenSplit.rawValue)
        context.print(chosenFormat == .json ? report.json() : report.text())
        return .success
    }
}
