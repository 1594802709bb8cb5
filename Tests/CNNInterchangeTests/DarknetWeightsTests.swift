import CNNFormats
import CNNInterchange
import CNNModel
import Testing

/// A `.weights` file in Darknet's layout: the header, then `floats` little-endian.
func darknetWeightsFile(major: Int32, minor: Int32, revision: Int32 = 0, seen: UInt64, floats: [Float]) -> [UInt8] {
    func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
    let long = major * 10 + minor >= 2 && major < 1000 && minor < 1000
    var file = bytes(major) + bytes(minor) + bytes(revision)
    file += long ? bytes(seen) : bytes(UInt32(truncatingIfNeeded: seen))
    for value in floats { file += bytes(value.bitPattern) }
    return file
}

/// conv with batchnorm, conv with bias, connected on a 4x4x3 image: 151 numbers.
private let weightedCfg = smallCfg("""
    [convolutional]
    batch_normalize=1
    filters=2
    size=3
    pad=1
    activation=leaky
    [convolutional]
    filters=3
    size=1
    activation=linear
    [connected]
    output=2
    activation=linear
    """, input: (4, 4, 2))

private func sequence(_ range: ClosedRange<Int>) -> [Float] { range.map(Float.init) }

private func weightsProblem(_ file: [UInt8]) -> String? {
    do {
        _ = try DarknetImporter.importModel(cfg: weightedCfg, path: "w.cfg", weights: file, weightsPath: "w.weights")
        return nil
    } catch {
        #expect(error.path == "w.weights")
        return error.problems.map { "\($0.place): \($0.message)" }.joined(separator: "\n")
    }
}

@Suite("DarknetWeights")
struct DarknetWeightsTests {
    @Test("numbers land under cnnc's names in cnnc's shapes, biases on the batchnorm when there is one",
          arguments: [(Int32(0), Int32(2)), (0, 1), (1, 0)])
    func layout(major: Int32, minor: Int32) throws {
        let file = darknetWeightsFile(major: major, minor: minor, seen: 64_000_123_456, floats: sequence(1...151))
        let imported = try DarknetImporter.importModel(cfg: weightedCfg, path: "w.cfg", weights: file, weightsPath: "w.weights")
        let weights = try #require(imported.weights)
        #expect(Set(weights.keys) == ["l0_bn.bias", "l0_bn.weight", "l0_bn.running_mean", "l0_bn.running_var",
                                      "l0_conv.weight", "l1_conv.bias", "l1_conv.weight", "l2_connected.bias",
                                      "l2_connected.weight"])
        #expect(weights["l0_bn.bias"] == Tensor(shape: [2], scalars: [1, 2]))
        #expect(weights["l0_bn.weight"] == Tensor(shape: [2], scalars: [3, 4]))
        #expect(weights["l0_bn.running_mean"] == Tensor(shape: [2], scalars: [5, 6]))
        #expect(weights["l0_bn.running_var"] == Tensor(shape: [2], scalars: [7, 8]))
        #expect(weights["l0_conv.weight"] == Tensor(shape: [2, 2, 3, 3], scalars: sequence(9...44)))
        #expect(weights["l1_conv.bias"] == Tensor(shape: [3], scalars: [45, 46, 47]))
        #expect(weights["l1_conv.weight"] == Tensor(shape: [3, 2, 1, 1], scalars: sequence(48...53)))
        #expect(weights["l2_connected.bias"] == Tensor(shape: [2], scalars: [54, 55]))
        #expect(weights["l2_connected.weight"] == Tensor(shape: [2, 48], scalars: sequence(56...151)))
        let seen = minor == 1 ? "3870581312" : "64000123456"  // 0.1 keeps seen in 32 bits: the low ones
        #expect(imported.notes.last == "Weights from w.weights (Darknet \(major).\(minor).0, \(seen) images seen in training).")
    }

    @Test("versions past 1000 store connected weights [in, out]")
    func transposedConnected() throws {
        let file = darknetWeightsFile(major: 1001, minor: 0, seen: 0, floats: sequence(1...151))
        let weights = try #require(try DarknetImporter.importModel(cfg: weightedCfg, path: "w.cfg", weights: file,
                                                                   weightsPath: "w.weights").weights)
        let stored = sequence(56...151)  // [48, 2]
        let expected = (0..<2).flatMap { output in (0..<48).map { input in stored[input * 2 + output] } }
        #expect(weights["l2_connected.weight"] == Tensor(shape: [2, 48], scalars: expected))
    }

    @Test("the whole of yolov3-tiny: 8,858,734 numbers after a 20-byte header, as the real file has")
    func yoloV3Tiny() throws {
        var file = darknetWeightsFile(major: 0, minor: 2, seen: 32_013_312, floats: [])
        file += [UInt8](repeating: 0, count: 4 * 8_858_734)
        #expect(file.count == 35_434_956)
        let imported = try DarknetImporter.importModel(cfg: try yoloV3TinyCfg(), path: "yolov3-tiny.cfg", weights: file,
                                                       weightsPath: "yolov3-tiny.weights")
        let weights = try #require(imported.weights)
        #expect(weights.values.map(\.count).reduce(0, +) == imported.model.parameterCount)
        #expect(weights["l0_conv.weight"]?.shape == [16, 3, 3, 3])
        #expect(weights["l22_conv.bias"]?.shape == [255])
        #expect(weights["l21_bn.running_var"]?.shape == [256])
        #expect(weights.count == 11 * 5 + 2 * 2)  // 11 convs with batchnorm (5 tensors), 2 with weight and bias
        let tooLong = file + [0, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: ImportError.self) {
            try DarknetImporter.importModel(cfg: try yoloV3TinyCfg(), path: "c", weights: tooLong, weightsPath: "w")
        }
    }

    @Test("broken files: where they end and why", arguments: [
        (darknetWeightsFile(major: 0, minor: 2, seen: 1, floats: sequence(1...150)),
         "layer 2 (l2_connected): the file ends at byte 620, inside this layer's weights (96 numbers from byte 240): is it for another cfg?"),
        (darknetWeightsFile(major: 0, minor: 2, seen: 1, floats: sequence(1...7)),
         "layer 0 (l0_conv): the file ends at byte 48, inside this layer's rolling variances (2 numbers from byte 44): is it for another cfg?"),
        (darknetWeightsFile(major: 0, minor: 2, seen: 1, floats: sequence(1...152)),
         "the end of the file: 4 bytes are left after layer 2 (l2_connected), the last with weights: is the file for another cfg?"),
        (Array(darknetWeightsFile(major: 0, minor: 2, seen: 1, floats: []).prefix(10)),
         "the header: the file has 10 bytes, fewer than a Darknet header's 16"),
        (Array(darknetWeightsFile(major: 0, minor: 2, seen: 1, floats: []).prefix(16)),
         "the header: the file ends inside the header (16 bytes; version 0.2.0 has 20)"),
        (darknetWeightsFile(major: -1, minor: 2, seen: 1, floats: sequence(1...151)),
         "the header: version -1.2.0 is no Darknet version: is this a .weights file?"),
        ([], "the header: the file has 0 bytes, fewer than a Darknet header's 16"),
    ])
    func broken(file: [UInt8], expected: String) {
        #expect(weightsProblem(file) == expected)
    }
}
