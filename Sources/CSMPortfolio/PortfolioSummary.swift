import CSMEvaluator
import CSMModel

/// The portfolio view of a batch: how scores spread per dimension, which
/// initiatives come up most, and which clients are furthest from target.
public struct PortfolioSummary: Sendable {
    public struct DimensionDistribution: Sendable {
        public let id: String
        public let competencyID: String
        public let name: String
        public let label: String
        /// Clients that scored the dimension.
        public let assessed: Int
        /// Clients that left it unscored.
        public let notAssessed: Int
        public let minimum: Double?
        public let p25: Double?
        public let median: Double?
        public let p75: Double?
        public let maximum: Double?
        public let mean: Double?
        /// Clients at each level, from reactive to optimizing.
        public let levelCounts: [(level: Level, count: Int)]
    }

    public struct InitiativeFrequency: Sendable {
        public let id: String
        public let title: String
        /// Clients the initiative was proposed to.
        public let clients: Int
        /// clients / evaluated clients.
        public let share: Double
        public let meanPriority: Double
        /// Clients whose roadmap puts it in the first phase.
        public let firstPhase: Int
    }

    public struct RankedClient: Sendable {
        public let rank: Int
        public let index: Int
        public let name: String
        public let input: String
        public let organization: String
        public let totalGap: Double
        public let overallScore: Double?
        public let overallLevel: Level?
        public let initiativeCount: Int
    }

    public struct FailedInput: Sendable {
        public let index: Int
        public let input: String
        /// "invalid" for a bad assessment, "rule_failure" when rules failed.
        public let status: String
        public let messages: [String]
    }

    public let modelID: String
    public let modelVersion: String
    /// Inputs read: every assessment, valid or not.
    public let inputCount: Int
    /// Clients with a result (their assessment was valid and their rules ran).
    public let evaluatedCount: Int
    public let invalidCount: Int
    public let ruleFailureCount: Int
    /// Files found in folders that are other csm documents, such as rule packs.
    public let skippedCount: Int
    public let dimensions: [DimensionDistribution]
    /// Most frequent initiatives first.
    public let initiatives: [InitiativeFrequency]
    /// Clients by total gap, largest first; at most the requested number.
    public let ranking: [RankedClient]
    /// Inputs that failed, in input order; at most `PortfolioBuilder.failureListLimit`.
    public let failures: [FailedInput]
    /// Name of the first roadmap phase, the one `firstPhase` counts.
    public let firstPhaseName: String?
    /// The model's competencies in model order, so reports can group `dimensions` under their names.
    public var competencies: [Competency] = []
}
