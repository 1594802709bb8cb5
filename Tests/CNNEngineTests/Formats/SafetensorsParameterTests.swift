import CNNModel
import Testing
@testable import CNNEngine

@Suite struct SafetensorsParameterTests {
    /// conv 2 3x3 (weight [2, 1, 3, 3], bias [2]) on 4x4x1, then dense 3 on the 2x2x2 output.
    static func model() throws -> Model {
        try Model(input: .image(height: 4, width: 4, channels: 1),
                  operations: [.convolution(Convolution(filters: 2, kernel: Size2(square: 3))), .flatten,
                               .dense(Dense(units: 3))])
    }

    static func weights() -> [String: Tensor] {
        ["conv1.weight": Tensor(shape: [2, 1, 3, 3], repeating: 1), "conv1.bias": Tensor(shape: [2], repeating: 2),
         "dense1.weight": Tensor(shape: [3, 8], repeating: 3), "dense1.bias": Tensor(shape: [3], repeating: 4)]
    }

    @Test func returnsTheWeightsInParameterOrderIgnoringBatchCounters() throws {
        var file = Self.weights()
        file["bn1.num_batches_tracked"] = Tensor(shape: [], scalars: [10])
        let tensors = try SafetensorsContents(tensors: file).tensors(matching: try Self.model().parameterTensors, path: "w")
        #expect(tensors.map(\.shape) == [[2, 1, 3, 3], [2], [3, 8], [3]])
        #expect(tensors.map { $0.scalars[0] } == [1, 2, 3, 4])
    }

    @Test func namesMissingExtraAndMisshapenTensors() throws {
        let parameters = try Self.model().parameterTensors
        var missing = Self.weights()
        missing["conv1.bias"] = nil
        missing["dense1.bias"] = nil
        #expect(formatErrorDescription { _ = try SafetensorsContents(tensors: missing).tensors(matching: parameters, path: "w") }
            == "w: missing tensors conv1.bias [2], dense1.bias [3] (were these weights saved for this spec?)")
        var extra = Self.weights()
        extra["fc.weight"] = Tensor(shape: [1], repeating: 0)
        #expect(formatErrorDescription { _ = try SafetensorsContents(tensors: extra).tensors(matching: parameters, path: "w") }
            == "w: tensor fc.weight not in the model (were these weights saved for this spec?)")
        var misshapen = Self.weights()
        misshapen["dense1.weight"] = Tensor(shape: [8, 3], repeating: 0)
        #expect(formatErrorDescription { _ = try SafetensorsContents(tensors: misshapen).tensors(matching: parameters, path: "w") }
            == "w: tensor 'dense1.weight' has shape [8, 3], the model expects [3, 8]")
    }
}
