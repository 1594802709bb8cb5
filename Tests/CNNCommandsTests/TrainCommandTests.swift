import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

@Suite struct TrainCommandTests {
    static let digits = SpecFiles.directory.appendingPathComponent("data/digits").path
    static let spec = "input 8x8x1\nconv 4 3x3 same relu\nmaxpool 2\ndense 10 softmax\n"

    /// Train, save atomically, then evaluate the saved weights: the last epoch's test accuracy is
    /// exactly what `eval` reports.
    @Test func trainSavesWeightsThatEvalReads() throws {
        let spec = try temporarySpec(Self.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let weights = spec.folder.appendingPathComponent("w.safetensors").path
        let train = CommandRunner().run("train", spec.path, "--data", Self.digits, "--epochs", "2", "--lr", "0.01",
                                        "--seed", "3", "--save", weights)
        #expect(train.code == .success, "\(train.error)")
        let lines = train.output.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("training \(spec.path) on 1438 images (test: 359), adam lr 0.01, batch 32"))
        #expect(lines[1].hasPrefix("epoch 1/2  loss "))
        #expect(lines[3] == "saved \(weights)")
        let testAccuracy = try #require(lines[2].split(separator: " ").firstIndex(of: "test").map { lines[2].split(separator: " ")[$0 + 1] })
        // No progress bar off a terminal.
        #expect(train.error.isEmpty)

        let eval = CommandRunner().run("eval", spec.path, "--weights", weights, "--data", Self.digits)
        #expect(eval.code == .success, "\(eval.error)")
        #expect(eval.output.hasPrefix("accuracy \(testAccuracy) ("))
        #expect(eval.output.contains("true \\ predicted\n"))
        let names = try SafetensorsFile.read(from: URL(fileURLWithPath: weights)).tensors.keys.sorted()
        #expect(names == ["conv1.bias", "conv1.weight", "dense1.bias", "dense1.weight"])
    }

