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
        output. --output writes the whole output (.npy in the input's layout, or .pgm/.ppm for an image:
        --map abs scales |v| so the largest is white, and so shows both signs of a filter's response;
        signed puts 0 at mid-grey; clip keeps 0...1 as it is);
        a model with several outputs writes them all to a .npz archive, one array per output name.
        A fully convolutional spec (no dense, no flatten) runs at the height and width of the images
        in --input-file; their channels must be the spec's.
        """
    static let positionals = [CheckCommand.spec]
    static let inputFile = Option("--input-file", value: "FILE", help: "Images to run: .npy, .pgm/.ppm or IDX")
    static let layout = Option("--layout", value: "LAYOUT", help: "Axis order of a .npy input and output: nhwc (default) or nchw")
    static let random = Option("--random", value: "N", help: "Run N random inputs in [0, 1) instead of a file")
    static let seed = Option("--seed", value: "S", help: "Seed for random inputs and initial weights (default 0)")
    static let weights = Option("--weights", value: "FILE", help: "Weights as safetensors (default: seeded initialisation)")
    static let batch = Option("--batch", value: "B", help: "Samples per forward pass (default 64)")
    static let top = Option("--top", value: "K", help: "Classes to show per sample (default 5)")
    static let output = Option("--output", value: "FILE", help: "Write the whole output: .npy, .npz (several outputs), or .pgm/.ppm")
    static let map = Option("--map", value: "MAP",
                            help: ".pgm/.ppm values: abs (|v| scaled to the max, default), signed (0 is grey) or clip")
    static let format = Option("--format", value: "FORMAT", help: "text (default) or json")
    static let profile = Option("--profile", help: "Time every layer and print a table: kernel, ms per batch, share, GFLOP/s")
    static let options = [CheckCommand.input, inputFile, layout, random, seed, weights, batch, top, output, map, format, profile,
                          MemoryBudget.option]

    enum Format: String, CaseIterable { case text, json }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = try arguments.onlyPositional("SPEC")
        let chosenLayout = try arguments.choice(layout, default: ImageLayout.nhwc)
        let seedValue = try arguments.uint64(seed, default: 0)
        let batchSize = try arguments.int(batch, default: 64, in: 1...4096)
        let topCount = try arguments.int(top, default: 5, in: 1...Int.max)
        let chosenFormat = try arguments.choice(format, default: Format.text)
        let chosenMap = try arguments.choice(map, default: PixelMap.abs)
        let inputPath = arguments.string(inputFile)
        let randomCount = try arguments.int(random, default: 0, in: 1...1 << 20)
        if inputPath != nil, arguments.isSet(random) { throw UsageError.conflictingOptions(inputFile.name, random.name) }
        if inputPath == nil, !arguments.isSet(random) {
            throw UsageError.missingOneOf(options: [inputFile.typed, random.typed], command: name)
        }
        let weightsPath = arguments.string(weights)
        let outputPath = arguments.string(output)
        if let outputPath {
            try OutputPathCheck.check(outputPath, option: output.name, inputs: [path, inputPath, weightsPath].compactMap { $0 })
        }
        _ = try MemoryBudget.limit(arguments)
        guard let spec = try SpecLoader.load(path, input: try arguments.shape(CheckCommand.input), context: context) else {
            return .failure
        }
        if let outputPath { try checkOutputFormat(outputPath, model: spec.model) }

        // File inputs are read whole (their size is the file's); random ones are drawn a batch at a time.
        let fileInput = try inputPath.map { inputPath in
            try ImageInputFile.read(from: try InputPath.file(inputPath), layout: chosenLayout)
        }
        let model = try fileInput.map { try self.model(of: spec, fitting: Array($0.shape.dropFirst()), from: inputPath ?? "") }
            ?? spec.model
        let count = fileInput?.shape.first ?? randomCount
        let memory = MemoryEstimate.inference(model, batch: min(batchSize, max(count, 1)), keptSamples: count)
        try MemoryBudget.check(memory, task: "running \(spec.path) at batch \(min(batchSize, max(count, 1)))", arguments: arguments)

        let network = Network(model: model, seed: seedValue)
        if let weightsPath {
            try network.load(safetensorsAt: try InputPath.file(weightsPath))
            if let weight = network.firstNonFiniteWeight() {
                context.printError("cnnc: warning: the weight '\(weight)' in \(weightsPath) holds NaN or infinite values;"
                    + " so will the outputs")
            }
        } else if let imported = spec.importedWeights {
            try network.load(weights: imported)   // an ONNX model brings its own
        }
        let inputs: (Int, Int) throws -> Tensor
        if let fileInput {
            let sampleSize = model.input.elementCount
            inputs = { start, size in
                Tensor(shape: [size] + model.input.dimensions,
                       scalars: Array(fileInput.scalars[start * sampleSize..<(start + size) * sampleSize]))
            }
        } else {
            var generator = randomInputGenerator(seed: seedValue)
            inputs = { _, size in randomInputs(count: size, shape: network.inputShape(batch: size), generator: &generator) }
        }

        if weightsPath == nil, spec.importedWeights == nil, model.trainableParameterCount > 0 {
            // Said once, when nothing else can fail before the outputs: an untrained network's "probabilities" look like real ones.
            context.printError("cnnc: note: no --weights given: the weights are the seeded initialisation"
                + " (--seed \(seedValue)), not trained ones")
        }
        if arguments.isSet(profile) { network.startProfiling() }
        let run = try Interrupt.stoppingCleanly {
            try InferenceRun(network: network, count: count, batch: batchSize, inputs: inputs,
                             isInterrupted: context.isInterrupted)
        }
        if let outputPath {
            try write(run, of: model, to: outputPath, layout: chosenLayout, map: chosenMap)
        }
        let report = RunReport(model: model, run: run, top: topCount,
                               plannedBytesPerSample: network.plannedInferenceBytesPerSample,
                               profile: network.profile.map(ProfileReport.init))
        context.print(chosenFormat == .json ? report.json() : report.text())
        if let outputPath {
            // After the report, as train's "saved"; with JSON on standard error, so that standard
            // output stays one JSON document.
            let content = writtenContent(run, of: model, to: outputPath, layout: chosenLayout, map: chosenMap)
            let message = OutputDestination.wroteMessage(outputPath, detail: content)
            if chosenFormat == .json { context.printError(message) } else { context.print(message) }
        }
        return .success
    }

    /// The generator of the random inputs: the same inputs on every run and machine, whatever the batch.
    static func randomInputGenerator(seed: UInt64) -> SeededGenerator {
        SeededGenerator(seed: seed ^ 0x5EED_1234_ABCD_0001)
    }

    /// The next `count` inputs of `shape`, uniform in [0, 1).
    static func randomInputs(count: Int, shape: [Int], generator: inout SeededGenerator) -> Tensor {
        let scalars = (0..<shape.reduce(1, *)).map { _ in generator.nextUnit() }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// Refuses, before any work, an output file the model's output cannot be written as: several
    /// outputs need a `.npz`; a `.pgm` holds one channel and a `.ppm` three.
    private static func checkOutputFormat(_ path: String, model: Model) throws {
        let format = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard format != "npz" else { return }
        guard ["npy", "pgm", "ppm"].contains(format) else {
            throw CommandFailure("\(path): unknown output format '\(format.isEmpty ? "(no extension)" : "." + format)';"
                + " use .npy, .npz, .pgm or .ppm")
        }
        guard model.outputs.count == 1 else {
            throw CommandFailure("\(path): the model has \(model.outputs.count) outputs ("
                + model.outputs.map(\.name).joined(separator: ", ") + "); write them to a .npz archive instead")
        }
        guard format != "npy" else { return }
        guard case let .image(_, _, channels) = model.output, channels == (format == "pgm" ? 1 : 3) else {
            let fitting = model.output.channels == 1 ? ".pgm" : model.output.channels == 3 ? ".ppm" : ".npy"
            throw CommandFailure("\(path): a .\(format) image has \(format == "pgm" ? "one channel" : "three channels"),"
                + " but the output is \(model.output); write \(fitting) instead")
        }
    }

    /// `.npy` in the input's layout, a PGM/PPM image for a one-sample image output, or for
    /// several outputs a `.npz` archive with one array per output, keyed by its name.
    private static func write(_ run: InferenceRun, of model: Model, to path: String, layout: ImageLayout,
                              map: PixelMap) throws {
        let url = URL(fileURLWithPath: path)
        func arranged(_ tensor: Tensor) -> Tensor { tensor.shape.count == 4 ? layout.fromNHWC(tensor) : tensor }
        switch url.pathExtension.lowercased() {
        case "npz":
            try NpzFile.write(zip(model.outputs, run.outputs).map { ($0.name, arranged($1)) }, to: url)
        case "npy":
            try NpyFile.write(arranged(run.output), to: url)
        default:
            guard run.samples == 1 else {
                throw CommandFailure("\(path): a PGM/PPM holds one image, but there are \(run.samples); write .npy instead")
            }
            try NetpbmFile.write(Tensor(shape: run.output.shape, scalars: map.intensities(run.output.scalars)), to: url)
        }
    }

    /// What `--output` holds, for the message after writing: `1x4x4x1 float32, nhwc`, the
    /// archive's array names, or an image's map and scale
    /// (`64x64x1 image, --map abs: 0 black, |v| = 4.0 white`).
    private static func writtenContent(_ run: InferenceRun, of model: Model, to path: String, layout: ImageLayout,
                                       map: PixelMap) -> String {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "npz":
            return "arrays " + model.outputs.map(\.name).joined(separator: ", ")
        case "npy":
            var shape = run.output.shape
            if shape.count == 4, layout == .nchw { shape = [shape[0], shape[3], shape[1], shape[2]] }
            return shape.map(String.init).joined(separator: "x") + " float32" + (shape.count == 4 ? ", \(layout.rawValue)" : "")
        default:
            let largest = PixelMap.largestMagnitude(run.output.scalars)
            switch map {
            case .abs: return "\(model.output) image, --map abs: 0 black, |v| = \(largest) white"
            case .signed: return "\(model.output) image, --map signed: -\(largest) black, 0 grey, \(largest) white"
            case .clip: return "\(model.output) image, --map clip: 0 black, 1 white"
            }
        }
    }

    static func shapeText(_ dimensions: ArraySlice<Int>) -> String {
        dimensions.map(String.init).joined(separator: "x")
    }
}
