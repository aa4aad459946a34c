/// A maturity level. A score's level is the highest threshold it reaches:
/// 1 adopting, 2 performing, 3 optimizing; below 1 is reactive ("firefighting").
public enum Level: Int, CaseIterable, Comparable, Hashable, Sendable, CustomStringConvertible {
    case reactive = 0
    case adopting = 1
    case performing = 2
    case optimizing = 3

    /// The lowest score at this level.
    public var threshold: Double { Double(rawValue) }

    /// The id used in files and rules: "reactive", "adopting", "performing", "optimizing".
    public var id: String {
        switch self {
        case .reactive: return "reactive"
        case .adopting: return "adopting"
        case .performing: return "performing"
        case .optimizing: return "optimizing"
        }
    }

    public var description: String { id }

    public init?(id: String) {
        guard let level = Level.allCases.first(where: { $0.id == id }) else { return nil }
        self = level
    }

    /// The level a score reaches.
    public init(score: Double) {
        if score >= 3 { self = .optimizing }
        else if score >= 2 { self = .performing }
        else if score >= 1 { self = .adopting }
        else { self = .reactive }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public static var ids: [String] { allCases.map(\.id) }
}

/// Scores run from 0 to 3.
public enum ScoreScale {
    public static let minimum = 0.0
    public static let maximum = 3.0

    public static func contains(_ value: Double) -> Bool {
        value.isFinite && value >= minimum && value <= maximum
    }
}
