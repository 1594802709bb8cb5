import Foundation

/// Reads MNIST's IDX files: image stacks and label vectors.
///
/// Layout: a 4-byte magic `00 00 TT DD` (TT the element type: 0x08 u8, 0x09 i8, 0x0B i16,
/// 0x0C i32, 0x0D f32, 0x0E f64; DD the number of dimensions), DD big-endian u32 sizes, then
/// the data, big-endian, row-major. Images are `0x00000803` (count x rows x columns, u8) and
/// labels `0x00000801` (count, u8). Gzip-compressed files (`.gz`, as MNIST is distributed)
/// are inflated first.
public enum IDXFile {
    static let scalarTypes: [UInt8: ScalarType] = [
        0x08: .uint8, 0x09: .int8, 0x0B: .int16, 0x0C: .int32, 0x0D: .float32, 0x0E: .float64,
    ]
    static let expectedMagic = "0x00000803 (images) or 0x00000801 (labels)"

    /// The images of the file at `url` as a tensor `[N, H, W, C]` (C = 1 for a 3-d file),
    /// u8 pixels scaled to [0, 1], float pixels as stored.
    public static func readImages(from url: URL) throws -> Tensor {
        try decodeImages(FileBytes.read(from: url), path: url.path)
    }

    /// The labels of the file at `url`, in file order.
    public static func readLabels(from url: URL) throws -> [Int] {
        try decodeLabels(FileBytes.read(from: url), path: url.path)
    }

    /// Images from a whole IDX file (possibly gzip-compressed); see `readImages(from:)`.
    public static func decodeImages(_ bytes: [UInt8], path: String) throws -> Tensor {
        let (scalarType, shape, data) = try decode(bytes, path: path)
        guard shape.count == 3 || shape.count == 4 else {
            throw FormatError.badHeader(path: path, format: "IDX", problem: "an image file has 3 dimensions"
                + " (count, rows, columns), this one has \(shape.count)"
                + (shape.count == 1 ? " (is it a label file?)" : ""))
        }
        let imageShape = Array(shape.prefix(3)) + [shape.count == 4 ? shape[3] : 1]
        switch scalarType {
        case .uint8:
            return Tensor(shape: imageShape, scalars: ScalarType.unitScaledBytes(data.bytes, start: data.start, count: data.count))
        case .float32, .float64:
            return Tensor(shape: imageShape, scalars: scalarType.decode(data.bytes, start: data.start, count: data.count,
                                                                        bigEndian: true))
        default:
            throw FormatError.unsupportedDtype(path: path, tensor: nil, dtype: "\(scalarType) pixels",
                                               supported: ["u8 (0x08)", "f32 (0x0D)", "f64 (0x0E)"])
        }
    }

    /// Labels from a whole IDX file (possibly gzip-compressed): one dimension, non-negative integers.
    public static func decodeLabels(_ bytes: [UInt8], path: String) throws -> [Int] {
        let (scalarType, shape, data) = try decode(bytes, path: path)
        guard shape.count == 1 else {
            throw FormatError.badHeader(path: path, format: "IDX", problem: "a label file has 1 dimension,"
                + " this one has \(shape.count)" + (shape.count == 3 ? " (is it an image file?)" : ""))
        }
        guard scalarType.isInteger else {
            throw FormatError.unsupportedDtype(path: path, tensor: nil, dtype: "\(scalarType) labels",
                                               supported: ["u8 (0x08)", "i8 (0x09)", "i16 (0x0B)", "i32 (0x0C)"])
        }
        let values = scalarType.decode(data.bytes, start: data.start, count: data.count, bigEndian: true)
        return try values.enumerated().map { index, value in
            guard value >= 0 else {
                throw FormatError.badValue(path: path, problem: "label \(index) is \(Int(value)), not a non-negative integer")
            }
            return Int(value)
        }
    }

    /// The element type, shape and data location of a whole IDX file (inflated if it was gzip).
    static func decode(_ fileBytes: [UInt8], path: String)
        throws -> (ScalarType, [Int], data: (bytes: [UInt8], start: Int, count: Int)) {
        let bytes = Gzip.isCompressed(fileBytes) ? try inflate(fileBytes, path: path) : fileBytes
        let (scalarType, shape, count, byteCount, dataStart) = try header(bytes, path: path)
        guard byteCount <= bytes.count - dataStart else {
            throw FormatError.truncated(path: path, part: "data of shape \(shape)",
                                        neededBytes: dataStart + byteCount, availableBytes: bytes.count)
        }
        guard byteCount == bytes.count - dataStart else {
            throw FormatError.trailingBytes(path: path, format: "IDX", expectedBytes: dataStart + byteCount,
                                            actualBytes: bytes.count)
        }
        return (scalarType, shape, (bytes, dataStart, count))
    }

    /// A gzipped IDX file inflated no further than its header announces (magic, sizes and data):
    /// the header is read from the first decompressed bytes, so a small file cannot inflate to gigabytes.
    private static func inflate(_ fileBytes: [UInt8], path: String) throws -> [UInt8] {
        // The longest header: magic and 255 sizes.
        let start = try Gzip.prefix(fileBytes, count: 4 + 4 * 255, path: path)
        guard let announced = try? header(start, path: path),
              case let (total, overflow) = announced.dataStart.addingReportingOverflow(announced.byteCount), !overflow,
              total <= Gzip.defaultLimit else {
            // A header we cannot read yet (the checked pass reports why) or beyond the general cap.
            return try Gzip.decompress(fileBytes, path: path)
        }
        return try Gzip.decompress(fileBytes, path: path, limit: total, remedy: "its IDX header announces"
            + " \(total) bytes in all; the file is corrupt or not what it claims to be, download it again")
    }

    /// The element type, shape, data byte count and data offset from the start of an IDX file.
    private static func header(_ bytes: [UInt8], path: String)
        throws -> (ScalarType, [Int], count: Int, byteCount: Int, dataStart: Int) {
        var reader = ByteReader(bytes: bytes, path: path)
        let magic = Array(bytes.prefix(4))
        guard magic.count == 4, magic[0] == 0, magic[1] == 0, let scalarType = scalarTypes[magic[2]], magic[3] > 0 else {
            let found = magic.count == 4 ? "0x" + magic.map { String(format: "%02X", $0) }.joined()
                                         : MagicText.describe(magic)
            throw FormatError.badMagic(path: path, format: "IDX", expected: expectedMagic, found: found)
        }
        _ = try reader.take(4, part: "magic")
        var shape: [Int] = []
        for _ in 0..<magic[3] {
            shape.append(Int(try reader.uint32BigEndian(part: "dimensions")))
        }
        guard let count = ElementCount.of(shape), let byteCount = ElementCount.bytes(count, of: scalarType) else {
            throw FormatError.badHeader(path: path, format: "IDX", problem: "the size of shape \(shape) overflows a 64-bit integer")
        }
        return (scalarType, shape, count, byteCount, reader.offset)
    }
}
