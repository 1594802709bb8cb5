import CNNTestSupport
import CNNEmitters
import CNNModel
import Foundation
import Testing

/// The `pytorch-ddp` script trains in one process on a few IDX images and saves safetensors
/// with exactly cnnc's names and shapes. (torchrun with 2 processes was run by hand; a test
/// starting a process group would be slow and fragile.)
@Suite(.enabled(if: Python.hasTorch, "needs python3 with torch and safetensors (pip install torch safetensors)"))
struct PyTorchTrainerTests {
    @Test func trainsOnIDXAndSavesTheContract() throws {
        let model = try ExampleModels.mixed()
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = 24
        var generator = TestWeights.Generator(state: 5)
        let pixels = (0..<(count * model.input.elementCount)).map { _ in UInt8(generator.next() * 255) }
        let labels = (0..<count).map { UInt8($0 % 3) }
        try idx(dimensions: [count] + model.input.dimensions, bytes: pixels)
            .write(to: directory.appendingPathComponent("train-images-idx3-ubyte"))
        try idx(dimensions: [count], bytes: labels).write(to: directory.appendingPathComponent("train-labels-idx1-ubyte"))
        let script = directory.appendingPathComponent("train_ddp.py")
        try PyTorchEmitter.emitTrainingScript(model).write(to: script, atomically: true, encoding: .utf8)

        let result = try Python.run([script.path, "--data", directory.path, "--epochs", "2", "--batch", "8",
                                     "--save", "trained.safetensors"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("epoch 2/2: loss "))
        #expect(result.output.contains("(1 process)"))
        let header = try safetensorsHeader(directory.appendingPathComponent("trained.safetensors"))
        let expected = Dictionary(uniqueKeysWithValues: model.parameterTensors.map { ($0.name, $0.shape) })
        #expect(header == expected)
    }

    @Test func rejectsImagesOfTheWrongSize() throws {
        let directory = try Python.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try idx(dimensions: [2, 5, 5], bytes: [UInt8](repeating: 0, count: 50))
            .write(to: directory.appendingPathComponent("train-images-idx3-ubyte"))
        let script = directory.appendingPathComponent("train_ddp.py")
        try PyTorchEmitter.emitTrainingScript(try ExampleModels.lenet5()).write(to: script, atomically: true, encoding: .utf8)
        let result = try Python.run([script.path, "--data", directory.path], in: directory)
        #expect(result.status != 0)
        #expect(result.errors.contains("train-images-idx3-ubyte: images of shape (5, 5, 1), the model takes (28, 28, 1)"))
    }

    /// An IDX file of unsigned bytes: magic `0 0 8 rank`, big-endian sizes, data.
    private func idx(dimensions: [Int], bytes: [UInt8]) -> Data {
        var data = Data([0, 0, 8, UInt8(dimensions.count)])
        for size in dimensions { withUnsafeBytes(of: UInt32(size).bigEndian) { data.append(contentsOf: $0) } }
        return data + Data(bytes)
    }

    /// Tensor names and shapes from a safetensors header.
    private func safetensorsHeader(_ url: URL) throws -> [String: [Int]] {
        let data = try Data(contentsOf: url)
        let length = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let json = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any] ?? [:]
        return json.filter { $0.key != "__metadata__" }.compactMapValues { ($0 as? [String: Any])?["shape"] as? [Int] }
    }
}
