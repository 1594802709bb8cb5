import Foundation
import Testing

/// Golden-file comparison: `Golden/<name>` in a test target's folder holds the expected text.
///
/// With `CNNC_RECORD=1` in the environment the file is (re)written and the test fails, so a
/// recording run never passes silently; run the tests again without it to check.
public struct GoldenFiles: Sendable {
    public let directory: URL

    /// The `Golden` folder of the test target whose file is `testFile` (pass `#filePath`),
    /// `levels` folders above it (1 for a file at the target's top level).
    public init(testFile: String, levels: Int = 1) {
        var url = URL(fileURLWithPath: testFile)
        for _ in 0..<levels { url.deleteLastPathComponent() }
        directory = url.appendingPathComponent("Golden")
    }

    public static var isRecording: Bool { ProcessInfo.processInfo.environment["CNNC_RECORD"] == "1" }

    /// The repository's top folder, for tests that read `Specs/`.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if GoldenFiles.isRecording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded \(name); run again without CNNC_RECORD=1", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); record it with CNNC_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let common = min(actualLines.count, expectedLines.count)
            let line = (0..<common).first { actualLines[$0] != expectedLines[$0] } ?? common
            let found = line < actualLines.count ? String(actualLines[line]) : "<end of output>"
            let wanted = line < expectedLines.count ? String(expectedLines[line]) : "<end of file>"
            Issue.record("\(name) differs at line \(line + 1):\n  expected: \(wanted)\n  actual:   \(found)",
                         sourceLocation: sourceLocation)
        }
    }
}
