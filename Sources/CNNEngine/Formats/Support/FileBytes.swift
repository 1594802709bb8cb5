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
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw FormatError.unreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
    }
}
