/// A parsed JSON object whose members stay in file order.
///
/// Keys compare as Swift strings, so a precomposed `é` and `e` followed by a
/// combining accent are the same key. The parser rejects both in one object
/// as a duplicate key.
public struct JSONObject: Equatable, Sendable {
    /// One `"key": value` pair.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var keyPosition: SourcePosition
        public var value: JSONNode

        public init(key: String, keyPosition: SourcePosition, value: JSONNode) {
            self.key = key
            self.keyPosition = keyPosition
            self.value = value
        }
    }

    /// Objects with more members than this get a key index, so lookups in
    /// large objects do not scan every member.
    static let indexThreshold = 8

    public var members: [Member] {
        didSet { index = Self.makeIndex(members) }
    }

    /// The position of each key in `members`, or `nil` for small objects.
    private var index: [String: Int]?

    public init(members: [Member] = []) {
        self.members = members
        self.index = Self.makeIndex(members)
    }

    /// Creates an object from an index the parser has already built.
    init(members: [Member], index: [String: Int]?) {
        self.members = members
        self.index = index
    }

    /// Returns the value of the first member with `key`, or `nil` if there is none.
    public subscript(key: String) -> JSONNode? {
        if let index {
            guard let position = index[key] else { return nil }
            return members[position].value
        }
        return members.first { $0.key == key }?.value
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members == rhs.members
    }

    private static func makeIndex(_ members: [Member]) -> [String: Int]? {
        guard members.count > indexThreshold else { return nil }
        var index: [String: Int] = [:]
        index.reserveCapacity(members.count)
        for (position, member) in members.enumerated() where index[member.key] == nil {
            index[member.key] = position
        }
        return index
    }
}
