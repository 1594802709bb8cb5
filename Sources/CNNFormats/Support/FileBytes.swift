import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads a whole input file into memory with read(2), so that pipes and devices work as well as
/// regular files: a FIFO, `/dev/stdin`, a shell's `<(...)`.
///
/// At most `limit` bytes are read (`defaultLimit`, 4 GiB); a larger file, or an endless stream such
/// as `/dev/zero`, is refused with `FormatError.exceedsLimit` once it passes the limit. A regular
/// file's size is known up front, so it is refused before any reading.
public enum FileBytes {
    /// The most any input file may hold (4 GiB).
    public static let defaultLimit = 4 << 30
    /// Bytes asked of each read(2) of a stream.
    private static let chunkSize = 1 << 20

    /// The bytes of the file at `url`; `fileNotFound`, `unreadable` (directories included) or `exceedsLimit`.
    public static func read(from url: URL, limit: Int = defaultLimit) throws -> [UInt8] {
        try read(atPath: url.path, limit: limit)
    }

    /// The bytes of the file at `path`, which names it in errors.
    public static func read(atPath path: String, limit: Int = defaultLimit) throws -> [UInt8] {
        func unreadable(_ code: Int32) -> FormatError {
            code == ENOENT || code == ENOTDIR ? .fileNotFound(path: path)
                : .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        func tooLarge() -> FormatError {
            .exceedsLimit(path: path, subject: "the file", limit: limit,
                          remedy: "input files are read whole into memory; is it an endless stream such as /dev/zero?")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw unreadable(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw unreadable(errno) }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw FormatError.unreadable(path: path, reason: "it is a directory, not a file") }
        var bytes: [UInt8] = []
        if kind == S_IFREG {
            guard status.st_size <= limit else { throw tooLarge() }
            bytes.reserveCapacity(Int(status.st_size))
        }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(errno)
            }
            guard count <= limit - bytes.count else { throw tooLarge() }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
