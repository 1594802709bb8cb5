/// Why a file could not be read or written: every reader and writer in `Formats/` throws these.
///
/// Each case carries the file's path and what exactly is wrong; `description` renders it as
/// `path: what is wrong (what to do)`, the one place that turns a format error into text.
public enum FormatError: Error, Hashable, Sendable {
    /// Nothing exists at `path`.
    case fileNotFound(path: String)
    /// The file exists but could not be read (a directory, no permission, an I/O error).
    case unreadable(path: String, reason: String)
    /// The file could not be written; the previous file at `path`, if any, is unchanged.
    case unwritable(path: String, reason: String)
    /// The file ends before `part` is complete.
    case truncated(path: String, part: String, neededBytes: Int, availableBytes: Int)
    /// The first bytes do not identify `format`.
    case badMagic(path: String, format: String, expected: String, found: String)
    /// The header of a `format` file is malformed or inconsistent.
    case badHeader(path: String, format: String, problem: String)
    /// One safetensors entry is malformed or disagrees with its data.
    case badTensor(path: String, tensor: String, problem: String)
    /// An element type this reader does not convert to float32.
    case unsupportedDtype(path: String, tensor: String?, dtype: String, supported: [String])
    /// A valid file that uses a feature we do not read (Fortran order, PBM, ...).
    case unsupportedFeature(path: String, feature: String, remedy: String)
    /// Bytes after the data that the header does not account for.
    case trailingBytes(path: String, format: String, expectedBytes: Int, actualBytes: Int)
    /// A value in the data cannot mean what it must (a label that is not an integer, a pixel above maxval).
    case badValue(path: String, problem: String)
    /// A tensor handed to a writer does not fit the format (wrong rank, reserved name, ...).
    case unwritableTensor(path: String, problem: String)
    /// Reading or decompressing `subject` would pass `limit` bytes; refused before it does.
    case exceedsLimit(path: String, subject: String, limit: Int, remedy: String)
    /// A data set directory lacks one of the files of a split (`part`: "train images", ...).
    case missingDatasetFile(directory: String, part: String, tried: [String])
    /// Images and labels of one split disagree in count.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
}

extension FormatError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file or directory"
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .unwritable(path, reason):
            return "\(path): cannot write: \(reason) (nothing was changed at this path)"
        case let .truncated(path, part, needed, available):
            return "\(path): truncated \(part): needs \(needed) bytes but the file has \(available)"
                + " (was it cut off while copying or downloading?)"
        case let .badMagic(path, format, expected, found):
            return "\(path): not a valid \(format) file: it starts with \(found), expected \(expected)"
        case let .badHeader(path, format, problem):
            return "\(path): bad \(format) header: \(problem)"
        case let .badTensor(path, tensor, problem):
            return "\(path): tensor '\(tensor)': \(problem)"
        case let .unsupportedDtype(path, tensor, dtype, supported):
            let subject = tensor.map { "tensor '\($0)' has " } ?? ""
            return "\(path): \(subject)unsupported dtype '\(dtype)' (supported: \(supported.joined(separator: ", ")))"
        case let .unsupportedFeature(path, feature, remedy):
            return "\(path): \(feature) is not supported (\(remedy))"
        case let .trailingBytes(path, format, expected, actual):
            return "\(path): \(actual - expected) unexpected bytes after the \(format) data"
                + " (the header accounts for \(expected) of \(actual) bytes)"
        case let .badValue(path, problem):
            return "\(path): \(problem)"
        case let .unwritableTensor(path, problem):
            return "\(path): cannot write this tensor: \(problem)"
        case let .exceedsLimit(path, subject, limit, remedy):
            return "\(path): \(subject) passes the limit of \(limit) bytes (\(remedy))"
        case let .missingDatasetFile(directory, part, tried):
            return "\(directory): no \(part): expected one of \(tried.joined(separator: ", "))"
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            return "\(imagesPath) holds \(images) images but \(labelsPath) holds \(labels) labels"
                + " (they must pair up one to one)"
        }
    }
}
