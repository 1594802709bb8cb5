import CNNCommands
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Specs come from pipes as well as files: `cnnc check <(generate)`, `cnnc check /dev/stdin`.
@Suite struct SpecPipeTests {
    @Test func checksASpecReadFromAFIFO() throws {
        let (path, folder) = try temporarySpec("")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = path + ".fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let spec = Array("input 8x8x1\nconv 2 3x3 same\nrelu\n".utf8)
        let writer = Thread {
            let descriptor = open(fifo, O_WRONLY)
            guard descriptor >= 0 else { return }
            _ = spec.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        writer.start()
        let result = CommandRunner().run("check", fifo)
        #expect(result.code == .success, "\(result.error)")
        #expect(result.error.isEmpty)
    }
}
