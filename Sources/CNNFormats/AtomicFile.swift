import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes files so that readers see either the old file or the complete new one, never a torn one.
///
/// The bytes go to a temporary file `.<name>.cnnc-tmp` in the destination's directory (so the rename
/// stays on one file system), are flushed to disk, and the temporary file is renamed over the
/// destination. An interrupted or failed write leaves the previous file untouched. The rules:
/// - A symbolic link is followed, link by link: the file it points to is replaced and the link stays.
/// - An existing destination must be a regular file: a directory, a device (`/dev/null`), a FIFO or a
///   socket is refused, since the rename would replace the node itself.
/// - A file with more than one hard link is refused: the rename would leave the other names on the
///   old contents.
/// - The existing file's permission bits (and owner, where allowed) carry over; a new file gets
///   0666 less the umask.
/// - The temporary name is fixed per destination, so a leftover from a killed save is removed by the
///   next one; a long name is shortened with a hash to keep it within 255 bytes (NAME_MAX).
///   Two processes saving to the same path at the same time are not supported.
public enum AtomicFile {
    /// Replaces (or creates) the file at `url` with `data`; throws `FormatError.unwritable`.
    public static func write(_ data: Data, to url: URL) throws {
        let requested = url.path
        func failure(_ reason: String) -> FormatError { .unwritable(path: requested, reason: reason) }
        let path = try resolveLinks(requested)
        var status = stat()
        let exists = lstat(path, &status) == 0
        if exists {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR { throw failure("it is a directory") }
            if kind != S_IFREG {
                throw failure("it is not a regular file but a device, FIFO or socket; cnnc replaces only regular files")
            }
            if status.st_nlink > 1 {
                throw failure("it has \(status.st_nlink) hard links, and replacing it would leave the other names"
                    + " on the old contents; remove the other links or save elsewhere")
            }
        }
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent().path
        var directoryStatus = stat()
        guard stat(directory, &directoryStatus) == 0, directoryStatus.st_mode & S_IFMT == S_IFDIR else {
            throw failure("the directory \(directory) does not exist")
        }
        let temporary = directory + "/" + temporaryName(for: target.lastPathComponent)
        // A save killed before its rename leaves its temporary file behind.
        if unlink(temporary) != 0 && errno != ENOENT {
            throw failure("cannot remove the leftover temporary file \(temporary): \(systemError())")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure("cannot create a file in \(directory): \(systemError())") }
        do {
            if exists {
                // Owner first: changing it may clear the set-id bits that the mode then restores.
                _ = fchown(descriptor, status.st_uid, status.st_gid)
                guard fchmod(descriptor, status.st_mode & 0o7777) == 0 else { throw failure(systemError()) }
            }
            try writeAll(data, to: descriptor, failure)
            guard fsync(descriptor) == 0 else { throw failure(systemError()) }
            guard close(descriptor) == 0 else {
                _ = unlink(temporary)
                throw failure(systemError())
            }
        } catch {
            _ = close(descriptor)
            _ = unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = systemError()
            _ = unlink(temporary)
            throw failure(reason)
        }
        syncDirectory(directory)
    }

    /// `.<name>.cnnc-tmp`, or for names too long for that `.<first 200 bytes>-<hash>.cnnc-tmp`.
    static func temporaryName(for name: String) -> String {
        let plain = "." + name + ".cnnc-tmp"
        guard plain.utf8.count > 255 else { return plain }
        var kept = ""
        for scalar in name.unicodeScalars {
            guard kept.utf8.count + String(scalar).utf8.count <= 200 else { break }
            kept.unicodeScalars.append(scalar)
        }
        // FNV-1a over the whole name, so that names sharing their first 200 bytes still differ.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return "." + kept + "-" + String(hash, radix: 16) + ".cnnc-tmp"
    }

    /// `path` with symbolic links in its last component followed (a dangling link gives the path it names).
    private static func resolveLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else {
                throw FormatError.unwritable(path: path, reason: "cannot read the symbolic link \(current): \(systemError())")
            }
            let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().path + "/" + destination
        }
        throw FormatError.unwritable(path: path, reason: "too many levels of symbolic links")
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, _ failure: (String) -> FormatError) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var written = 0
            while written < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure(systemError())
                }
                written += count
            }
        }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }

    /// Flushes the directory entry of the rename too, so the new name survives a power cut.
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}
