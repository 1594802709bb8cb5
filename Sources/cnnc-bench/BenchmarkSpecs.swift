import CNNFrontEnd
import CNNModel
import Foundation

/// The example specs the benchmarks run, read from `Specs/` (run cnnc-bench from the repository).
enum BenchmarkSpecs {
    static func model(_ name: String) throws -> Model {
        let path = "Specs/\(name)"
        guard let source = FileManager.default.contents(atPath: path) else { throw Missing(path: path) }
        guard let model = Compiler.compile(source: String(decoding: source, as: UTF8.self)).model else {
            throw Missing(path: path + " (it has errors: run cnnc check on it)")
        }
        return model
    }

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read \(path): run cnnc-bench from the repository's top folder" }
    }
}
