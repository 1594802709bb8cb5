import Foundation

/// Reads and writes numpy's `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length (u16 in 1.0,
/// u32 after), a Python dict literal `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`
/// padded with spaces and a newline so that the data starts at a multiple of 64 bytes, then the raw
/// data in C order. Reading converts float, integer and bool types of either byte order to Float;
/// writing produces exactly the bytes of `numpy.save` for a float32 array.
public enum NpyFile {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// numpy.load's `max_header_size`: longer headers are refused before they are read or parsed.
    public static let maximumHeaderLength = 10_000

    /// The array stored in the file at `url`.
    public static func read(from url: URL) throws -> NpyArray {
        try decode(FileBytes.read(from: url), path: url.path)
    }

    /// Parses a whole `.npy` file; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws -> NpyArray {
        var reader = ByteReader(bytes: bytes, path: path)
        let start = Array(bytes.prefix(magic.count))
        guard start == magic else {
            throw FormatError.badMagic(path: path, format: "npy", expected: "\\x93NUMPY",
                                       found: MagicText.describe(start))
        }
        _ = try reader.take(magic.count, part: "magic")
        let major = try reader.uint8(part: "version")
        let minor = try reader.uint8(part: "version")
        guard (1...3).contains(major) else {
            throw FormatError.unsupportedFeature(path: path, feature: "npy format version \(major).\(minor)",
                                                 remedy: "versions 1.0 to 3.0 are read; re-save it with numpy.save")
        }
        let headerLength = major == 1 ? Int(try reader.uint16LittleEndian(part: "header length"))
                                      : Int(try reader.uint32LittleEndian(part: "header length"))
        guard headerLength <= maximumHeaderLength else {
            throw FormatError.badHeader(path: path, format: "npy", problem: "the header is \(headerLength) bytes,"
                + " over numpy's limit of \(maximumHeaderLength) (numpy.load refuses it too; is this an npy file?)")
        }
        let headerBytes = try reader.take(headerLength, part: "header")
        // Versions 1 and 2 store the header in latin-1, 3 in UTF-8.
        let text = major == 3 ? String(decoding: headerBytes, as: UTF8.self)
                              : String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        let header = try NpyHeader(text: text, path: path)

        let byteCount = header.elementCount * header.scalarType.byteCount
        let dataStart = reader.offset
        guard byteCount <= reader.remainingCount else {
            throw FormatError.truncated(path: path, part: "data of shape \(header.shape) \(header.descr)",
                                        neededBytes: dataStart + byteCount, availableBytes: bytes.count)
        }
        guard byteCount == reader.remainingCount else {
            throw FormatError.trailingBytes(path: path, format: "npy", expectedBytes: dataStart + byteCount,
                                            actualBytes: bytes.count)
        }
        let scalars = header.scalarType.decode(bytes, start: dataStart, count: header.elementCount,
                                               bigEndian: header.isBigEndian)
        return NpyArray(shape: header.shape, descr: header.descr, scalars: scalars)
    }

    /// The `.npy` bytes of `tensor` as `<f4` in C order, header as `numpy.save` pads it.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        var dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': \(pythonTuple(tensor.shape)), }"
        // numpy leaves room for the first axis to grow to 21 digits, so files can be appended in place.
        if let first = tensor.shape.first {
            dictionary += String(repeating: " ", count: max(0, 21 - String(first).count))
        }
        let headerCount = dictionary.utf8.count + 1
        let usesVersion2 = 10 + headerCount + 64 > Int(UInt16.max)
        let prefixCount = usesVersion2 ? 12 : 10
        // Like numpy, pad to a multiple of 64 even when already aligned (a full 64 spaces then).
        let padding = 64 - (prefixCount + headerCount) % 64
        var writer = ByteWriter(capacity: prefixCount + headerCount + padding + 4 * tensor.count)
        writer.append(contentsOf: magic)
        writer.append(contentsOf: usesVersion2 ? [2, 0] : [1, 0])
        if usesVersion2 {
            writer.appendLittleEndian(UInt32(headerCount + padding))
        } else {
            writer.appendLittleEndian(UInt16(headerCount + padding))
        }
        writer.append(dictionary + String(repeating: " ", count: padding) + "\n")
        writer.appendLittleEndian(tensor.scalars)
        return writer.bytes
    }

    /// Writes `tensor` as a `<f4` `.npy` file at `url`, atomically.
    public static func write(_ tensor: Tensor, to url: URL) throws {
        guard tensor.shape.allSatisfy({ $0 >= 0 }) else {
            throw FormatError.unwritableTensor(path: url.path, problem: "the shape \(tensor.shape) has a negative dimension")
        }
        try AtomicFile.write(Data(encode(tensor)), to: url)
    }

    /// Python's repr of a tuple of ints: `()`, `(5,)`, `(2, 3)`.
    private static func pythonTuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
