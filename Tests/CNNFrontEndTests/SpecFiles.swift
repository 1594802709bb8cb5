import Foundation

/// The example specs in `Specs/`, read from the repository (located via `#filePath`).
enum SpecFiles {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Specs")

    /// File name and text of every `.cnn` file, sorted by name.
    static func all() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".cnn") }.sorted()
            .map { ($0, try text(of: $0)) }
    }

    static func text(of name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}
