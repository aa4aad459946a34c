/// A location in a JSON document, such as `3:14` for line 3, column 14.
///
/// Lines and columns start at 1, and a column counts Unicode scalars, so `é`
/// takes one column although it takes two bytes. `offset` is the 0-based byte
/// offset from the start of the input, including any byte-order mark.
public struct SourcePosition: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The position as `line:column`, for example `3:14`.
    public var description: String {
        "\(line):\(column)"
    }
}
