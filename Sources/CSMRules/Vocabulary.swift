/// How much work an initiative takes.
public enum Effort: String, CaseIterable, Sendable {
    /// A few person-weeks, one owner, no new tooling.
    case small
    /// One to three months of a small cross-functional team.
    case medium
    /// Several quarters, cross-functional, usually tooling, hiring or reorganization.
    case large

    /// Divisor in the priority formula.
    public var divisor: Double {
        switch self {
        case .small: return 1.0
        case .medium: return 1.5
        case .large: return 2.0
        }
    }
}

/// How much an initiative moves the dimension and its KPIs.
public enum Impact: String, CaseIterable, Sendable {
    case low, medium, high

    /// Multiplier in the priority formula.
    public var multiplier: Double {
        switch self {
        case .low: return 1.0
        case .medium: return 2.0
        case .high: return 3.0
        }
    }
}

/// A pack parameter's type.
public enum ParameterType: String, CaseIterable, Sendable {
    case number, integer, string, boolean
}

/// A pack parameter's value.
public enum ParameterValue: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case integer(Int64)
    case string(String)
    case boolean(Bool)

    public var type: ParameterType {
        switch self {
        case .number: return .number
        case .integer: return .integer
        case .string: return .string
        case .boolean: return .boolean
        }
    }

    public var description: String {
        switch self {
        case let .number(value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case let .integer(value): return String(value)
        case let .string(value): return value
        case let .boolean(value): return value ? "true" : "false"
        }
    }

    /// Parses a command-line value for a parameter of `type`.
    public static func parse(_ text: String, as type: ParameterType) -> ParameterValue? {
        switch type {
        case .number:
            guard let value = Double(text), value.isFinite else { return nil }
            return .number(value)
        case .integer:
            if let value = Int64(text) { return .integer(value) }
            if let value = Double(text), value == value.rounded(), abs(value) < 9.0e15 { return .integer(Int64(value)) }
            return nil
        case .string:
            return .string(text)
        case .boolean:
            switch text {
            case "true", "yes", "1": return .boolean(true)
            case "false", "no", "0": return .boolean(false)
            default: return nil
            }
        }
    }
}
