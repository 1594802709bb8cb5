import Foundation
import Testing
@testable import CNNFormats
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct FileBytesTests {
    @Test func readsAFIFOFedByAnotherThreadPastThePipeBuffer() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        // 200 KB, over several pipe buffers (64 KB on Linux): the reader must keep reading until the writer closes.
        let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            for start in stride(from: 0, to: payload.count, by: 50_000) {
                let part = Array(payload[start..<min(start + 50_000, payload.count)])
                _ = part.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            }
            close(descriptor)
        }
        writer.start()
        #expect(try FileBytes.read(atPath: path) == payload)
    }

    @Test func refusesAnEndlessDeviceAndAFileOverTheLimit() throws {
        #expect(formatErrorDescription { _ = try FileBytes.read(atPath: "/dev/zero", limit: 4_096) }
            == "/dev/zero: the file passes the limit of 4096 bytes (input files are read whole into memory;"
            + " is it an endless stream such as /dev/zero?)")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write([UInt8](repeating: 1, count: 10), to: "ten")
        #expect(try FileBytes.read(from: file, limit: 10).count == 10)
        #expect(formatErrorDescription { _ = try FileBytes.read(from: file, limit: 9) }.contains("passes the limit of 9 bytes"))
        #expect(try FileBytes.read(atPath: "/dev/null") == [])
    }

    @Test func namesMissingFilesAndDirectories() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file("missing").path
        #expect(formatErrorDescription { _ = try FileBytes.read(atPath: missing) } == "\(missing): no such file or directory")
        #expect(formatErrorDescription { _ = try FileBytes.read(atPath: missing + "/below") }
            == "\(missing)/below: no such file or directory")
        #expect(formatErrorDescription { _ = try FileBytes.read(atPath: directory.url.path) }
            == "\(directory.url.path): cannot read: it is a directory, not a file")
    }
}
