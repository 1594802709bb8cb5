import Foundation

/// Checks on the files and folders a command reads, made before any work: a path that names
/// nothing is a usage error (exit 2), whether it should be a file (a spec, weights) or a folder
/// (`--data`), as a mistyped path is a mistake in the command line, not in the data.
enum InputPath {
    /// The URL of the file at `path`, which must exist.
    static func file(_ path: String) throws(UsageError) -> URL {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        return URL(fileURLWithPath: path)
    }

    /// The URL of the directory at `path`, which must exist and be a directory.
    static func directory(_ path: String) throws(UsageError) -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .directoryNotFound(path: path)
        }
        guard isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a file, not a directory") }
        return URL(fileURLWithPath: path, isDirectory: true)
    }
}
