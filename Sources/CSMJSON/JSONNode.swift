/// A parsed JSON value with the position of its first character.
public struct JSONNode: Equatable, Sendable {
    public var value: JSONValue
    public var position: SourcePosition

    public init(value: JSONValue, position: SourcePosition) {
        self.value = value
        self.position = position
    }
}
