import CSMLua
import CSMModel

/// Where a rule is declared.
public struct RuleLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let pack: String
    public let file: String
    public let line: Int

    public var description: String { "\(file):\(line)" }
}

/// The initiative a rule proposes, as declared.
public struct InitiativeTemplate: Equatable, Sendable {
    public let id: String
    public let title: String
    public let summary: String
    public let actions: [String]
    public let effort: Effort
    public let impact: Impact
    public let kpis: [String]
    /// Initiative ids that should come first.
    public let requires: [String]
}

/// A rule as declared by `rule { ... }` or `adjust { ... }` in a rule file.
public struct RuleDefinition: Sendable {
    public enum Kind: String, Sendable {
        /// Proposes an initiative.
        case propose = "rule"
        /// Changes the priority of initiatives other rules propose.
        case adjust
    }

    /// The rule's index in the Lua driver.
    let engineIndex: Int
    public let kind: Kind
    public let id: String
    public let title: String
    public let description: String?
    public let dimensions: [String]
    /// The level the proposed initiative builds (proposing rules).
    public let toward: Level?
    /// Adjust rules: levels of the initiatives they change; empty means all.
    public let towardFilter: [Level]
    /// Adjust rules: initiative ids they change, besides those of `dimensions`.
    public let initiativeFilter: [String]
    public let initiative: InitiativeTemplate?
    public let staticReason: String?
    public let hasReasonFunction: Bool
    public let hasPriorityFunction: Bool
    /// Adjust rules: a constant factor; nil when `factor` is a function.
    public let staticFactor: Double?
    public let overrides: Bool
    /// Example fragments, as declared.
    public let examples: LuaValue
    /// Source line of `when`, for messages.
    public let whenLine: Int?
    public let location: RuleLocation

    /// Reports whether this adjust rule applies to an initiative.
    public func adjusts(initiativeID: String, dimensions initiativeDimensions: [String], toward level: Level?) -> Bool {
        guard kind == .adjust else { return false }
        let inScope = initiativeFilter.contains(initiativeID) || initiativeDimensions.contains { dimensions.contains($0) }
        guard inScope else { return false }
        if towardFilter.isEmpty { return true }
        guard let level else { return false }
        return towardFilter.contains(level)
    }
}
