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
///
/// A class, so the outcomes of every evaluation share one instance instead of copying it.
public final class RuleDefinition: Sendable {
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
    /// The proposed initiative's id, kept apart so hot paths read it without copying the template.
    public let initiativeID: String?
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

    init(engineIndex: Int, kind: Kind, id: String, title: String, description: String?, dimensions: [String],
         toward: Level?, towardFilter: [Level], initiativeFilter: [String], initiative: InitiativeTemplate?,
         staticReason: String?, hasReasonFunction: Bool, hasPriorityFunction: Bool, staticFactor: Double?,
         overrides: Bool, examples: LuaValue, whenLine: Int?, location: RuleLocation) {
        self.engineIndex = engineIndex
        self.kind = kind
        self.id = id
        self.title = title
        self.description = description
        self.dimensions = dimensions
        self.toward = toward
        self.towardFilter = towardFilter
        self.initiativeFilter = initiativeFilter
        self.initiative = initiative
        self.initiativeID = initiative?.id
        self.staticReason = staticReason
        self.hasReasonFunction = hasReasonFunction
        self.hasPriorityFunction = hasPriorityFunction
        self.staticFactor = staticFactor
        self.overrides = overrides
        self.examples = examples
        self.whenLine = whenLine
        self.location = location
    }

    /// Reports whether this adjust rule applies to an initiative.
    public func adjusts(initiativeID: String, dimensions initiativeDimensions: [String], toward level: Level?) -> Bool {
        guard kind == .adjust else { return false }
        let inScope = initiativeFilter.contains(initiativeID) || initiativeDimensions.contains { dimensions.contains($0) }
        return inScope && adjustsLevel(level)
    }

    /// Reports whether this adjust rule's level filter lets it change an initiative that builds `level`.
    public func adjustsLevel(_ level: Level?) -> Bool {
        guard kind == .adjust else { return false }
        if towardFilter.isEmpty { return true }
        guard let level else { return false }
        return towardFilter.contains(level)
    }
}
