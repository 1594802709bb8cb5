@testable import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

@Suite struct RunCommandTests {
    /// Every line but the timing, which differs from run to run.
    private func withoutTiming(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { !$0.contains("images/s") }
    }

    @Test func randomInputsAndSeededWeightsAreReproducible() {
        let lenet = SpecFiles.path(of: "lenet5.cnn")
        let first = CommandRunner().run("run", lenet, "--random", "3", "--seed", "7")
        let second = CommandRunner().run("run", lenet, "--random", "3", "--seed", "7")
        let other = CommandRunner().run("run", lenet, "--random", "3", "--seed", "8")
        #expect(first.code == .success)
        #expect(withoutTiming(first.output).count == 4)
        #expect(withoutTiming(first.output) == withoutTiming(second.output))
        #expect(withoutTiming(first.output) != withoutTiming(other.output))
        #expect(first.output.contains("3 samples in 1 batch of 3:"))
        // Untrained weights are said once, on standard error.
        #expect(first.error == "cnnc: note: no --weights given: the weights are the seeded initialisation (--seed 7),"
            + " not trained ones\n")
    }

    /// The classic lecture example, end to end: a 6x6 image bright on the left, a vertical-edge
    /// filter bank's x filter (Prewitt: [[1, 0, -1]] x 3), gives 3 (x 10 / 10) in the middle columns.
    @Test func pgmInEdgeMapOut() throws {
        let folder = try temporarySpec("input 6x6x1\nconv 1 3x3 nobias weights=prewittx\n", name: "edges.cnn")
        defer { try? FileManager.default.removeItem(at: folder.folder) }
        let image = Tensor(shape: [6, 6, 1], scalars: (0..<36).map { $0 % 6 < 3 ? 1 : 0 })
        let input = folder.folder.appendingPathComponent("edge.pgm")
        try NetpbmFile.write(image, to: input)
        let output = folder.folder.appendingPathComponent("map.npy")
        let result = CommandRunner().run("run", folder.path, "--input-file", input.path, "--output", output.path)
        #expect(result.code == .success, "\(result.error)")
        let map = try NpyFile.read(from: output).tensor
        #expect(map.shape == [1, 4, 4, 1])
        #expect(map.scalars == Array([[0, 3, 3, 0] as [Float]].joined()).repeated(4))
        #expect(result.output.hasSuffix("\nwrote \(output.path) (1x4x4x1 float32, nhwc)\n"), "\(result.output)")
        // Fixed filters are all the weights there are: no note about untrained ones.
        #expect(result.error.isEmpty, "\(result.error)")
    }

    /// `--weights` and `--input-file` give exactly what the engine computes for them.
    @Test func weightsAndNpyInputMatchTheEngine() throws {
        let spec = try temporarySpec("input 5x5x2\nconv 3 3x3 same relu\nmaxpool 2\ndense 4 softmax\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let model = try #require(Compiler.compile(source: try String(contentsOfFile: spec.path, encoding: .utf8)).model)
        let trained = Network(model: model, seed: 42)
        let weights = spec.folder.appendingPathComponent("w.safetensors")
        try trained.save(safetensorsAt: weights)
        let input = Tensor(shape: [2, 5, 5, 2], scalars: (0..<100).map { Float($0 % 7) / 7 })
        let inputURL = spec.folder.appendingPathComponent("x.npy")
        try NpyFile.write(input, to: inputURL)
        let outputURL = spec.folder.appendingPathComponent("y.npy")
        let result = CommandRunner().run("run", spec.path, "--weights", weights.path, "--input-file", inputURL.path,
                                         "--output", outputURL.path, "--format", "json")
        #expect(result.code == .success, "\(result.error)")
        #expect(try NpyFile.read(from: outputURL).tensor == trained.forward(input))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect((json["predictions"] as? [Any])?.count == 2)
        #expect(json["output_shape"] as? [Int] == [2, 4])
        #expect(!result.error.contains("--weights"))
        // Standard output stays one JSON document: the message after writing goes to standard error.
        #expect(result.error.hasSuffix("\nwrote \(outputURL.path) (2x4 float32)\n"), "\(result.error)")
    }

    @Test(arguments: [
        (["--random", "2", "--input-file", "x.npy"], ExitCode.usage, "cnnc: error: '--input-file' and '--random' cannot be used together\n"),
        ([], .usage, "cnnc: error: 'run' needs '--input-file FILE' or '--random N'\n"),
        (["--random", "1", "--weights", "absent.safetensors"], .usage, "cnnc: error: no such file: absent.safetensors\n"),
        (["--input-file", "DIGITS"], .failure,
         "cnnc: error: DIGITS holds images of shape 8x8x1 but LENET expects 28x28x1; resize the images or change the spec's input\n"),
    ])
    func badInputs(arguments: [String], code: ExitCode, message: String) {
        let lenet = SpecFiles.path(of: "lenet5.cnn")
        let digits = SpecFiles.directory.appendingPathComponent("data/digits/t10k-images-idx3-ubyte").path
        let resolve = { (text: String) in text.replacingOccurrences(of: "DIGITS", with: digits).replacingOccurrences(of: "LENET", with: lenet) }
        let result = CommandRunner().run(["run", lenet] + arguments.map(resolve))
        #expect(result.code == code)
        #expect(result.error.hasPrefix(resolve(message)))
    }

    /// One sample is "1 sample"; JSON timings carry 6 significant digits, not binary noise; a
    /// classifier's JSON always has `score`, and `probability` too when it ends in softmax.
    @Test func wordingAndJSONNumbers() throws {
        #expect(Wording.count(1, "complete epoch") == "1 complete epoch" && Wording.count(2, "batch", plural: "batches") == "2 batches")
        #expect(Wording.jsonNumber(0.00010037900000000001) == "0.000100379")
        #expect(Wording.jsonNumber(54321.23456) == "54321.2" && Wording.jsonNumber(3) == "3")
        #expect(Wording.jsonNumber(.nan) == "null" && Wording.jsonNumber(-.infinity) == "null")
        let lenet = SpecFiles.path(of: "lenet5.cnn")
        #expect(CommandRunner().run("run", lenet, "--random", "1").output.contains("\n1 sample in 1 batch of 1: "))

        let softmax = CommandRunner().run("run", lenet, "--random", "2", "--format", "json", "--top", "3")
        let timing = try #require(softmax.output.split(separator: "\n").first { $0.contains("\"timing\"") })
        let seconds = try #require(timing.split(separator: "\"seconds_per_batch\": ").last?.split(separator: ",").first)
        #expect(seconds.filter(\.isNumber).drop { $0 == "0" }.count <= 6, "\(seconds)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(softmax.output.utf8)) as? [String: Any])
        let top = try #require((object["predictions"] as? [[String: Any]])?.first?["top"] as? [[String: Any]])
        #expect(top.count == 3)
        for entry in top {
            #expect(entry["score"] as? Double != nil && entry["score"] as? Double == entry["probability"] as? Double)
        }

        let logits = try temporarySpec("input 4x4x1\ndense 3\n")
        defer { try? FileManager.default.removeItem(at: logits.folder) }
        let raw = CommandRunner().run("run", logits.path, "--random", "1", "--format", "json")
        let rawObject = try #require(try JSONSerialization.jsonObject(with: Data(raw.output.utf8)) as? [String: Any])
        let rawTop = try #require((rawObject["predictions"] as? [[String: Any]])?.first?["top"] as? [[String: Any]])
        #expect(rawTop.allSatisfy { $0["score"] is Double && $0["probability"] == nil })
    }

    @Test func weightsForAnotherSpecAreRejectedByName() throws {
        let folder = try temporarySpec("input 8x8x1\nconv 2 3x3\n")
        defer { try? FileManager.default.removeItem(at: folder.folder) }
        let weights = folder.folder.appendingPathComponent("w.safetensors")
        try SafetensorsFile.write(["conv1.weight": Tensor(shape: [2, 1, 5, 5]), "conv1.bias": Tensor(shape: [2])], to: weights)
        let result = CommandRunner().run("run", folder.path, "--random", "1", "--weights", weights.path)
        #expect(result.code == .failure)
        #expect(result.error == "cnnc: error: \(weights.path): tensor 'conv1.weight' has shape [2, 1, 5, 5],"
            + " but the model expects [2, 1, 3, 3] (were these weights saved for this spec?)\n")
    }

    /// Several outputs: each shown by name, all written to one `.npz` (stored zip entries), and
    /// `.npy`, which holds one array, refused with the way out.
    @Test func severalOutputsGoToAnArchive() throws {
        let spec = try temporarySpec("input 6x6x2\nstem: conv 4 3x3 p1 relu\nh1: conv 3 1x1\n@stem\nmaxpool 2\nh2: conv 2 1x1\noutput @h1 @h2\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let text = CommandRunner().run("run", spec.path, "--random", "2")
        #expect(text.code == .success, "\(text.error)")
        #expect(text.output.contains("output h1: 2 x 6x6x3\nsample 0: min "))
        #expect(text.output.contains("output h2: 2 x 3x3x2\nsample 0: min "))
        let archive = spec.folder.appendingPathComponent("y.npz")
        #expect(CommandRunner().run("run", spec.path, "--random", "2", "--output", archive.path).code == .success)
        let bytes = try [UInt8](Data(contentsOf: archive))
        #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04] as [UInt8])
        #expect(Array(bytes.suffix(22).prefix(4)) == [0x50, 0x4B, 0x05, 0x06] as [UInt8])
        #expect(String(decoding: bytes, as: UTF8.self).contains("h1.npy"))
        if Python.hasTorch {
            let script = "import numpy; a = numpy.load('\(archive.path)'); "
                + "print(sorted(a.keys()), a['h1'].shape, a['h2'].shape, a['h1'].dtype)"
            let check = try Python.run(["-c", script])
            #expect(check.output == "['h1', 'h2'] (2, 6, 6, 3) (2, 3, 3, 2) float32\n", "\(check.errors)")
        }
        let npy = spec.folder.appendingPathComponent("y.npy").path
        let single = CommandRunner().run("run", spec.path, "--random", "2", "--output", npy)
        #expect(single.code == .failure)
        #expect(single.error.contains("the model has 2 outputs (h1, h2); write them to a .npz archive instead"))
        let json = CommandRunner().run("run", spec.path, "--random", "2", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let named = try #require(object["named_outputs"] as? [[String: Any]])
        #expect(named.map { $0["name"] as? String } == ["h1", "h2"])
        let memory = try #require(object["memory"] as? [String: Int])
        // One sample: stem 144, h1 108, maxpool 36, h2 18 floats; at most stem, h1 and maxpool alive at once.
        let peak: Int = 2 * 4 * (144 + 108 + 36)
        let sum: Int = 2 * 4 * (144 + 108 + 36 + 18)
        #expect(memory["peak_activation_bytes"] == peak)
        #expect(memory["inference_activation_bytes"] == sum)
    }

    /// `--profile`: a row per layer in model order with the kernel that ran it, shares that add up
    /// to the whole, and GFLOP/s exactly for the layers with multiply-accumulates.
    @Test func profileTimesEveryLayer() throws {
        let spec = try temporarySpec("input 8x8x4\nconv 8 3x3 p1 relu\nconv 8 3x3 g8 p1\nrelu6\nmaxpool 2\ndense 3\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let text = CommandRunner().run("run", spec.path, "--random", "5", "--batch", "2", "--profile")
        #expect(text.code == .success, "\(text.error)")
        #expect(text.output.contains("Profile: 3 batches, 5 samples (forward time per layer, mean per batch)"))
        let rows = text.output.split(separator: "\n").drop { !$0.hasPrefix("Profile:") }.dropFirst()
        #expect(rows.first?.split(separator: " ", omittingEmptySubsequences: true)
            == ["Layer", "Kernel", "ms/batch", "Share", "GFLOP/s"])
        let layers = rows.filter { !$0.hasPrefix("-") }.dropFirst().map {
            $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        }
        #expect(layers.map { $0[0] } == ["conv1", "conv2", "relu61", "maxpool1", "dense1", "total"])
        #expect(layers[0][1...2] == ["gemm", "8x8"] && layers[1][1...2] == ["depthwise", "3x3"])
        #expect(layers[2].last == "-" && layers[3].last == "-")

        let json = CommandRunner().run("run", spec.path, "--random", "5", "--batch", "2", "--profile", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let profile = try #require(object["profile"] as? [String: Any])
        #expect(profile["batches"] as? Int == 3 && profile["samples"] as? Int == 5)
        let entries = try #require(profile["layers"] as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["conv1", "conv2", "relu61", "maxpool1", "dense1"])
        #expect(entries.map { $0["kernel"] as? String } == ["gemm 8x8", "depthwise 3x3", "relu6", "maxpool", "gemm 8x8"])
        // 2 x MACs per sample: 8*8*8*3*3*4, 8*8*8*3*3, 0, 0, 4*4*8*3.
        #expect(entries.map { $0["flops_per_sample"] as? Int } == [36_864, 9_216, 0, 0, 768])
        let shares = entries.compactMap { $0["share"] as? Double }
        // JSON figures carry 6 significant digits, so sums agree to about 1e-6.
        #expect(shares.count == 5 && abs(shares.reduce(0, +) - 1) < 1e-5)
        #expect(entries.map { $0["gflops_per_second"] is NSNull } == [false, false, true, true, false])
        let total = try #require(profile["total_ms_per_batch"] as? Double)
        let sum = entries.compactMap { $0["ms_per_batch"] as? Double }.reduce(0, +)
        #expect(total > 0 && abs(total - sum) < 1e-5 * max(total, 1))
    }
}

private extension Array {
    func repeated(_ count: Int) -> [Element] { (0..<count).flatMap { _ in self } }
}
