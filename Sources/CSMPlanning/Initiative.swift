import CSMModel
import CSMRules

/// A ranked initiative: one entry per initiative id, however many rules proposed it.
public struct Initiative: Sendable {
    public internal(set) var rank: Int
    /// Higher means sooner; see `PriorityPolicy` for the formula.
    public let priority: Double
    public let id: String
    public let title: String
    public let summary: String
    public let actions: [String]
    /// Dimensions of every proposing rule, in model order.
    public let dimensions: [String]
    public let competencies: [String]
    /// The level the initiative builds on its main dimension.
    public let toward: Level
    public let effort: Effort
    public let impact: Impact
    public let kpis: [String]
    public let requires: [String]
    /// One reason per proposing rule, sorted by pack order and rule id.
    public let reasons: [InitiativeReason]
    public let breakdown: PriorityBreakdown
}

/// Why a rule proposed an initiative.
public struct InitiativeReason: Sendable {
    public let ruleID: String
    public let pack: String
    public let location: RuleLocation
    public let text: String
    /// Reads and checks the rule made, when tracing.
    public let trace: [TraceEntry]
}

/// A factor applied to an initiative's priority, with the rule that applied it.
public struct AppliedFactor: Sendable {
    public let ruleID: String
    public let pack: String
    public let factor: Double
    public let reason: String
    /// "priority" for a proposing rule's own priority(), "adjust" for an adjust rule.
    public let kind: String
    public let trace: [TraceEntry]
}

/// The priority arithmetic of one initiative, step by step.
public struct PriorityBreakdown: Sendable {
    /// The dimension whose gap drives the priority.
    public let dimensionID: String?
    public let gap: Double
    /// The gap actually used: at least `PriorityPolicy.minimumGap`.
    public let effectiveGap: Double
    public let weight: Double
    public let impact: Impact
    public let effort: Effort
    /// Levels between the dimension's current level and the initiative's level (at least 1).
    public let levelsAhead: Int
    public let stepFactor: Double
    /// effectiveGap x weight x impact / effort x stepFactor, before factors.
    public let base: Double
    public let factors: [AppliedFactor]
    /// Product of the factors, clamped to the policy's range.
    public let combinedFactor: Double
    public let priority: Double
    /// The rule whose proposal gave the highest base.
    public let baseRuleID: String
}

/// Something about the plan a rule author should know.
public struct PlanWarning: Equatable, Sendable {
    public let initiativeID: String
    public let message: String
}

public struct Plan: Sendable {
    /// Initiatives by rank.
    public let initiatives: [Initiative]
    public let warnings: [PlanWarning]

    public func initiative(_ id: String) -> Initiative? {
        initiatives.first { $0.id == id }
    }
}
