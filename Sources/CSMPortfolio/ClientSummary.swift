import CSMEvaluator
import CSMModel
import CSMPlanning

/// What one client contributes to the portfolio summary: small, so a batch
/// keeps only the clients it has not folded in yet.
public struct ClientSummary: Sendable {
    public struct Dimension: Sendable {
        public let id: String
        public let score: Double?
        public let level: Level?
        public let gap: Double?

        public init(id: String, score: Double?, level: Level?, gap: Double?) {
            self.id = id
            self.score = score
            self.level = level
            self.gap = gap
        }
    }

    public struct Proposal: Sendable {
        public let id: String
        public let title: String
        public let priority: Double
        /// The roadmap phase, nil when the initiative waits in the backlog.
        public let phase: String?

        public init(id: String, title: String, priority: Double, phase: String?) {
            self.id = id
            self.title = title
            self.priority = priority
            self.phase = phase
        }
    }

    /// Position of the client in the batch input, from 1.
    public let index: Int
    /// Where the assessment came from: a path, or "stream.jsonl:LINE".
    public let input: String
    /// Base name of the client's output files.
    public let name: String
    public let organization: String
    public let segment: String?
    public let overallScore: Double?
    public let overallLevel: Level?
    /// Sum of the gaps of the assessed dimensions, in levels.
    public let totalGap: Double
    public let dimensions: [Dimension]
    /// Initiatives in priority order.
    public let initiatives: [Proposal]
    /// Rules that failed for this client (with --keep-going).
    public let failedRules: [String]
    /// What went wrong with them, one message per failure.
    public let failureMessages: [String]

    public init(index: Int, input: String, name: String, organization: String, segment: String? = nil,
                overallScore: Double?, overallLevel: Level?, dimensions: [Dimension], initiatives: [Proposal],
                failedRules: [String] = [], failureMessages: [String] = []) {
        self.index = index
        self.input = input
        self.name = name
        self.organization = organization
        self.segment = segment
        self.overallScore = overallScore
        self.overallLevel = overallLevel
        self.dimensions = dimensions
        totalGap = dimensions.reduce(0) { $0 + ($1.gap ?? 0) }
        self.initiatives = initiatives
        self.failedRules = failedRules
        self.failureMessages = failureMessages
    }

    public init(index: Int, input: String, name: String, evaluation: Evaluation, plan: Plan,
                roadmap: Roadmap, failedRules: [String] = [], failureMessages: [String] = []) {
        self.index = index
        self.input = input
        self.name = name
        organization = evaluation.assessment.organization.name
        segment = evaluation.assessment.organization.segment?.rawValue
        overallScore = evaluation.overall.score
        overallLevel = evaluation.overall.level
        dimensions = evaluation.dimensions.map { Dimension(id: $0.id, score: $0.score, level: $0.level, gap: $0.gap) }
        totalGap = evaluation.dimensions.reduce(0) { $0 + ($1.gap ?? 0) }
        initiatives = plan.initiatives.map {
            Proposal(id: $0.id, title: $0.title, priority: $0.priority, phase: roadmap.phase(of: $0.id))
        }
        self.failedRules = failedRules
        self.failureMessages = failureMessages
    }
}
