import CSMModel

/// Scores, levels, targets and gaps of one assessment: a pure function of the
/// model and the assessment.
public struct Evaluation: Sendable {
    public let model: MaturityModel
    public let assessment: Assessment
    /// One entry per model dimension, in model order.
    public let dimensions: [DimensionResult]
    /// One entry per competency, in model order.
    public let competencies: [CompetencyResult]
    public let overall: Aggregate
    public let warnings: [EvaluationWarning]

    public func dimension(_ id: String) -> DimensionResult? {
        dimensions.first { $0.id == id }
    }

    public func competency(_ id: String) -> CompetencyResult? {
        competencies.first { $0.id == id }
    }
}

/// Where a dimension's score came from.
public enum ScoreSource: String, Sendable {
    /// The "score" the assessment gives (for example a workshop consensus).
    case direct
    /// The mean of the respondents' scores.
    case respondents
    /// Nothing: the dimension is not assessed.
    case none = "not_assessed"
}

/// Where a dimension's target came from.
public enum TargetSource: String, Sendable {
    case dimension, assessment, model
}

public struct DimensionResult: Sendable {
    public let id: String
    public let competencyID: String
    public let name: String
    /// Short name for tables, for example "Proactive engagement".
    public let label: String
    /// nil when the dimension is not assessed.
    public let score: Double?
    public let level: Level?
    public let target: Double
    public let targetLevel: Level
    public let targetSource: TargetSource
    /// max(0, target - score); nil when not assessed.
    public let gap: Double?
    /// score / target x 100 (100 when the target is 0); nil when not assessed.
    public let percentOfTarget: Double?
    public let scoreSource: ScoreSource
    /// Respondents' scores, when any respondent scored the dimension.
    public let spread: Spread?
    public let evidence: String?
    public let notes: String?
    /// Why the dimension was not assessed, when the file says.
    public let reason: String?

    public var isAssessed: Bool { score != nil }
}

/// How respondents' scores for one dimension are distributed.
public struct Spread: Sendable {
    public struct Entry: Sendable {
        public let respondentID: String
        public let role: String
        public let score: Double
    }

    public let count: Int
    public let minimum: Double
    public let maximum: Double
    public let mean: Double
    /// Population standard deviation: respondents are the whole panel.
    public let standardDeviation: Double
    /// Scores in the order respondents appear in the file.
    public let entries: [Entry]
    /// Respondents who answered "don't know" (null).
    public let unknownCount: Int

    public var range: Double { maximum - minimum }
}

/// A weighted mean over the assessed dimensions of a competency, or of the whole model.
public struct Aggregate: Sendable {
    public let score: Double?
    public let level: Level?
    public let target: Double?
    public let targetLevel: Level?
    /// Weighted mean of the dimensions' gaps (a surplus in one does not offset a gap in another).
    public let gap: Double?
    public let percentOfTarget: Double?
    public let assessedCount: Int
    public let dimensionCount: Int
}

public struct CompetencyResult: Sendable {
    public let id: String
    public let name: String
    public let weight: Double
    public let aggregate: Aggregate

    public var score: Double? { aggregate.score }
    public var level: Level? { aggregate.level }
    public var gap: Double? { aggregate.gap }
}

/// Something the user should know that does not stop the evaluation.
public struct EvaluationWarning: Equatable, Sendable {
    public enum Code: String, Sendable {
        case notAssessed = "not_assessed"
        case respondentsDisagree = "respondents_disagree"
        case consensusDiffers = "consensus_differs"
        case competencyNotAssessed = "competency_not_assessed"
        case factsInconsistent = "facts_inconsistent"
    }

    public let code: Code
    public let dimensionID: String?
    public let message: String
}
