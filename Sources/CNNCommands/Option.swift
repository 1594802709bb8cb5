/// A flag a command accepts: `--name VALUE` (or `--name=VALUE`), or a switch `--name`.
///
/// Commands declare each option once as a constant and read it back through that constant
/// (`arguments.string(RunCommand.weights)`), so a misspelt name cannot silently read nothing.
public struct Option: Hashable, Sendable {
    public var name: String
    /// Other spellings that mean the same option (`-o` for `--output`).
    public var aliases: [String]
    /// The placeholder in help (`HxWxC`); nil for a switch that takes no value.
    public var valueName: String?
    public var help: String

    public init(_ name: String, aliases: [String] = [], value valueName: String? = nil, help: String) {
        self.name = name
        self.aliases = aliases
        self.valueName = valueName
        self.help = help
    }

    public var takesValue: Bool { valueName != nil }

    /// Every spelling: the name, then the aliases.
    var spellings: [String] { [name] + aliases }

    /// `--data DIR` or `--profile`: the option as it is typed, for messages that ask for it.
    var typed: String { valueName.map { "\(name) \($0)" } ?? name }

    /// `--output, -o FILE` or `--verbose`, as help lists it.
    var synopsis: String {
        let names = spellings.joined(separator: ", ")
        return valueName.map { "\(names) \($0)" } ?? names
    }
}

/// A positional argument of a command, for usage lines and help.
public struct Positional: Hashable, Sendable {
    public var name: String
    public var help: String

    public init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }
}
