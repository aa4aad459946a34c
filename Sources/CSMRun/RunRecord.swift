import CSMEvaluator
import CSMModel
import CSMPlanning
import CSMPortfolio
import CSMRules

/// Everything one `csm run` produced: the source of truth every format renders.
public struct RunRecord: Sendable {
    public let engineVersion: String
    public let luaVersion: String
    public let model: MaturityModel
    public let packs: [LoadedPack]
    public let evaluation: Evaluation
    public let ruleRun: RuleRun
    public let plan: Plan
    public let roadmap: Roadmap
    public let scorecard: Scorecard
    /// Whether reads and checks of rules were traced (`--explain`).
    public let explained: Bool
    /// Where the client stands in its portfolio, when `csm batch` ran it.
    public var portfolio: PortfolioPosition?

    public var assessment: Assessment { evaluation.assessment }

    /// Rules that failed (only present with `--keep-going`).
    public var failures: [RuleFailure] { ruleRun.failures }

    public init(engineVersion: String = CSMVersion.current, luaVersion: String = CSMVersion.lua, model: MaturityModel,
                packs: [LoadedPack], evaluation: Evaluation, ruleRun: RuleRun, plan: Plan, roadmap: Roadmap,
                scorecard: Scorecard, explained: Bool) {
        self.engineVersion = engineVersion
        self.luaVersion = luaVersion
        self.model = model
        self.packs = packs
        self.evaluation = evaluation
        self.ruleRun = ruleRun
        self.plan = plan
        self.roadmap = roadmap
        self.scorecard = scorecard
        self.explained = explained
    }

    /// Counts of rule outcomes by status.
    public var statusCounts: [(status: RuleOutcome.Status, count: Int)] {
        let order: [RuleOutcome.Status] = [.fired, .notFired, .error, .timeout, .skipped]
        return order.map { status in (status, ruleRun.outcomes.filter { $0.status == status }.count) }
    }
}
