import CNNEngine
import CNNInterchange
import Foundation

/// `cnnc import FILE -o model.cnn [--weights-out W.safetensors]`: another tool's model as a spec.
enum ImportCommand: Command {
    static let name = "import"
    static let abstract = "Turn an ONNX model or a Darknet .cfg into a spec, and its weights into safetensors"
    static let discussion = """
        Reads FILE.onnx (ONNX IR 3 and later, the operators a CNN exports) and writes the spec
        that builds the same model: layer names from the node names, activations fused into the
        layer before, Pad folded into the next conv or pool, MatMul + Add as dense. With
        --weights-out the initializers go to safetensors under the spec's names, so that
        'cnnc run model.cnn --weights W.safetensors' computes what ONNX Runtime computes.
        Reads FILE.cfg (Darknet: convolutional, maxpool, avgpool, route, shortcut, upsample,
        dropout, connected, softmax; yolo and region heads become the outputs) the same way, layer
        N of the cfg named lN_conv, lN_bn, ...; --darknet-weights W.weights brings its weights.
        Operators or sections cnnc has no layer for are all listed, with their node names or lines,
        and nothing is written (exit 1). check, summary and graph also take FILE.onnx or FILE.cfg
        in place of a spec.
        """
    static let positionals = [Positional("FILE", help: "The model to import (.onnx or Darknet .cfg)")]
    static let weightsOut = Option("--weights-out", value: "FILE",
                                   help: "Write the model's weights here as safetensors (cnnc's names)")
    static let darknetWeights = Option("--darknet-weights", value: "FILE",
                                       help: "The Darknet .weights file of a .cfg, converted by --weights-out")
    static let options = [OutputDestination.option, weightsOut, darknetWeights]

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("FILE")
        guard let kind = ModelFile.kind(ofPath: path) else {
            throw UsageError.invalidValue(option: "FILE", value: path, expected: "an ONNX model (.onnx) or a Darknet .cfg")
        }
        let weightsPath = arguments.string(weightsOut), darknetPath = arguments.string(darknetWeights)
        if darknetPath != nil, kind != .darknet { throw UsageError.conflictingOptions(darknetWeights.name, path) }
        let inputs = [path] + (darknetPath.map { [$0] } ?? [])
        for (option, output) in [(OutputDestination.option, arguments.string(OutputDestination.option)), (weightsOut, weightsPath)] {
            if let output { try OutputPathCheck.check(output, option: option.name, inputs: inputs) }
        }
        let darknet = try darknetPath.map { path throws(UsageError) in (bytes: try SpecLoader.readBytes(path), path: path) }
        let imported = try ModelFile.importModel(kind, bytes: try SpecLoader.readBytes(path), path: path, darknetWeights: darknet)
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
