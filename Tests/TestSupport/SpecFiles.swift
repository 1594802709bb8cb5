import Foundation

/// The example specs in `Specs/`, read from the repository (located via `#filePath`).
public enum SpecFiles {
    public static let directory = GoldenFiles.repositoryRoot.appendingPathComponent("Specs")

    /// File name and text of every `.cnn` file, sorted by name.
    public static func all() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".cnn") }.sorted()
            .map { ($0, try text(of: $0)) }
    }

    public static func text(of name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The path of `name` relative to the repository, as a user types it: `Specs/lenet5.cnn`.
    public static func path(of name: String) -> String {
        directory.appendingPathComponent(name).path
    }
}
