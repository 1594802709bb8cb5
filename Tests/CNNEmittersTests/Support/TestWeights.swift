import CNNModel
import Foundation

/// Deterministic weights and inputs for the numeric tests, and a minimal safetensors writer
/// (the engine's reader and writer are tested in its own module; this one only feeds PyTorch).
enum TestWeights {
    /// SplitMix64: a tiny, well-known generator, so the numbers are the same on every machine.
    struct Generator {
        var state: UInt64

        mutating func next() -> Float {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Float(z >> 40) / Float(1 << 24)  // [0, 1)
        }
    }

    /// Every tensor of `model.parameterTensors`: uniform in [-0.5, 0.5), running variances in
    /// [0.5, 1.5), fixed filters from their table, so that every value matters to the output.
    static func random(for model: Model, seed: UInt64) -> [String: [Float]] {
        var generator = Generator(state: seed)
        var weights: [String: [Float]] = [:]
        for layer in model.layers {
            for tensor in layer.parameterTensors {
                var values = (0..<tensor.elementCount).map { _ in generator.next() - 0.5 }
                if tensor.name.hasSuffix("running_var") { values = values.map { $0 + 1 } }
                if case let .convolution(conv) = layer.operation, let filter = conv.fixedFilter {
                    values = tensor.name.hasSuffix("weight")
                        ? filter.weights(filters: conv.filters, channelsPerGroup: tensor.shape[1])
                        : [Float](repeating: 0, count: tensor.elementCount)
                }
                weights[tensor.name] = values
            }
        }
        return weights
    }

    /// `count` values in [0, 1).
    static func input(count: Int, seed: UInt64) -> [Float] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in generator.next() }
    }

    /// A safetensors file (F32) with `tensors` in `order`, shapes from `model.parameterTensors`.
    static func safetensors(_ weights: [String: [Float]], model: Model) -> Data {
        var entries: [String] = []
        var payload = Data()
        for tensor in model.parameterTensors {
            let values = weights[tensor.name] ?? []
            let start = payload.count
            for value in values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { payload.append(contentsOf: $0) }
            }
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\"\(tensor.name)\":{\"dtype\":\"F32\",\"shape\":[\(shape)],"
                + "\"data_offsets\":[\(start),\(payload.count)]}")
        }
        var header = Data(("{" + entries.joined(separator: ",") + "}").utf8)
        header.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8))
        var file = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
        return file + header + payload
    }
}
