import CNNEngine
import CNNModel
import Foundation

/// `cnnc eval SPEC --weights W --data DIR`: accuracy and confusion matrix of trained weights.
enum EvalCommand: Command {
    static let name = "eval"
    static let abstract = "Measure a trained model: accuracy and the confusion matrix"
    static let discussion = """
        DIR is laid out as for 'cnnc train'; the test split is used unless --split train is given.
        """
    static let positionals = [Positional("SPEC", help: "The spec file (.cnn)")]
    static let weights = Option("--weights", value: "FILE", help: "The trained weights (safetensors)")
    static let data = Option("--data", value: "DIR", help: "Directory with the images and labels")
    static let split = Option("--split", value: "SPLIT", help: "test (default) or train")
    static let options = [CheckCommand.input, weights, data, split, MemoryBudget.option]

    enum Split: String, CaseIterable { case test, train }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        guard let weightsPath = arguments.string(weights) else { throw UsageError.missingOption(option: weights.typed, command: name) }
        guard let directory = arguments.string(data) else { throw UsageError.missingOption(option: data.typed, command: name) }
        let dataFolder = try InputPath.directory(directory)
        let chosenSplit = try arguments.choice(split, default: Split.test)
        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        _ = try MemoryBudget.limit(arguments)
        let data = try ImageDataset.loadSplit(chosenSplit == .test ? .test : .train, from: dataFolder)
        let memory = MemoryEstimate.inference(spec.model, batch: 256, keptSamples: 0)
            .adding("data set", bytes: MemoryEstimate.product(4, data.images.count))
        try MemoryBudget.check(memory, task: "evaluating \(path)", arguments: arguments)
        let network = Network(model: spec.model)
        try network.load(safetensorsAt: try InputPath.file(weightsPath))
        let evaluation = try Evaluation(network: network, data: data, split: chosenSplit.rawValue)
        context.print("accuracy \(CountFormat.fixed(evaluation.accuracy * 100, decimals: 2))%"
            + " (\(evaluation.correct) of " + Wording.count(evaluation.count, "\(chosenSplit.rawValue) image") + ")")
        context.print(evaluation.confusionTable())
        return .success
    }
}
