import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

/// What `AtomicFile` does with what already exists at the path: links, devices, modes, long names, leftovers.
@Suite struct AtomicFileTargetTests {
    private func kind(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    @Test func writesThroughASymlinkAndKeepsTheLink() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let real = try directory.write([1], to: "real.bin")
        let link = directory.file("link.bin")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.bin")
        try AtomicFile.write(Data([2, 3]), to: link)
        #expect(kind(link.path) == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.bin")
        #expect(try Data(contentsOf: real) == Data([2, 3]))
        // A dangling link creates the file it names; a link to a link is followed to the end.
        let dangling = directory.file("dangling.bin")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: directory.file("new.bin").path)
        let chained = directory.file("chained.bin")
        try FileManager.default.createSymbolicLink(atPath: chained.path, withDestinationPath: "dangling.bin")
        try AtomicFile.write(Data([4]), to: chained)
        #expect(try Data(contentsOf: directory.file("new.bin")) == Data([4]))
        #expect(kind(dangling.path) == S_IFLNK && kind(chained.path) == S_IFLNK)
    }

    @Test func refusesDevicesAndFIFOsAndLeavesThemAlone() throws {
        #expect(formatErrorDescription { try AtomicFile.write(Data([1]), to: URL(fileURLWithPath: "/dev/null")) }
            == "/dev/null: cannot write: it is not a regular file but a device, FIFO or socket;"
            + " cnnc replaces only regular files (nothing was changed at this path)")
        #expect(kind("/dev/null") == S_IFCHR)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fifo = directory.file("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(formatErrorDescription { try AtomicFile.write(Data([1]), to: fifo) }.contains("not a regular file"))
        #expect(kind(fifo.path) == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["pipe"])
    }

    @Test func keepsTheModeOfTheFileItReplaces() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for mode: mode_t in [0o600, 0o640, 0o755] {
            let file = try directory.write([1], to: "secret-\(mode)")
            #expect(chmod(file.path, mode) == 0)
            try AtomicFile.write(Data([2]), to: file)
            var status = stat()
            #expect(stat(file.path, &status) == 0 && status.st_mode & 0o7777 == mode)
            #expect(try Data(contentsOf: file) == Data([2]))
        }
    }

    @Test func refusesAHardLinkedFileAndLeavesBothNames() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try directory.write([1], to: "a.bin")
        let second = directory.file("b.bin")
        #expect(link(first.path, second.path) == 0)
        #expect(formatErrorDescription { try AtomicFile.write(Data([2]), to: first) }
            == "\(first.path): cannot write: it has 2 hard links, and replacing it would leave the other names"
            + " on the old contents; remove the other links or save elsewhere (nothing was changed at this path)")
        #expect(try Data(contentsOf: first) == Data([1]) && Data(contentsOf: second) == Data([1]))
        var status = stat()
        #expect(stat(first.path, &status) == 0 && status.st_nlink == 2)
    }

    @Test func writesA250ByteNameWithATemporaryNameWithinNameMax() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let name = String(repeating: "w", count: 238) + ".safetensors"
        #expect(name.utf8.count == 250)
        try AtomicFile.write(Data([1]), to: directory.file(name))
        try AtomicFile.write(Data([2]), to: directory.file(name))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == [name])
        #expect(try Data(contentsOf: directory.file(name)) == Data([2]))
        // Short names keep the plain form; long ones (multi-byte too) stay within 255 bytes and differ by hash.
        #expect(AtomicFile.temporaryName(for: "w.bin") == ".w.bin.cnnc-tmp")
        let long = [name, String(repeating: "é", count: 127), String(repeating: "w", count: 255)]
        #expect(long.allSatisfy { AtomicFile.temporaryName(for: $0).utf8.count <= 255 })
        #expect(AtomicFile.temporaryName(for: name + "a") != AtomicFile.temporaryName(for: name + "b"))
    }

    @Test func removesATemporaryFileLeftByAKilledSave() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.write([9, 9, 9], to: ".out.bin.cnnc-tmp")
        try AtomicFile.write(Data([1]), to: directory.file("out.bin"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["out.bin"])
        #expect(try Data(contentsOf: directory.file("out.bin")) == Data([1]))
    }
}
