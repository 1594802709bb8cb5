import Foundation
import Testing
@testable import CNNFormats

@Suite struct AtomicFileTests {
    @Test func createsAndReplacesAFileLeavingNoTemporaryFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("out.bin")
        try AtomicFile.write(Data([1, 2, 3]), to: url)
        #expect(try Data(contentsOf: url) == Data([1, 2, 3]))
        try AtomicFile.write(Data([9]), to: url)
        #expect(try Data(contentsOf: url) == Data([9]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["out.bin"])
    }

    @Test func refusesAMissingDirectoryAndADirectoryTarget() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let inMissing = directory.url.appendingPathComponent("missing/out.bin")
        #expect(formatErrorDescription { try AtomicFile.write(Data([1]), to: inMissing) }
            == "\(inMissing.path): cannot write: the directory \(directory.url.path)/missing does not exist"
            + " (nothing was changed at this path)")
        #expect(formatErrorDescription { try AtomicFile.write(Data([1]), to: directory.url) }
            == "\(directory.url.path): cannot write: it is a directory (nothing was changed at this path)")
    }
}
