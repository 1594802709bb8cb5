import CNNFormats

/// A Darknet `.weights` file, as pjreddie's `load_weights_upto` reads it, under cnnc's names.
///
/// Layout, little-endian: `major`, `minor`, `revision` (int32 each), then `seen` (images trained
/// on): 64 bits when `major * 10 + minor >= 2` and both are below 1000, else 32. Then float32s,
/// layer by layer in cfg order, for the layers with weights only:
/// - convolutional: biases `[F]`; with `batch_normalize=1` scales, rolling means and rolling
///   variances `[F]` each; then weights `[F, C/groups, size, size]` (cnnc's order already).
/// - connected: biases `[out]`, weights `[out, in]` (`[in, out]` when major or minor passes
///   1000, Darknet's `transpose`), then with `batch_normalize=1` scales, means, variances `[out]`.
///
/// With batchnorm, Darknet's biases are the batchnorm's shift: they go to `lN_bn.bias`, the scales
/// to `lN_bn.weight`, and the conv or dense layer has no bias. Darknet itself ignores bytes after
/// the last layer; here a file too long or too short for the cfg is refused.
public struct DarknetWeights: Sendable {
    public struct Header: Hashable, Sendable {
        public var major: Int32
        public var minor: Int32
        public var revision: Int32
        public var seen: UInt64

        /// `0.2.0`.
        public var version: String { "\(major).\(minor).\(revision)" }
        /// Connected weights stored `[in, out]`.
        public var transposesConnected: Bool { major > 1000 || minor > 1000 }
        /// Whether `seen` takes 64 bits.
        static func hasLongSeen(major: Int32, minor: Int32) -> Bool {
            Int(major) * 10 + Int(minor) >= 2 && major < 1000 && minor < 1000
        }
    }

    /// A cfg layer whose numbers the file holds, and the cnnc layers they go to.
    public struct Layer: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            case convolutional(filters: Int, channelsPerGroup: Int, size: Int)
            case connected(outputs: Int, inputs: Int)
        }

        /// Darknet's layer index.
        public var index: Int
        public var kind: Kind
        /// The conv or dense layer (`l0_conv`): its `.weight`, and its `.bias` without batchnorm.
        public var name: String
        /// The batchnorm layer after it (`l0_bn`) when `batch_normalize=1`.
        public var batchNorm: String?
    }

    public var header: Header
    public var tensors: [String: Tensor]

    /// Reads `bytes` for `layers` (`DarknetModel.weightLayers`); `path` names the file in errors.
    public static func read(bytes: [UInt8], layers: [Layer], path: String) throws(ImportError) -> DarknetWeights {
        var reader = Reader(bytes: bytes)
        func fail(_ place: String, _ message: String) -> ImportError {
            ImportError(path: path, place: place, message: message)
        }
        guard let major = reader.int32(), let minor = reader.int32(), let revision = reader.int32() else {
            throw fail("the header", "the file has \(bytes.count) bytes, fewer than a Darknet header's 16")
        }
        guard major >= 0, minor >= 0, revision >= 0 else {
            throw fail("the header", "version \(major).\(minor).\(revision) is no Darknet version: is this a .weights file?")
        }
        let long = Header.hasLongSeen(major: major, minor: minor)
        guard let seen = long ? reader.uint64() : reader.int32().map({ UInt64(UInt32(bitPattern: $0)) }) else {
            throw fail("the header", "the file ends inside the header (\(bytes.count) bytes; version"
                + " \(major).\(minor).\(revision) has \(long ? 20 : 16))")
        }
        let header = Header(major: major, minor: minor, revision: revision, seen: seen)
        var tensors: [String: Tensor] = [:]
        for layer in layers {
            let place = "layer \(layer.index) (\(layer.name))"
            func take(_ what: String, _ shape: [Int]) throws(ImportError) -> Tensor {
                let count = shape.reduce(Optional(1)) { total, size in total.flatMap { product($0, size) } }
                guard let count, let scalars = reader.floats(count) else {
                    throw fail(place, "the file ends at byte \(bytes.count), inside this layer's \(what)"
                        + " (\(count ?? 0) numbers from byte \(reader.offset)): is it for another cfg?")
                }
                return Tensor(shape: shape, scalars: scalars)
            }
            switch layer.kind {
            case let .convolutional(filters, channels, size):
                let biases = try take("biases", [filters])
                if let batchNorm = layer.batchNorm {
                    tensors[batchNorm + ".bias"] = biases
                    tensors[batchNorm + ".weight"] = try take("batchnorm scales", [filters])
                    tensors[batchNorm + ".running_mean"] = try take("rolling means", [filters])
                    tensors[batchNorm + ".running_var"] = try take("rolling variances", [filters])
                } else {
                    tensors[layer.name + ".bias"] = biases
                }
                tensors[layer.name + ".weight"] = try take("weights", [filters, channels, size, size])
            case let .connected(outputs, inputs):
                let biases = try take("biases", [outputs])
                let weights = try take("weights", header.transposesConnected ? [inputs, outputs] : [outputs, inputs])
                tensors[layer.name + ".weight"] = header.transposesConnected ? transposed(weights) : weights
                if let batchNorm = layer.batchNorm {
                    tensors[batchNorm + ".bias"] = biases
                    tensors[batchNorm + ".weight"] = try take("batchnorm scales", [outputs])
                    tensors[batchNorm + ".running_mean"] = try take("rolling means", [outputs])
                    tensors[batchNorm + ".running_var"] = try take("rolling variances", [outputs])
                } else {
                    tensors[layer.name + ".bias"] = biases
                }
            }
        }
        guard reader.offset == bytes.count else {
            let last = layers.last.map { "layer \($0.index) (\($0.name))" } ?? "the header"
            throw fail("the end of the file", "\(bytes.count - reader.offset) bytes are left after \(last), the last"
                + " with weights: is the file for another cfg?")
        }
        return DarknetWeights(header: header, tensors: tensors)
    }

    private static func product(_ a: Int, _ b: Int) -> Int? {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : value
    }

    /// `[rows, cols]` to `[cols, rows]`.
    private static func transposed(_ matrix: Tensor) -> Tensor {
        let (rows, cols) = (matrix.shape[0], matrix.shape[1])
        var scalars = [Float](repeating: 0, count: matrix.count)
        for row in 0..<rows {
            for col in 0..<cols { scalars[col * rows + row] = matrix.scalars[row * cols + col] }
        }
        return Tensor(shape: [cols, rows], scalars: scalars)
    }

    /// Little-endian numbers from the front of the file, never reading past its end.
    private struct Reader {
        let bytes: [UInt8]
        private(set) var offset = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        private mutating func word(_ size: Int) -> UInt64? {
            guard bytes.count - offset >= size else { return nil }
            var value: UInt64 = 0
            for index in 0..<size { value |= UInt64(bytes[offset + index]) << (8 * index) }
            offset += size
            return value
        }

        mutating func int32() -> Int32? { word(4).map { Int32(bitPattern: UInt32(truncatingIfNeeded: $0)) } }
        mutating func uint64() -> UInt64? { word(8) }

        mutating func floats(_ count: Int) -> [Float]? {
            guard count >= 0, count <= (bytes.count - offset) / 4 else { return nil }
            var result = [Float](repeating: 0, count: count)
            for index in 0..<count {
                let base = offset + 4 * index
                let bits = UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16
                    | UInt32(bytes[base + 3]) << 24
                result[index] = Float(bitPattern: bits)
            }
            offset += 4 * count
            return result
        }
    }
}
