import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// Inputs that once crashed the tool, exhausted the machine or lost data: each is now refused
/// with a message and an exit code, or gives the right output (issue 12, items 2, 3, 6, 7, 11).
@Suite struct RefusalTests {
    static let digits = TrainCommandTests.digits
    static let spec = TrainCommandTests.spec

    /// A folder with `model.cnn` holding `text`, removed by the caller.
    private func folder(_ text: String = RefusalTests.spec) throws -> (spec: String, url: URL) {
        let made = try temporarySpec(text)
        return (made.path, made.folder)
    }

    // MARK: Memory

    @Test func runRefusesAPlanLargerThanTheMachine() throws {
        // 64 GB for each of the input and the conv's output, whatever machine the tests run on.
        let (spec, url) = try folder("input 16384x16384x64\nconv 64 3x3 same\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = CommandRunner().run("run", spec, "--random", "1")
        #expect(result.code == .failure)
        #expect(result.error.hasPrefix("cnnc: error: running \(spec) at batch 1 needs about "))
        #expect(result.error.contains(" GB of memory (activations 128.00 GB, "))
        #expect(result.error.contains("but this machine has "))
        #expect(result.error.contains("the largest buffer is the output of 'conv1', 64.00 GB. Use a smaller --batch"))
    }

    @Test func maxMemoryLimitsRunAndTrainBeforeAnyWork() throws {
        let (spec, url) = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let run = CommandRunner().run("run", spec, "--random", "4", "--max-memory", "1K")
        #expect(run.code == .failure)
        #expect(run.error.contains("but --max-memory allows 1.00 KB;"))
        let train = CommandRunner().run("train", spec, "--data", Self.digits, "--max-memory", "64K")
        #expect(train.code == .failure)
        #expect(train.output.isEmpty, "refused before the header and the first epoch")
        #expect(train.error.contains("training \(spec) at batch 32 needs about"))
        #expect(train.error.contains("data set "))
        #expect(CommandRunner().run("run", spec, "--random", "4", "--max-memory", "2G").code == .success)
        let bad = CommandRunner().run("run", spec, "--random", "4", "--max-memory", "lots")
        #expect(bad.code == .usage)
        #expect(bad.error.hasPrefix("cnnc: error: invalid value 'lots' for '--max-memory': expected a size such as 8G"))
    }

    /// Random inputs are drawn a batch at a time from one generator: the batch size changes nothing.
    @Test func randomInputsDoNotDependOnTheBatch() throws {
        let (spec, url) = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = CommandRunner().run("run", spec, "--random", "5", "--batch", "5", "--format", "json")
        let pieces = CommandRunner().run("run", spec, "--random", "5", "--batch", "2", "--format", "json")
        func predictions(_ text: String) -> Substring? {
            text.range(of: "\"memory\"").map { text[..<$0.lowerBound] }
        }
        #expect(whole.code == .success && pieces.code == .success)
        #expect(predictions(whole.output) == predictions(pieces.output))
        #expect(pieces.output.contains("\"batches\": 3"))
    }

    // MARK: NaN

    @Test func nonFiniteNumbersPrintAsNumpyDoes() {
        #expect(CountFormat.fixed(.nan, decimals: 4) == "nan")
        #expect(CountFormat.fixed(.infinity, decimals: 2) == "inf")
        #expect(CountFormat.fixed(-.infinity, decimals: 0) == "-inf")
        #expect(CountFormat.fixed(1e300, decimals: 2) == "1e+300")
        #expect(CountFormat.fixed(-2.5, decimals: 1) == "-2.5")
    }

    /// Weights holding a NaN: `run` warns and prints nan, `train` and `eval` refuse them.
    @Test func nanWeightsAreNamed() throws {
        let (spec, url) = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let model = try #require(Compiler.compile(source: Self.spec).model)
        var weights = Network(model: model).weights
        let bias = try #require(weights["conv1.bias"])
        weights["conv1.bias"] = Tensor(shape: bias.shape, scalars: [bias.scalars[0], .nan] + bias.scalars.dropFirst(2))
        let path = url.appendingPathComponent("nan.safetensors").path
        try SafetensorsFile.write(weights, to: URL(fileURLWithPath: path))

        let run = CommandRunner().run("run", spec, "--random", "1", "--weights", path)
        #expect(run.code == .success)
        #expect(run.output.hasPrefix("sample 0: 0 (nan)"))
        #expect(run.error == "cnnc: warning: the weight 'conv1.bias' in \(path) holds NaN or infinite values; so will the outputs\n")

        let message = "cnnc: error: the weight 'conv1.bias' holds NaN or infinite values, so every output would too;"
        let save = url.appendingPathComponent("out.safetensors").path
        let train = CommandRunner().run("train", spec, "--data", Self.digits, "--weights", path, "--save", save)
        #expect(train.code == .failure)
        #expect(train.error.hasPrefix(message))
        #expect(!FileManager.default.fileExists(atPath: save))
        let eval = CommandRunner().run("eval", spec, "--data", Self.digits, "--weights", path)
        #expect(eval.code == .failure)
        #expect(eval.error.hasPrefix(message))
    }

    /// Images near Float.greatestFiniteMagnitude with SGD at lr 10 overflow the weights in the
    /// first step, so the loss of the second is NaN: training stops naming the epoch and step,
    /// exit 1, and `--save` is left as it was. An image holding a NaN is refused before training.
    @Test func divergingTrainingStopsWithoutSaving() throws {
        let (spec, url) = try folder("input 2x2x1\nflatten\ndense 2 softmax\n")
        defer { try? FileManager.default.removeItem(at: url) }
        func writeData(_ value: Float) throws {
            for split in ["train", "test"] {
                var scalars = [Float](repeating: 3e38, count: 8)
                scalars[5] = value
                let images = Tensor(shape: [2, 2, 2, 1], scalars: scalars)
                try NpyFile.write(images, to: url.appendingPathComponent("\(split)_images.npy"))
                try NpyFile.write(Tensor(shape: [2], scalars: [0, 1]), to: url.appendingPathComponent("\(split)_labels.npy"))
            }
        }
        let save = url.appendingPathComponent("w.safetensors")
        try Data([1, 2, 3]).write(to: save)
        try writeData(3e38)
        let arguments = ["train", spec, "--data", url.path, "--optimizer", "sgd", "--lr", "10", "--batch", "1", "--save", save.path]
        let diverged = CommandRunner().run(arguments)
        #expect(diverged.code == .failure)
        #expect(diverged.error == "cnnc: error: training diverged: the loss became nan at epoch 1, step 2; stopped without"
            + " saving. Lower --lr, or with sgd the --momentum (below 1); batchnorm needs batches of several images\n")
        #expect(try Data(contentsOf: save) == Data([1, 2, 3]))

        try writeData(.nan)
        let nan = CommandRunner().run(arguments)
        #expect(nan.code == .failure)
        #expect(nan.error == "cnnc: error: training image 1 holds NaN or infinite values; fix or drop it from the data set\n")
    }

