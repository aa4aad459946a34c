/// A parsed JSON value whose children keep their source positions.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONNode])
    case object(JSONObject)

    /// The JSON type name for messages: "null", "boolean", "number", "string", "array" or "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The boolean, or `nil` for any other type.
    public var asBool: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The number, or `nil` for any other type.
    public var asNumber: JSONNumber? {
        if case .number(let value) = self { value } else { nil }
    }

    /// The string, or `nil` for any other type.
    public var asString: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The elements, or `nil` for any other type.
    public var asArray: [JSONNode]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The object, or `nil` for any other type.
    public var asObject: JSONObject? {
        if case .object(let value) = self { value } else { nil }
    }
}
