import CNNEmitters
import CNNEngine
import CNNInterchange
import Foundation

/// `cnnc emit SPEC --target T`: the model as code for the core engine or for PyTorch, or as ONNX.
enum EmitCommand: Command {
    static let name = "emit"
    static let abstract = "Write the model as code (PyTorch, a DDP trainer, Swift on the core engine) or as ONNX"
    static let discussion = """
        Targets:
          swift        a type on cnnc's core engine: the layers as CNNModel values, a forward pass,
                       safetensors loading and saving; named after the output file or the spec
          pytorch      a torch.nn.Module whose state_dict names and shapes are cnnc's safetensors weights
          pytorch-ddp  a train_ddp.py that trains it with torchrun and DistributedDataParallel on IDX
                       data and saves safetensors that cnnc run and cnnc eval load
          onnx         an ONNX model (IR 8, opset 17) for ONNX Runtime, TensorRT, OpenVINO, Core ML:
                       input 'input' in NCHW with a symbolic batch, the weights as initializers
                       (--weights, or the seeded initialisation); needs -o FILE
        A spec with errors emits nothing (exit 1).
        """
    static let positionals = [CheckCommand.spec]
    static let target = Option("--target", value: "TARGET", help: "swift, pytorch, pytorch-ddp or onnx")
    static let weights = Option("--weights", value: "FILE", help: "Weights for onnx as safetensors (default: seeded initialisation)")
    static let seed = Option("--seed", value: "S", help: "Seed of the initial weights for onnx (default 0)")
    static let options = [CheckCommand.input, target, weights, seed, OutputDestination.option]

    enum Target: String, CaseIterable { case swift, pytorch, pytorchDDP = "pytorch-ddp", onnx }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        guard arguments.isSet(target) else { throw UsageError.missingOption(option: target.typed, command: name) }
        let chosenTarget = try arguments.choice(target, default: Target.pytorch)
        if chosenTarget == .onnx { return try emitONNX(path, arguments: arguments, context: context) }
        // Only ONNX carries weights.
        for option in [weights, seed] where arguments.isSet(option) {
            throw UsageError.conflictingOptions(option.name, "--target \(chosenTarget.rawValue)")
        }
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
        case .onnx: return .usage  // handled above
        }
        try OutputDestination.write(code, arguments: arguments, context: context)
        return .success
    }

    /// The model and its weights (loaded, or seeded as `run` seeds them) as an ONNX file.
    private static func emitONNX(_ path: String, arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let outputPath = arguments.string(OutputDestination.option) else {
            // ONNX is binary: never to a terminal or a pipe meant for text.
            throw UsageError.missingOption(option: OutputDestination.option.typed, command: name)
        }
        let weightsPath = arguments.string(weights)
        try OutputPathCheck.check(outputPath, option: OutputDestination.option.name,
                                  inputs: [path, weightsPath].compactMap { $0 })
        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        let network = Network(model: spec.model, seed: try arguments.uint64(seed, default: 0))
        if let weightsPath { try network.load(safetensorsAt: try InputPath.file(weightsPath)) }
        let graphName = URL(fileURLWithPath: spec.path).deletingPathExtension().lastPathComponent
        let onnx = try ONNXExporter.export(spec.model, weights: network.weights, graphName: graphName,
                                           producerVersion: CLI.version)
        try AtomicFile.write(Data(onnx.serialized()), to: URL(fileURLWithPath: outputPath))
        context.print(OutputDestination.wroteMessage(outputPath))
        return .success
    }
}
