import Foundation

extension Network {
    /// Replaces every weight from a safetensors file in PyTorch's names and layouts.
    /// A file that does not fit the model leaves the network unchanged.
    public func load(safetensorsAt url: URL) throws {
        let contents = try SafetensorsFile.read(from: url)
        do {
            try load(weights: contents.tensors)
        } catch {
            throw WeightsFileError(path: url.path, problem: error)
        }
    }

    /// Saves every weight as safetensors (PyTorch's names and layouts), atomically.
    public func save(safetensorsAt url: URL, metadata: [String: String] = [:]) throws {
        try SafetensorsFile.write(weights, metadata: metadata, to: url)
    }
}

/// A weights file that reads fine but does not fit the model (missing, extra or wrong-shaped tensors).
public struct WeightsFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: NetworkError

    public var description: String { "\(path): \(problem) (were these weights saved for this spec?)" }
}