    /// Ctrl-C: training stops after the current batch, saves, and exits 130.
    @Test func interruptSavesWhatWasTrained() throws {
        let spec = try temporarySpec(Self.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let weights = spec.folder.appendingPathComponent("w.safetensors").path
        let context = CommandContext(write: { _, _ in }, isInterrupted: { true })
        let code = CLI.run(["train", spec.path, "--data", Self.digits, "--save", weights], context: context)
        #expect(code == .interrupted)
        #expect(FileManager.default.fileExists(atPath: weights))
    }

    /// Without --save the weights are thrown away: said before the first epoch, and again on Ctrl-C.
    @Test func withoutSaveTheLossIsSaidBeforeTheFirstEpoch() throws {
        let spec = try temporarySpec(Self.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let warning = "cnnc: warning: no --save given: the trained weights will be thrown away when training ends;"
            + " add --save FILE to keep them\n"
        let ordered = Captured()
        let context = CommandContext(write: { text, stream in ordered.append(stream == .error ? "E:" + text : "O:" + text, to: .output) })
        #expect(CLI.run(["train", spec.path, "--data", Self.digits, "--epochs", "1"], context: context) == .success)
        let lines = ordered.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[0].hasPrefix("O:training \(spec.path) on 1438 images"))
        #expect(lines[1] + "\n" == "E:" + warning)
        #expect(lines[2].hasPrefix("O:epoch 1/1  loss "))

        let interrupted = CommandRunner.Result.collecting { context in
            CLI.run(["train", spec.path, "--data", Self.digits], context: context.with(isInterrupted: { true }))
        }
        #expect(interrupted.code == .interrupted)
        #expect(interrupted.error == warning + "cnnc: interrupted after 0 complete epochs; nothing saved (no --save given)\n")
    }

    @Test(arguments: [
        (["--data", "DIGITS", "--input", "28x28x1"], ExitCode.failure,
         "cnnc: error: the training images are 8x8x1, but the spec's input is 28x28x1: change the spec's input (or pass --input 8x8x1)\n"),
        // A mistyped folder is a mistake in the command line, like a missing spec or weights file.
        (["--data", "/nonexistent"], .usage, "cnnc: error: no such directory: /nonexistent\nUsage: cnnc train SPEC [options]\n"),
        (["--data", "SPECFILE"], .usage, "cnnc: error: cannot read SPECFILE: it is a file, not a directory\n"),
        ([], .usage, "cnnc: error: 'train' needs '--data DIR'\n"),
        (["--data", "DIGITS", "--optimizer", "rmsprop"], .usage,
         "cnnc: error: invalid value 'rmsprop' for '--optimizer': expected one of adam, sgd\n"),
    ])
    func trainingErrors(arguments: [String], code: ExitCode, message: String) throws {
        let spec = try temporarySpec(Self.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let resolve = { (text: String) in
            text.replacingOccurrences(of: "DIGITS", with: Self.digits).replacingOccurrences(of: "SPECFILE", with: spec.path)
        }
        let result = CommandRunner().run(["train", spec.path] + arguments.map(resolve))
        #expect(result.code == code)
        #expect(result.error.hasPrefix(resolve(message)), "\(result.error)")
        #expect(result.output.isEmpty)
    }

    /// `eval --format json` agrees with itself and with the text: the confusion matrix's rows are
    /// each class's images, its diagonal the correct answers, its columns the predictions.
    @Test func evalJSONHoldsAccuracyPerClassFiguresAndTheConfusionMatrix() throws {
        let spec = try temporarySpec(Self.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let model = try #require(Compiler.compile(source: Self.spec).model)
        let weights = spec.folder.appendingPathComponent("w.safetensors")
        try Network(model: model, seed: 5).save(safetensorsAt: weights)
        let arguments = ["eval", spec.path, "--weights", weights.path, "--data", Self.digits]
        let text = CommandRunner().run(arguments)
        let json = CommandRunner().run(arguments + ["--format", "json"])
        #expect(json.code == .success, "\(json.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let confusion = try #require(object["confusion"] as? [[Int]])
        let classes = try #require(object["classes"] as? [[String: Any]])
        #expect(confusion.count == 10 && confusion.allSatisfy { $0.count == 10 })
        #expect(object["split"] as? String == "test")
        #expect(object["images"] as? Int == 359 && confusion.joined().reduce(0, +) == 359)
        let correct = (0..<10).reduce(0) { $0 + confusion[$1][$1] }
        #expect(object["correct"] as? Int == correct)
        let accuracy = try #require(object["accuracy"] as? Double)
        #expect(abs(accuracy - Double(correct) / 359) < 1e-6)
        #expect(text.output.hasPrefix("accuracy \(CountFormat.fixed(accuracy * 100, decimals: 2))% (\(correct) of 359 test images)\n"))
        for (label, entry) in classes.enumerated() {
            #expect(entry["class"] as? Int == label)
            #expect(entry["images"] as? Int == confusion[label].reduce(0, +))
            #expect(entry["correct"] as? Int == confusion[label][label])
            let predicted = confusion.reduce(0) { $0 + $1[label] }
            #expect(entry["predicted"] as? Int == predicted)
            if predicted == 0 { #expect(entry["precision"] is NSNull) }
        }
    }

    @Test func evalRefusesAMissingDataFolderAsAUsageError() throws {
        let spec = try temporarySpec(Self.spec)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let result = CommandRunner().run("eval", spec.path, "--weights", "w.safetensors", "--data", "/nonexistent")
        #expect(result.code == .usage)
        #expect(result.error == "cnnc: error: no such directory: /nonexistent\nUsage: cnnc eval SPEC [options]\n"
            + "See 'cnnc help eval'.\n")
    }

    @Test func notAClassifierIsRefusedBeforeTraining() throws {
        let spec = try temporarySpec("input 8x8x1\nconv 1 3x3 same weights=sobelx\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let result = CommandRunner().run("train", spec.path, "--data", Self.digits)
        #expect(result.code == .failure)
        #expect(result.error == "cnnc: error: the model's output 8x8x1 is not a score per class: end the spec with"
            + " a layer of K >= 2 units, such as 'dense 10 softmax'\n")
        #expect(result.output.isEmpty)
    }
}

/// Graphs train like chains: a residual classifier on the real digits, saved and evaluated.
@Suite struct GraphTrainingTests {
    @Test func aResidualNetworkLearnsTheDigits() throws {
        let spec = try temporarySpec("input 8x8x1\nconv 8 3x3 p1 relu\nadd { conv 8 3x3 p1 relu; conv 8 3x3 p1 }\nrelu\n"
            + "maxpool 2\nconcat { conv 4 1x1 relu } {}\ndense 10 softmax\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let weights = spec.folder.appendingPathComponent("w.safetensors").path
        let train = CommandRunner().run("train", spec.path, "--data", TrainCommandTests.digits, "--epochs", "2",
                                        "--lr", "0.01", "--save", weights)
        #expect(train.code == .success, "\(train.error)")
        let last = try #require(train.output.split(separator: "\n").dropLast().last)
        let accuracy = try #require(Double(last.split(separator: " ").drop { $0 != "test" }.dropFirst().first?.dropLast() ?? ""))
        #expect(accuracy > 85, "\(last)")
        let eval = CommandRunner().run("eval", spec.path, "--weights", weights, "--data", TrainCommandTests.digits)
        #expect(eval.output.hasPrefix("accuracy \(CountFormat.fixed(accuracy, decimals: 2))%"), "\(eval.output)")
        let names = try SafetensorsFile.read(from: URL(fileURLWithPath: weights)).tensors.keys.sorted()
        #expect(names == ["conv1.bias", "conv1.weight", "conv2.bias", "conv2.weight", "conv3.bias", "conv3.weight",
                          "conv4.bias", "conv4.weight", "dense1.bias", "dense1.weight"])
    }

    @Test func aModelWithSeveralOutputsIsNoClassifier() throws {
        let spec = try temporarySpec("input 8x8x1\na: dense 10 softmax\n@input\nb: dense 10 softmax\noutput @a @b\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let train = CommandRunner().run("train", spec.path, "--data", TrainCommandTests.digits, "--epochs", "1")
        #expect(train.code == .failure)
        #expect(train.error.contains("the model has 2 outputs (a, b); a classifier trains with one"))
    }
}
