import CNNCommands
import CNNEngine
import CNNFrontEnd
import CNNModel
import CNNTestSupport
import Foundation
import Testing

/// Every Spec of the repository runs, and every classifier among them trains, through the
/// commands a user types, on the smallest square input it accepts (emitting and drawing every
/// Spec is pinned by the golden files). VGG-16 and AlexNet, chains of layers trained elsewhere,
/// are left out of training: their 61M and 138M parameters with Adam's state would take
/// gigabytes and minutes in a debug build.
@Suite struct EverySpecTests {
    static let names = (try? SpecFiles.all().map(\.name)) ?? []

    /// The smallest of a few square sizes at which `name` checks, with its own channel count.
    static func smallest(_ name: String, sizes: [Int] = [8, 16, 32, 48, 64]) throws -> (input: String, model: Model) {
        let text = try SpecFiles.text(of: name)
        let channels = Compiler.compile(source: text).model?.input.dimensions.last ?? 1
        for size in sizes {
            let input = Shape.image(height: size, width: size, channels: channels)
            if let model = Compiler.compile(source: text, input: input).model {
                return ("\(size)x\(size)x\(channels)", model)
            }
        }
        throw CommandFailure("\(name) checks at none of the sizes tried")
    }

    /// `run --format json`: each output's shape, and the planned peak of activations is the summary's.
    @Test(arguments: names)
    func specRuns(_ name: String) throws {
        let (input, model) = try Self.smallest(name)
        let path = SpecFiles.directory.appendingPathComponent(name).path
        let run = CommandRunner().run("run", path, "--input", input, "--random", "1", "--format", "json")
        try #require(run.code == .success, "\(run.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let shapes: [[Int]] = if let named = report["named_outputs"] as? [[String: Any]] {
            named.compactMap { $0["output_shape"] as? [Int] }
        } else {
            [report["output_shape"] as? [Int] ?? []]
        }
        #expect(shapes == model.outputs.map { [1] + model.shape(of: $0.value).dimensions })

        let summary = CommandRunner().run("summary", path, "--input", input, "--batch", "1", "--format", "json")
        let totals = try #require(try JSONSerialization.jsonObject(with: Data(summary.output.utf8)) as? [String: Any])
        let planned = (report["memory"] as? [String: Any])?["peak_activation_bytes"] as? Int
        #expect(planned != nil && planned == (totals["memory"] as? [String: Any])?["peak_activation_bytes"] as? Int)
    }

    /// One epoch of `train` on two random images (one batch) saves every parameter tensor, and the
    /// last layer's weights have moved away from the seeded initialisation. From 16x16 up, where the
    /// last stages of ResNet and EfficientNet are 1x1 and their 5x5 windows hang past the image:
    /// the case that once read past an image row in the filter gradient (NaN, now and then).
    @Test(arguments: names)
    func classifierTrains(_ name: String) throws {
        let (input, model) = try Self.smallest(name, sizes: [16, 32, 48, 64])
        guard let classes = model.classCount, model.outputs.count == 1, model.parameterCount < 30_000_000 else { return }
        let folder = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = { (name: String) in folder.appendingPathComponent(name) }
        for (split, count) in [("train", 2), ("test", 1)] {
            let images = PyTorchAgreementTests.random(shape: [count] + model.input.dimensions, seed: 1, range: 0...1)
            try NpyFile.write(images, to: file("\(split)_images.npy"))
            try NpyFile.write(Tensor(shape: [count], scalars: (0..<count).map { Float($0 % classes) }),
                              to: file("\(split)_labels.npy"))
        }
        let path = SpecFiles.directory.appendingPathComponent(name).path
        let train = CommandRunner().run("train", path, "--input", input, "--data", folder.path, "--epochs", "1",
                                        "--batch", "2", "--save", file("w.safetensors").path)
        try #require(train.code == .success, "\(name): \(train.error)")

        let saved = try SafetensorsFile.read(from: file("w.safetensors")).tensors
        #expect(saved.keys.sorted() == model.parameterTensors.map(\.name).sorted())
        let seeded = Network(model: model).weights
        let last = try #require(model.parameterTensors.last { $0.name.hasSuffix(".weight") }?.name)
        #expect(saved[last]?.scalars != seeded[last]?.scalars, "\(name): \(last) did not change")
    }
}
