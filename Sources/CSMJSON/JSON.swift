/// A JSON value to write, with objects as ordered key-value pairs.
///
/// Two values are equal only when `JSONWriter` writes the same bytes for them:
/// strings and keys compare by their UTF-8 bytes (not by Unicode canonical
/// equivalence, as `String` does), and doubles by bit pattern, so `0.0` and
/// `-0.0` differ.
public indirect enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            true
        case let (.bool(left), .bool(right)):
            left == right
        case let (.int(left), .int(right)):
            left == right
        case let (.double(left), .double(right)):
            left.bitPattern == right.bitPattern
        case let (.string(left), .string(right)):
            left.utf8.elementsEqual(right.utf8)
        case let (.array(left), .array(right)):
            left == right
        case let (.object(left), .object(right)):
            left.count == right.count
                && zip(left, right).allSatisfy { $0.0.utf8.elementsEqual($1.0.utf8) && $0.1 == $1.1 }
        default:
            false
        }
    }
}


extension JSONNode {
    /// The value without positions. A number becomes `.int` when its literal is an
    /// integer in the `Int64` range, and `.double` otherwise (`1.0`, `1e3`, `2^63`).
    public var plain: JSON {
        value.plain
    }
}


extension JSONValue {
    var plain: JSON {
        switch self {
        case .null:
            .null
        case .bool(let value):
            .bool(value)
        case .number(let number):
            if number.isInteger, let int64 = number.int64 { .int(int64) } else { .double(number.double) }
        case .string(let value):
            .string(value)
        case .array(let elements):
            .array(elements.map(\.plain))
        case .object(let object):
            .object(object.members.map { ($0.key, $0.value.plain) })
        }
    }
}
