/// A Darknet `.cfg` file read as Darknet's `read_cfg` reads it: `[section]` headers, each followed
/// by `key=value` lines, with line numbers kept for messages.
///
/// As in Darknet, every whitespace character is removed from a line before it is read
/// (`saturation = 1.5` is `saturation=1.5`), lines starting with `#` or `;` are comments, and
/// comments never follow a value on its line. Unlike Darknet, a line that is neither a header nor
/// `key=value` and a key before the first header are problems, not warnings.
public struct DarknetConfig: Hashable, Sendable {
    /// One `key=value` line.
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var value: String
        /// 1-based line number in the file.
        public var line: Int
    }

    /// A `[name]` header and the entries under it.
    public struct Section: Hashable, Sendable {
        /// Without the brackets: `convolutional`, `net`.
        public var name: String
        /// 1-based line of the header.
        public var line: Int
        public var entries: [Entry]
        /// Later lines of a key given before in the section. Darknet takes the first; a key that
        /// matters is refused when repeated (`DarknetSectionReader`), training settings are not.
        public var repeats: [Entry] = []

        /// `[route] at line 40`: how messages name the section.
        public var place: String { "[\(name)] at line \(line)" }

        /// The entry for `key` (the first, should the key be repeated).
        public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    }

    public var sections: [Section]

    /// Lines that could not be read, each with its place; the sections hold everything else.
    public var problems: [ImportError.Problem]

    /// Reads `text`; never fails: what it cannot read goes to `problems`.
    public init(text: String) {
        var sections: [Section] = []
        var problems: [ImportError.Problem] = []
        var lineNumber = 0
        // The keys of the last section and their lines, to find repeats without rescanning it.
        var (keysSection, keyLines) = (-1, [String: Int]())
        for rawLine in DarknetConfig.lines(of: text) {
            lineNumber += 1
            let line = String(rawLine.unicodeScalars.filter { !$0.properties.isWhitespace })
            guard let first = line.first, first != "#", first != ";" else { continue }
            let place = "line \(lineNumber)"
            if first == "[" {
                guard line.last == "]", line.count >= 3 else {
                    problems.append(.init(place: place, message: "a section header is '[name]', not '\(line.prefix(60))'"))
                    continue
                }
                sections.append(Section(name: String(line.dropFirst().dropLast()), line: lineNumber, entries: []))
                continue
            }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                problems.append(.init(place: place, message: "expected 'key=value', found '\(line.prefix(60))'"))
                continue
            }
            let entry = Entry(key: String(line[..<equals]), value: String(line[line.index(after: equals)...]),
                              line: lineNumber)
            guard let last = sections.indices.last else {
                problems.append(.init(place: place, message: "'\(entry.key)' comes before the first [section]"))
                continue
            }
            if last != keysSection { (keysSection, keyLines) = (last, [:]) }
            if keyLines[entry.key] != nil {
                sections[last].repeats.append(entry)
                continue
            }
            keyLines[entry.key] = lineNumber
            sections[last].entries.append(entry)
        }
        self.sections = sections
        self.problems = problems
    }

    /// Lines ending at LF, CRLF or a lone CR, as the spec language counts them.
    private static func lines(of text: String) -> [Substring] {
        // Swift treats "\r\n" as one Character, so splitting on both separators counts it once.
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }
}
