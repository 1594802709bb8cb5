import CNNDiagnostics
import CNNEngine
import CNNFrontEnd
import CNNInterchange
import CNNModel
import Foundation

/// Reads a spec file, compiles it and prints its diagnostics: the first step of every command.
public enum SpecLoader {
    /// The SPEC that means standard input, as for cat and the emitters' `-o -` convention.
    public static let standardInput = "-"
    /// How diagnostics and messages name a spec read from standard input.
    public static let standardInputName = "<stdin>"

    /// The checked model of the spec at `path` (standard input for `-`), or nil after printing
    /// why not (errors in the spec). Warnings are printed and the model returned. A missing or
    /// unreadable file is a `UsageError`.
    ///
    /// An ONNX model or a Darknet `.cfg` in place of a spec is imported in memory: the spec
    /// `cnnc import` would write is compiled, so every command sees what it would see; the
    /// file's weights come along in `importedWeights`.
    public static func load(_ path: String, input: Shape?, context: CommandContext) throws(UsageError) -> LoadedSpec? {
        let name = path == standardInput ? standardInputName : path
        var source: SourceText, importedWeights: [String: Tensor]?
        if path != standardInput, let kind = ModelFile.kind(ofPath: path) {
            let bytes = try readBytes(path)
            do {
                let imported = try ModelFile.importModel(kind, bytes: bytes, path: path)
                source = SourceText(utf8: Array(imported.specText.utf8))
                importedWeights = imported.weights
            } catch {
                context.write("cnnc: error: \(error)\n", .error)
                return nil
            }
        } else {
            source = try path == standardInput ? readStandardInput(context) : read(path)
        }
        let result = Compiler.compile(source: source, input: input)
        if !result.diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(colored: context.colorsErrors)
            context.write(renderer.render(result.diagnostics, in: source, fileName: name), .error)
        }
        guard let model = result.model else { return nil }
        return LoadedSpec(path: name, text: String(decoding: source.utf8, as: UTF8.self), model: model,
                          warnings: result.diagnostics.count, importedWeights: importedWeights)
    }

    private static func readStandardInput(_ context: CommandContext) throws(UsageError) -> SourceText {
        guard let bytes = context.readStandardInput() else {
            throw .unreadableFile(path: standardInputName, reason: "standard input cannot be read")
        }
        return SourceText(utf8: bytes)
    }

    static func read(_ path: String) throws(UsageError) -> SourceText {
        SourceText(utf8: try readBytes(path))
    }

    /// The whole file; FileBytes reads pipes too (`cnnc check /dev/stdin`, `<(...)`), up to its limit.
    static func readBytes(_ path: String) throws(UsageError) -> [UInt8] {
        do {
            return try FileBytes.read(atPath: path)
        } catch FormatError.fileNotFound {
            throw .fileNotFound(path: path)
        } catch let FormatError.unreadable(_, reason) {
            throw .unreadableFile(path: path, reason: reason)
        } catch let FormatError.exceedsLimit(_, _, limit, remedy) {
            throw .unreadableFile(path: path, reason: "it is larger than \(limit) bytes (\(remedy))")
        } catch {
            throw .unreadableFile(path: path, reason: "\(error)")
        }
    }
}

/// A spec that compiled: its model, and its text for emitters that quote it.
public struct LoadedSpec: Sendable {
    /// The spec's path as given, or `<stdin>`: how messages name it.
    public var path: String
    public var text: String
    public var model: Model
    /// How many diagnostics (all warnings) were printed.
    public var warnings: Int
    /// The weights of an imported ONNX model, under the spec's names; nil for a spec.
    public var importedWeights: [String: Tensor]? = nil
}
