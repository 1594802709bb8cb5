/// One call of a `def` block, as the model remembers it: summaries collapse it into a row
/// (`--depth`), and emitters turn it into a submodule.
public struct BlockCall: Hashable, Sendable {
    /// Full name, the prefix of its layers' names: `fire2`, or `stage1.block2` for a call inside a call.
    public var name: String
    /// The block's name in its `def`.
    public var block: String
    /// The integer arguments, in the order of the block's parameters.
    public var arguments: [Int]
    /// Index into `Model.calls` of the call this one is inside; nil at the top level.
    public var parent: Int?
    /// 1 for a call at the top level, 2 for a call inside it, and so on.
    public var depth: Int
    /// The layers the call made: contiguous, since a call is expanded whole before what follows it.
    public var layers: Range<Int>
    /// The value the call's name refers to: the output of the block's last statement.
    public var output: ValueID

    public init(name: String, block: String, arguments: [Int], parent: Int?, depth: Int, layers: Range<Int>,
                output: ValueID) {
        self.name = name
        self.block = block
        self.arguments = arguments
        self.parent = parent
        self.depth = depth
        self.layers = layers
        self.output = output
    }
}
