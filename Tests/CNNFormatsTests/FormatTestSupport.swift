import Foundation
@testable import CNNFormats

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cnnc-formats-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func write(_ bytes: [UInt8], to name: String) throws -> URL {
        let file = file(name)
        try Data(bytes).write(to: file)
        return file
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The description of the `FormatError` that `body` throws, or a note that it threw something else.
func formatErrorDescription(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch let error as FormatError {
        return error.description
    } catch {
        return "not a FormatError: \(error)"
    }
}

/// Little-endian bytes of integers and floats, for building files by hand.
func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}

func bigEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    littleEndianBytes(value).reversed()
}

func littleEndianBytes(_ floats: [Float]) -> [UInt8] {
    floats.flatMap { littleEndianBytes($0.bitPattern) }
}
