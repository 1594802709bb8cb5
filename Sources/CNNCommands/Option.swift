/// A flag a command accepts: `--name VALUE` (or `--name=VALUE`), or a switch `--name`.
public struct Option: Hashable, Sendable {
    public var name: String
    /// The placeholder in help (`HxWxC`); nil for a switch that takes no value.
    public var valueName: String?
    public var help: String

    public init(_ name: String, value valueName: String? = nil, help: String) {
        self.name = name
        self.valueName = valueName
        self.help = help
    }

    public var takesValue: Bool { valueName != nil }

    /// `--input HxWxC` or `--verbose`, as help lists it.
    var synopsis: String { valueName.map { "\(name) \($0)" } ?? name }
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
