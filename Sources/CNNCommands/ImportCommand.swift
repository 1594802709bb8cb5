import CNNEngine
import CNNInterchange
import Foundation

/// `cnnc import FILE -o model.cnn [--weights-out W.safetensors]`: another tool's model as a spec.
enum ImportCommand: Command {
    static let name = "import"
    static let abstract = "Turn an ONNX model into a spec, and its weights into safetensors"
    static let discussion = """
        Reads FILE.onnx (ONNX IR 3 and later, the operators a CNN exports) and writes the spec
        that builds the same model: layer names from the node names, activations fused into the
        layer before, Pad folded into the next conv or pool, MatMul + Add as dense. With
        --weights-out the initializers go to safetensors under the spec's names, so that
        'cnnc run model.cnn --weights W.safetensors' computes what ONNX Runtime computes.
        Operators cnnc has no layer for are all listed, with their node names, and nothing is
        written (exit 1). check, summary and graph also take FILE.onnx in place of a spec.
        """
    static let positionals = [Positional("FILE", help: "The model to import (.onnx)")]
    static let weightsOut = Option("--weights-out", value: "FILE",
                                   help: "Write the model's weights here as safetensors (cnnc's names)")
    static let options = [OutputDestination.option, weightsOut]

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("FILE")
        guard let kind = ModelFile.kind(ofPath: path) else {
            throw UsageError.invalidValue(option: "FILE", value: path, expected: "an ONNX model (.onnx)")
        }
        let weightsPath = arguments.string(weightsOut)
        for (option, output) in [(OutputDestination.option, arguments.string(OutputDestination.option)), (weightsOut, weightsPath)] {
            if let output { try OutputPathCheck.check(output, option: option.name, inputs: [path]) }
        }
        let imported = try ModelFile.importModel(kind, bytes: try SpecLoader.readBytes(path), path: path)
        if let weightsPath {
            guard let weights = imported.weights else {
                throw UsageError.invalidValue(option: weightsOut.name, value: weightsPath, expected: "a file with weights; \(path) has none")
            }
            try SafetensorsFile.write(weights, to: URL(fileURLWithPath: weightsPath))
            // On standard error while the spec itself goes to standard output.
            let message = OutputDestination.wroteMessage(weightsPath, detail: "\(weights.count) tensors")
            if arguments.isSet(OutputDestination.option) { context.print(message) } else { context.printError(message) }
        } else if imported.weights?.isEmpty == false {
            context.printError("cnnc: note: \(path)'s weights are not written; --weights-out FILE writes them as safetensors")
        }
        try OutputDestination.write(imported.specText, arguments: arguments, context: context)
        return .success
    }
}
