import CNNFormats
import CNNModel

/// What an importer makes of another tool's file: the checked model, its weights under cnnc's
/// names when the file holds them, and lines for the spec's header comment (where it came
/// from, what cnnc does not model, such as YOLO's box decoding).
public struct ImportedModel: Sendable {
    public var model: Model
    /// `<layer>.weight`, `<layer>.bias`, ... as `cnnc run --weights` reads them; nil when the
    /// file has none (a Darknet `.cfg` without its `.weights`).
    public var weights: [String: Tensor]?
    public var notes: [String]

    public init(model: Model, weights: [String: Tensor]?, notes: [String]) {
        self.model = model
        self.weights = weights
        self.notes = notes
    }

    /// The spec to write: the notes as comments, then the flat model.
    public var specText: String { model.specText(header: notes) }
}

/// Why a file cannot be imported. Every problem is listed at once, each with its place (a node
/// name, a section and its line), so a user sees all that stands in the way in one run.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Problem: Hashable, Sendable {
        /// `node 'Conv_12'`, `[route] at line 40`, `the header`.
        public var place: String
        public var message: String

        public init(place: String, message: String) {
            self.place = place
            self.message = message
        }
    }

    public var path: String
    public var problems: [Problem]

    public init(path: String, problems: [Problem]) {
        self.path = path
        self.problems = problems
    }

    public init(path: String, place: String, message: String) {
        self.init(path: path, problems: [Problem(place: place, message: message)])
    }

    public var description: String {
        let count = problems.count == 1 ? "" : " (\(problems.count) problems)"
        return "cannot import \(path)\(count):\n" + problems.map { "  \($0.place): \($0.message)" }.joined(separator: "\n")
    }
}
