import CNNEngine
import CNNModel
import Foundation

/// `cnnc run SPEC`: build the model on the core engine and run it on real or random inputs.
enum RunCommand: Command {
    static let name = "run"
    static let abstract = "Run a model on the core engine: classify images or write its output"
    static let discussion = """
        Inputs: --input-file (.npy float32/float64/uint8 as (N, H, W, C) or (H, W, C), or PyTorch's
        order with --layout nchw; binary or ASCII PGM/PPM; MNIST IDX images), or --random N inputs.
        8-bit data is scaled to [0, 1]. Weights come from --weights (safetensors in PyTorch's names
        and layouts) or else from the seeded initialisation.
        A classifier prints the top classes of each sample; any other model a compact view of its
        output. --output writes the whole output (.npy in the input's layout, or .pgm/.ppm for an image);
        a model with several outputs writes them all to a .npz archive, one array per output name.
        """
    static let positionals = [Positional("SPEC", help: "The spec file (.cnn)")]
    static let options = [
        CheckCommand.inputOption,
        Option("--input-file", value: "FILE", help: "Images to run: .npy, .pgm/.ppm or IDX"),
        Option("--layout", value: "LAYOUT", help: "Axis order of a .npy input and output: nhwc (default) or nchw"),
        Option("--random", value: "N", help: "Run N random inputs in [0, 1) instead of a file"),
        Option("--seed", value: "S", help: "Seed for random inputs and initial weights (default 0)"),
        Option("--weights", value: "FILE", help: "Weights as safetensors (default: seeded initialisation)"),
        Option("--batch", value: "B", help: "Samples per forward pass (default 64)"),
        Option("--top", value: "K", help: "Classes to show per sample (default 5)"),
        Option("--output", value: "FILE", help: "Write the whole output: .npy, .npz (several outputs), or .pgm/.ppm"),
        Option("--format", value: "FORMAT", help: "text (default) or json"),
        Option("--profile", help: "Time every layer and print a table: kernel, ms per batch, share, GFLOP/s"),
    ]

    enum Format: String, CaseIterable { case text, json }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        let layout = try arguments.choice("--layout", default: ImageLayout.nhwc)
        let seed = try arguments.uint64("--seed", default: 0)
        let batch = try arguments.int("--batch", default: 64, in: 1...4096)
        let top = try arguments.int("--top", default: 5, in: 1...Int.max)
        let format = try arguments.choice("--format", default: Format.text)
        let inputFile = arguments.string("--input-file")
        let randomCount = try arguments.int("--random", default: 0, in: 1...1 << 20)
        if inputFile != nil, arguments.isSet("--random") { throw UsageError.conflictingOptions("--input-file", "--random") }
        if inputFile == nil, !arguments.isSet("--random") { throw UsageError.missingOption(option: "--input-file or --random", command: name) }
        guard let spec = try SpecLoader.load(path, input: try arguments.shape("--input"), context: context) else {
            return .failure
        }
        let model = spec.model

        let network = Network(model: model, seed: seed)
        if let weights = arguments.string("--weights") {
            try network.load(safetensorsAt: try existingFile(weights))
        }
        let input: Tensor
        if let inputFile {
            input = try ImageInputFile.read(from: try existingFile(inputFile), layout: layout)
            let expected = network.inputShape(batch: input.shape.first ?? 0)
            guard input.shape == expected else {
                throw CommandFailure("\(inputFile) holds images of shape \(shapeText(input.shape.dropFirst()))"
                    + " but \(path) expects \(model.input); resize the images or change the spec's input")
            }
        } else {
            input = randomInputs(count: randomCount, shape: network.inputShape(batch: randomCount), seed: seed)
        }

        if arguments.isSet("--profile") { network.startProfiling() }
        let run = try InferenceRun(network: network, input: input, batch: batch)
        if let output = arguments.string("--output") {
            try write(run, of: model, to: output, layout: layout)
        }
        let report = RunReport(model: model, run: run, top: top,
                               plannedBytesPerSample: network.plannedInferenceBytesPerSample,
                               profile: network.profile.map(ProfileReport.init))
        context.print(format == .json ? report.json() : report.text())
        return .success
    }

    static func existingFile(_ path: String) throws(UsageError) -> URL {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        return URL(fileURLWithPath: path)
    }

    /// Uniform values in [0, 1) from the seed: the same inputs on every run and machine.
    static func randomInputs(count: Int, shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed ^ 0x5EED_1234_ABCD_0001)
        let scalars = (0..<shape.reduce(1, *)).map { _ in generator.nextUnit() }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// `.npy` in the input's layout, a PGM/PPM image for a one-sample image output, or for
    /// several outputs a `.npz` archive with one array per output, keyed by its name.
    private static func write(_ run: InferenceRun, of model: Model, to path: String, layout: ImageLayout) throws {
        let url = URL(fileURLWithPath: path)
        func arranged(_ tensor: Tensor) -> Tensor { tensor.shape.count == 4 ? layout.fromNHWC(tensor) : tensor }
        if url.pathExtension.lowercased() == "npz" {
            try NpzFile.write(zip(model.outputs, run.outputs).map { ($0.name, arranged($1)) }, to: url)
            return
        }
        guard model.outputs.count == 1 else {
            throw CommandFailure("\(path): the model has \(model.outputs.count) outputs ("
                + model.outputs.map(\.name).joined(separator: ", ") + "); write them to a .npz archive instead")
        }
        let output = run.output
        switch url.pathExtension.lowercased() {
        case "pgm", "ppm":
            guard output.shape.count == 4, output.shape[0] == 1 else {
                throw CommandFailure("\(path): a PGM/PPM holds one image, but the output has shape"
                    + " \(output.shape); write .npy instead")
            }
            try NetpbmFile.write(output, to: url)
        case "npy":
            try NpyFile.write(arranged(output), to: url)
        default:
            throw CommandFailure("\(path): unknown output format '.\(url.pathExtension)'; use .npy, .npz, .pgm or .ppm")
        }
    }

    static func shapeText(_ dimensions: ArraySlice<Int>) -> String {
        dimensions.map(String.init).joined(separator: "x")
    }
}
