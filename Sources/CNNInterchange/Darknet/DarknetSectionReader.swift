import CNNModel

/// Reads the values of one section with Darknet's defaults, collecting every problem (a value
/// that is not a number, out of range, or a key cnnc does not know) with its line.
///
/// Darknet reads numbers with `atoi`/`atof`, which take `3x` as 3 and `x` as 0; here a value must
/// be a number as a whole. Keys nobody asked for are refused by `finish`, since cnnc cannot tell
/// whether one changes what the layer computes (Darknet would only warn "Unused field").
struct DarknetSectionReader {
    let section: DarknetConfig.Section
    private(set) var problems: [ImportError.Problem] = []
    private var asked: Set<String> = []

    init(_ section: DarknetConfig.Section) {
        self.section = section
    }

    /// Where a key's problem is: `[maxpool] at line 12, line 14`, or the header's place.
    func place(_ key: String) -> String {
        guard let entry = section.entry(key) else { return section.place }
        return entry.line == section.line ? section.place : "\(section.place), line \(entry.line)"
    }

    mutating func report(_ key: String?, _ message: String) {
        problems.append(.init(place: key.map(place) ?? section.place, message: message))
    }

    /// The value of `key` as written, or nil when absent; marks the key as read.
    mutating func text(_ key: String) -> String? {
        guard asked.insert(key).inserted else { return section.entry(key)?.value }
        if let again = section.repeats.first(where: { $0.key == key }) {
            report(key, "'\(key)' is given twice (again at line \(again.line)); which one is meant?")
        }
        return section.entry(key)?.value
    }

    /// Whole number in `range`, `fallback` when absent; nil (reported) when malformed.
    mutating func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) -> Int? {
        guard let text = text(key) else { return fallback }
        guard let value = Int(text) else {
            report(key, "\(key)=\(text.prefix(40)) is not a whole number")
            return nil
        }
        guard range.contains(value) else {
            report(key, "\(key)=\(value) is out of range (\(range.lowerBound)...\(range.upperBound))")
            return nil
        }
        return value
    }

    /// A number in `range`, `fallback` when absent; nil (reported) when malformed. `.5` is allowed.
    mutating func float(_ key: String, default fallback: Float, in range: ClosedRange<Float>) -> Float? {
        guard let text = text(key) else { return fallback }
        guard let value = Float(text), value.isFinite else {
            report(key, "\(key)=\(text.prefix(40)) is not a number")
            return nil
        }
        guard range.contains(value) else {
            report(key, "\(key)=\(value) is out of range (\(range.lowerBound)...\(range.upperBound))")
            return nil
        }
        return value
    }

    /// Comma-separated whole numbers (`layers=-1,8`); nil (reported) when absent or malformed.
    mutating func intList(_ key: String) -> [Int]? {
        guard let text = text(key) else {
            report(nil, "'\(key)' is missing")
            return nil
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { Int($0) }
        guard !parts.isEmpty, values.count == parts.count else {
            report(key, "\(key)=\(text.prefix(40)) is not a list of whole numbers")
            return nil
        }
        return values
    }

    /// The activation named by `key`, Darknet's `fallback` when absent; nil (reported) when cnnc has no such activation.
    /// `.some(nil)` is `linear`: nothing to apply.
    mutating func activation(default fallback: String) -> Activation?? {
        let word = text("activation") ?? fallback
        guard let activation = DarknetActivation.named(word) else {
            report("activation", "activation=\(word.prefix(40)) is not supported; cnnc has "
                + DarknetActivation.supportedWords.joined(separator: ", "))
            return nil
        }
        return .some(activation)
    }

    /// Requires `key`, if given, to hold `expected` (a Darknet feature cnnc does not have otherwise).
    mutating func require(_ key: String, is expected: String, because reason: String) {
        guard let value = text(key), value != expected else { return }
        report(key, "\(key)=\(value.prefix(40)) is not supported: \(reason)")
    }

    /// Marks keys that do not change inference (training settings, detection-head settings).
    mutating func ignore(_ keys: [String]) {
        asked.formUnion(keys)
    }

    /// Reports every key nothing asked for; returns all problems of the section.
    mutating func finish() -> [ImportError.Problem] {
        for entry in section.entries where !asked.contains(entry.key) {
            report(entry.key, "'\(entry.key)' is not a key cnnc knows for [\(section.name)]")
        }
        return problems
    }
}
