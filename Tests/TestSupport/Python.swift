import Foundation

/// Runs python3 for the tests, and says once whether python3 and torch exist here.
public enum Python {
    public struct Result {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    /// The first python3 on PATH, or nil.
    public static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    public static var isAvailable: Bool { executable != nil }

    /// True when `import torch, safetensors` works: the numeric comparisons need both.
    public static let hasTorch: Bool = {
        (try? run(["-c", "import torch, safetensors"]))?.status == 0
    }()

    /// True when torchvision imports too: the reference-network comparisons need it.
    public static let hasTorchvision: Bool = {
        hasTorch && (try? run(["-c", "import torchvision"]))?.status == 0
    }()

    /// True when `import onnx, onnxruntime, numpy` works: the ONNX checks need all three.
    public static let hasONNXRuntime: Bool = {
        (try? run(["-c", "import onnx, onnxruntime, numpy"]))?.status == 0
    }()

    /// Runs `python3 arguments...` in `directory` and waits for it. Output goes through files,
    /// so a chatty child can never block on a full pipe.
    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout"), errorURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
                      errors: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }

    /// A fresh temporary directory for one test's files.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cnnc-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
