import Foundation

/// Reads a whole file into memory, turning every Foundation failure into a `FormatError`.
enum FileBytes {
    /// The file's bytes; `fileNotFound` or `unreadable` (directories included) otherwise.
    static func read(from url: URL) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw FormatError.fileNotFound(path: url.path)
        }
        if isDirectory.boolValue {
            throw FormatError.unreadable(path: url.path, reason: "it is a directory, not a file")
        }
        // Unlike Data(contentsOf:), this also reads pipes and devices (/dev/stdin, /dev/null).
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FormatError.unreadable(path: url.path, reason: "permission denied or an I/O error")
        }
        return [UInt8](data)
    }
}
