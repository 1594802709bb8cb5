/// One value flowing through a model: the model input, or the output of one layer.
///
/// Values are numbered in topological order: 0 is the model input and `i + 1` the output of
/// `layers[i]`, so a layer only ever reads values with smaller numbers.
public struct ValueID: Hashable, Sendable, Comparable {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The output of `layers[index]`.
    public init(layer index: Int) { rawValue = index + 1 }

    public static let input = ValueID(rawValue: 0)

    /// The index of the layer that produces the value; nil for the model input.
    public var layer: Int? { rawValue == 0 ? nil : rawValue - 1 }

    public static func < (a: ValueID, b: ValueID) -> Bool { a.rawValue < b.rawValue }
}
