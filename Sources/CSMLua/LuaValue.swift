/// A value that crosses the boundary between Swift and Lua.
///
/// Tables arrive as `.array` when their keys are exactly 1...n and as `.map`
/// otherwise; an empty table arrives as an empty `.array`. The enum is not
/// `indirect`, because arrays already keep nested values on the heap and
/// boxing every scalar cost an allocation per value on each call into Lua.
public enum LuaValue: Equatable, Sendable {
    case `nil`
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    /// A Lua string that is not valid UTF-8.
    case bytes([UInt8])
    case array([LuaValue])
    /// Entries in the order Lua returned them; `sortedEntries` gives a stable order.
    case map([(key: LuaValue, value: LuaValue)])
    /// A function, with the file and line where it is defined (output only).
    case function(source: String, line: Int)
    /// A userdata or thread, by type name (output only).
    case other(String)

    public static func == (lhs: LuaValue, rhs: LuaValue) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.bytes(a), .bytes(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.map(a), .map(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.function(s1, l1), .function(s2, l2)): return s1 == s2 && l1 == l2
        case let (.other(a), .other(b)): return a == b
        default: return false
        }
    }

    /// Builds a map with string keys.
    public static func object(_ entries: [(String, LuaValue)]) -> LuaValue {
        .map(entries.map { (key: LuaValue.string($0.0), value: $0.1) })
    }

    /// Builds a string array.
    public static func strings(_ values: [String]) -> LuaValue {
        .array(values.map { .string($0) })
    }

    /// Builds a number, or nil for nil.
    public static func number(_ value: Double?) -> LuaValue {
        value.map { .number($0) } ?? .nil
    }

    /// The Lua type name, as `type()` would say it.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "boolean"
        case .integer, .number: return "number"
        case .string, .bytes: return "string"
        case .array, .map: return "table"
        case .function: return "function"
        case let .other(name): return name
        }
    }

    public var isNil: Bool {
        if case .nil = self { return true }
        return false
    }

    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    /// Integers and floats as a Double.
    public var doubleValue: Double? {
        switch self {
        case let .integer(value): return Double(value)
        case let .number(value): return value
        default: return nil
        }
    }

    public var integerValue: Int64? {
        switch self {
        case let .integer(value): return value
        case let .number(value):
            if value == value.rounded(), abs(value) < 9.0e15 { return Int64(value) }
            return nil
        default: return nil
        }
    }

    public var isTable: Bool {
        switch self {
        case .array, .map: return true
        default: return false
        }
    }

    /// Array items; nil unless this is a sequence (an empty table counts).
    public var arrayValue: [LuaValue]? {
        if case let .array(items) = self { return items }
        return nil
    }

    /// Map entries sorted by key (strings before numbers), so Lua's hash order never leaks.
    public var sortedEntries: [(key: LuaValue, value: LuaValue)] {
        switch self {
        case let .map(entries):
            return entries.sorted { LuaValue.keyPrecedes($0.key, $1.key) }
        case let .array(items):
            return items.enumerated().map { (key: LuaValue.integer(Int64($0.offset + 1)), value: $0.element) }
        default:
            return []
        }
    }

    /// Looks up a string key in a map.
    public subscript(key: String) -> LuaValue {
        if case let .map(entries) = self {
            for entry in entries {
                if case let .string(name) = entry.key, name == key { return entry.value }
            }
        }
        return .nil
    }

    /// Looks up a 1-based index in an array.
    public subscript(index: Int) -> LuaValue {
        if case let .array(items) = self, index >= 1, index <= items.count { return items[index - 1] }
        return .nil
    }

    /// String keys of a map, sorted.
    public var stringKeys: [String] {
        sortedEntries.compactMap { $0.key.stringValue }
    }

    static func keyPrecedes(_ a: LuaValue, _ b: LuaValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case (.string, _): return true
        case (_, .string): return false
        default: return (a.doubleValue ?? 0) < (b.doubleValue ?? 0)
        }
    }
}
