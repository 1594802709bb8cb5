import CNNCommands
import CNNTestSupport
import Foundation
import Testing

@Suite struct SummaryCommandTests {
    /// Every spec in every format matches its golden file; the table is what a person reads.
    @Test(arguments: ["table", "json", "markdown", "csv"])
    func everySpecInEveryFormat(format: String) throws {
        let specs = try SpecFiles.all()
        #expect(specs.count >= 7)
        for (file, _) in specs {
            let result = CommandRunner().run("summary", SpecFiles.path(of: file), "--format", format)
            #expect(result.code == .success, "\(file): \(result.error)")
            #expect(result.error.isEmpty)
            let name = String(file.dropLast(4))
            // Titles show `Specs/<file>`, as a user in the repository types it, on every machine.
            let output = result.output.replacingOccurrences(of: SpecFiles.directory.path + "/", with: "Specs/")
            Golden.check(output, against: "summary/\(name).\(format == "markdown" ? "md" : format)")
        }
    }

    /// The JSON contract: exact keys, and the published totals.
    @Test(arguments: [
        ("lenet5.cnn", 47_154, 284_360), ("lenet5-classic.cnn", 61_706, 416_520),
        ("alexnet.cnn", 61_100_840, 714_188_480), ("vgg16.cnn", 138_357_544, 15_470_264_320),
    ])
    func jsonContract(file: String, params: Int, macs: Int) throws {
        let result = CommandRunner().run("summary", SpecFiles.path(of: file), "--format=json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        for key in ["input", "layers", "total_params", "trainable_params", "non_trainable_params", "total_macs", "total_flops"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["total_params"] as? Int == params)
        #expect(json["total_macs"] as? Int == macs)
        #expect(json["total_flops"] as? Int == 2 * macs)
        let layers = try #require(json["layers"] as? [[String: Any]])
        for layer in layers {
            #expect(Set(layer.keys).isSuperset(of: ["name", "kind", "output", "params", "trainable_params", "macs", "receptive_field"]))
        }
    }

    /// Memory: input N*elements*4; activations N*sum(outputs)*4; training 2*activations + (P + 3*trainable)*4.
    @Test func batchScalesTheMemoryEstimates() throws {
        let spec = try temporarySpec("input 4x4x1\nconv 2 3x3\ndense 3\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let result = CommandRunner().run("summary", spec.path, "--format", "json", "--batch", "8")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let memory = try #require(json["memory"] as? [String: Int])
        let activations = 8 * (2 * 2 * 2 + 3) * 4
        let params = (9 * 2 + 2) + (8 * 3 + 3)
        // Peak: while dense1 runs, conv1's output (its input) and its own are alive.
        #expect(memory == ["batch": 8, "input_bytes": 8 * 16 * 4, "inference_activation_bytes": activations,
                           "peak_activation_bytes": activations, "training_bytes": 2 * activations + 4 * params * 4])
    }

    /// A model that checks can still have figures past `Int.max`: the input bytes of 2^62
    /// elements, or of 8.4e14 elements times a batch of 100,000. They print `overflow` (null in
    /// JSON), the figures that fit stay exact, and nothing traps.
    @Test(arguments: [("input 16777216x16777216x16384\nglobalavgpool\n", 1, 16384 * 4),
                      ("input 16777215x16777215x3\nglobalavgpool\n", 100_000, 100_000 * 3 * 4)])
    func figuresPastIntMaxSayOverflow(source: String, batch: Int, activationBytes: Int) throws {
        let spec = try temporarySpec(source)
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        #expect(CommandRunner().run("check", spec.path).code == .success)
        for format in ["table", "markdown", "csv"] {
            let result = CommandRunner().run("summary", spec.path, "--format", format, "--batch", String(batch))
            #expect(result.code == .success, "\(format): \(result.error)")
            #expect(result.output.contains("overflow") == (format != "csv"), "\(format): \(result.output)")
        }
        let table = CommandRunner().run("summary", spec.path, "--batch", String(batch)).output
        let inputLine = table.split(separator: "\n").first { $0.hasPrefix("Input size (batch \(batch)):") }
        #expect(inputLine?.hasSuffix(" overflow") == true, "\(table)")
        #expect(table.contains("Activations, inference:"))
        let result = CommandRunner().run("summary", spec.path, "--format", "json", "--batch", String(batch))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let memory = try #require(json["memory"] as? [String: Any])
        #expect(memory["input_bytes"] is NSNull)
        #expect(memory["inference_activation_bytes"] as? Int == activationBytes)
        #expect(memory["training_bytes"] as? Int == 2 * activationBytes)
    }

    @Test func inputFlagWinsOverTheSpec() throws {
        let result = CommandRunner().run("summary", SpecFiles.path(of: "lenet5.cnn"), "--input", "32x32x1", "--format", "csv")
        #expect(result.code == .success)
        #expect(result.output.contains("1,conv1,conv 5x5/1 valid relu,28x28x6,156,156,117600,5x5"))
    }

    @Test func theIssueExampleWithInputFromTheCommandLine() throws {
        let spec = try temporarySpec("conv 6 5x5 s1 valid; avgpool 2; dense 128\n")
        defer { try? FileManager.default.removeItem(at: spec.folder) }
        let result = CommandRunner().run("summary", spec.path, "--input", "28x28x1", "--format", "csv")
        #expect(result.code == .success)
        #expect(result.output.hasSuffix("3,dense1,dense (flattens 12x12x6),128,110720,110720,110592,28x28\r\n"))
    }
}