    // MARK: Paths

    @Test func outputsNeverReplaceInputs() throws {
        let (spec, url) = try folder("input 8x8x1\nconv 1 3x3 same\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let image = url.appendingPathComponent("p.pgm")
        try NetpbmFile.write(Tensor(shape: [1, 8, 8, 1], repeating: 0.5), to: image)
        let original = try Data(contentsOf: image)
        let sameImage = CommandRunner().run("run", spec, "--input-file", image.path, "--output", url.path + "/./p.pgm")
        #expect(sameImage.code == .usage)
        #expect(sameImage.error.hasPrefix("cnnc: error: cannot write '--output \(url.path)/./p.pgm': it is the input \(image.path),"))
        #expect(try Data(contentsOf: image) == original)

        let link = url.appendingPathComponent("link.pgm")
        try FileManager.default.linkItem(at: image, to: link)
        #expect(CommandRunner().run("run", spec, "--input-file", image.path, "--output", link.path).code == .usage)

        let data = try folder().url
        defer { try? FileManager.default.removeItem(at: data) }
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            try FileManager.default.copyItem(atPath: Self.digits + "/" + name, toPath: data.appendingPathComponent(name).path)
        }
        let labels = data.appendingPathComponent("train-labels-idx1-ubyte").path
        let train = CommandRunner().run("train", spec, "--data", data.path, "--save", labels)
        #expect(train.code == .usage)
        #expect(train.error.contains("it is the input \(labels)"))
        #expect(train.output.isEmpty)
    }

