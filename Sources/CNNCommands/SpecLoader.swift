import CNNDiagnostics
import CNNEngine
import CNNFrontEnd
import CNNModel
import Foundation

/// Reads a spec file, compiles it and prints its diagnostics: the first step of every command.
public enum SpecLoader {
    /// The checked model of the spec at `path`, or nil after printing why not (errors in the spec).
    /// Warnings are printed and the model returned. A missing or unreadable file is a `UsageError`.
    public static func load(_ path: String, input: Shape?, context: CommandContext) throws(UsageError) -> LoadedSpec? {
        let source = try read(path)
        let result = Compiler.compile(source: source, input: input)
        if !result.diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(colored: context.colorsErrors)
            context.write(renderer.render(result.diagnostics, in: source, fileName: path), .error)
        }
        guard let model = result.model else { return nil }
        return LoadedSpec(path: path, text: String(decoding: source.utf8, as: UTF8.self), model: model,
                          warnings: result.diagnostics.count)
    }

    static func read(_ path: String) throws(UsageError) -> SourceText {
        // FileBytes reads pipes too (`cnnc check /dev/stdin`, `<(...)`), up to its limit.
        do {
            return SourceText(utf8: try FileBytes.read(atPath: path))
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
    public var path: String
    public var text: String
    public var model: Model
    /// How many diagnostics (all warnings) were printed.
    public var warnings: Int
}
