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
    static let options = [
        CheckCommand.inputOption,
        Option("--weights", value: "FILE", help: "The trained weights (safetensors)"),
        Option("--data", value: "DIR", help: "Directory with the images and labels"),
        Option("--split", value: "SPLIT", help: "test (default) or train"),
    ]

    enum Split: String, CaseIterable { case test, train }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        guard let weights = arguments.string("--weights") else { throw UsageError.missingOption(option: "--weights", command: name) }
        guard let directory = arguments.string("--data") else { throw UsageError.missingOption(option: "--data", command: name) }
        let split = try arguments.choice("--split", default: Split.test)
        guard let spec = try SpecLoader.load(path, input: try arguments.shape("--input"), context: context) else {
            return .failure
        }
        let network = Network(model: spec.model)
        try network.load(safetensorsAt: try RunCommand.existingFile(weights))
        let data = try ImageDataset.loadSplit(split == .test ? .test : .train, from: URL(fileURLWithPath: directory))
        let evaluation = try Evaluation(network: network, data: data, split: split.rawValue)
        context.print("accuracy \(CountFormat.fixed(evaluation.accuracy * 100, decimals: 2))%"
            + " (\(evaluation.correct) of \(evaluation.count) \(split.rawValue) images)")
        context.print(evaluation.confusionTable())
        return .success
    }
}