    @Test(arguments: [
        ("DIR", "cnnc: error: cannot write '--output DIR': it is a directory; name a file in it"),
        ("DIR/missing/out.npy", "cnnc: error: cannot write '--output DIR/missing/out.npy': the directory DIR/missing does not exist"),
        ("DIR/out.ppm", "cnnc: error: DIR/out.ppm: a .ppm image has three channels, but the output is 8x8x1; write .pgm instead"),
        ("DIR/out.txt", "cnnc: error: DIR/out.txt: unknown output format '.txt'; use .npy, .npz, .pgm or .ppm"),
    ])
    func badOutputPathsAreRefusedBeforeRunning(output: String, message: String) throws {
        let (spec, url) = try folder("input 8x8x1\nconv 1 3x3 same\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let path = output.replacingOccurrences(of: "DIR", with: url.path)
        let result = CommandRunner().run("run", spec, "--random", "1", "--output", path)
        #expect(result.code != .success)
        #expect(result.error.hasPrefix(message.replacingOccurrences(of: "DIR", with: url.path)))
        #expect(result.output.isEmpty)
    }

    /// A save path that cannot be written is found before the first epoch, not after the last.
    @Test func trainChecksTheSavePathFirst() throws {
        let (spec, url) = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let result = CommandRunner().run("train", spec, "--data", Self.digits, "--save", "/nonexistent/w.safetensors")
        #expect(result.code == .usage)
        #expect(result.error.hasPrefix("cnnc: error: cannot write '--save /nonexistent/w.safetensors': the directory /nonexistent does not exist"))
        #expect(result.output.isEmpty)
        let checkpoint = CommandRunner().run("train", spec, "--data", Self.digits, "--checkpoint-every", "2")
        #expect(checkpoint.code == .usage)
        #expect(checkpoint.error.hasPrefix("cnnc: error: '--checkpoint-every' needs '--save FILE'\nUsage: cnnc train SPEC [options]\n"))
    }

    @Test func checkpointsSaveAfterEveryNEpochs() throws {
        let (spec, url) = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let save = url.appendingPathComponent("w.safetensors").path
        let result = CommandRunner().run("train", spec, "--data", Self.digits, "--epochs", "3", "--checkpoint-every", "1",
                                         "--save", save)
        #expect(result.code == .success, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("checkpoint: saved \(save) after epoch ") }.count == 2)
        #expect(lines.last == "saved \(save)")
        #expect(try SafetensorsFile.read(from: URL(fileURLWithPath: save)).metadata["epochs"] == "3")
    }

    @Test func runStopsWhenInterrupted() throws {
        let (spec, url) = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        let captured = Captured()
        let context = CommandContext(write: { captured.append($0, to: $1) }, isInterrupted: { true })
        #expect(CLI.run(["run", spec, "--random", "4", "--seed", "2"], context: context) == .interrupted)
        #expect(captured.error == "cnnc: note: no --weights given: the weights are the seeded initialisation (--seed 2),"
            + " not trained ones\ncnnc: interrupted\n")
        #expect(captured.output.isEmpty)
    }
}
