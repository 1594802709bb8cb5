import Foundation

/// Checks on a command's output path made before any work: nothing is computed for a file that
/// cannot be written, and no output ever replaces one of the command's own inputs.
enum OutputPathCheck {
    /// Throws when `path` (given with `option`) is a directory, lies in a directory that is missing
    /// or not writable, or is the same file as one of `inputs` (compared after resolving `.`, `..`
    /// and symbolic links, and by device and inode, so a hard link counts too). `bytes`, when
    /// known, is compared with the free space of the file system.
    static func check(_ path: String, option: String, inputs: [String], bytes: Int? = nil) throws(UsageError) {
        let url = resolved(path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .outputProblem(option: option, path: path, problem: "it is a directory; name a file in it")
        }
        let directory = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .outputProblem(option: option, path: path, problem: "the directory \(directory.path) does not exist")
        }
        guard access(directory.path, W_OK) == 0 else {
            throw .outputProblem(option: option, path: path, problem: "the directory \(directory.path) is not writable")
        }
        for input in inputs where isSameFile(url, resolved(input)) {
            throw .outputProblem(option: option, path: path,
                                 problem: "it is the input \(input), which writing would destroy; choose another name")
        }
        if let bytes, let free = freeSpace(of: directory), free < Int64(bytes) {
            throw .outputProblem(option: option, path: path, problem: "it needs about \(bytes) bytes,"
                + " but its file system has \(free) bytes free")
        }
    }

    /// `path` made absolute, with `.`, `..` and symbolic links resolved.
    private static func resolved(_ path: String) -> URL {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    }

    private static func isSameFile(_ first: URL, _ second: URL) -> Bool {
        if first.path == second.path { return true }
        var a = stat(), b = stat()
        guard stat(first.path, &a) == 0, stat(second.path, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    private static func freeSpace(of directory: URL) -> Int64? {
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: directory.path)
        return (attributes?[.systemFreeSize] as? NSNumber)?.int64Value
    }
}
