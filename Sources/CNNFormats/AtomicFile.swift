import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that readers see either the old file or the complete new one, never a torn one.
///
/// The bytes go to a temporary file in the destination's directory (so the rename stays on one
/// file system), are flushed to disk, and the temporary file is renamed over the destination.
/// An interrupted or failed write leaves the previous file untouched.
public enum AtomicFile {
    /// Replaces (or creates) the file at `url` with `data`; throws `FormatError.unwritable`.
    public static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FormatError.unwritable(path: path, reason: "it is a directory")
        }
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw FormatError.unwritable(path: path, reason: "the directory \(directory.path) does not exist")
        }
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw FormatError.unwritable(path: path, reason: "cannot create a file in \(directory.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: data)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw FormatError.unwritable(path: path, reason: reason)
            }
            syncDirectory(directory.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let formatError = error as? FormatError { throw formatError }
            throw FormatError.unwritable(path: path, reason: error.localizedDescription)
        }
    }

    /// Flushes the directory entry of the rename too, so the new name survives a power cut.
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}
