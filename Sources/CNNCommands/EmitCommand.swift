import CNNEmitters
import Foundation

/// `cnnc emit SPEC --target T`: the model as code for the core engine or for PyTorch.
enum EmitCommand: Command {
    static let name = "emit"
    static let abstract = "Write the model as code: PyTorch (and a DDP trainer) or Swift on the core engine"
    static let discussion = """
        Targets:
          swift        a type on cnnc's core engine: the layers as CNNModel values, a forward pass,
                       safetensors loading and saving; named after the output file or the spec
          pytorch      a torch.nn.Module whose state_dict names and shapes are cnnc's safetensors weights
          pytorch-ddp  a train_ddp.py that trains it with torchrun and DistributedDataParallel on IDX
                       data and saves safetensors that cnnc run and cnnc eval load
        A spec with errors emits nothing (exit 1).
        """
    static let positionals = [CheckCommand.spec]
    static let target = Option("--target", value: "TARGET", help: "swift, pytorch or pytorch-ddp")
    static let options = [CheckCommand.input, target, OutputDestination.option]

    enum Target: String, CaseIterable { case swift, pytorch, pytorchDDP = "pytorch-ddp" }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        guard arguments.isSet(target) else { throw UsageError.missingOption(option: target.typed, command: name) }
        let chosenTarget = try arguments.choice(target, default: Target.pytorch)
        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        let code: String
        switch chosenTarget {
        case .swift:
            let typeName = SwiftEmitter.typeName(forFile: OutputDestination.baseName(arguments) ?? spec.path)
            code = SwiftEmitter.emit(spec.model, typeName: typeName, specPath: spec.path, source: spec.text)
        case .pytorch: code = PyTorchEmitter.emitModule(spec.model, source: spec.text)
        case .pytorchDDP: code = try PyTorchEmitter.emitTrainingScript(spec.model, source: spec.text)
        }
        try OutputDestination.write(code, arguments: arguments, context: context)
        return .success
    }
}
