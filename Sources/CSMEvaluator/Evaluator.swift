import CSMModel
import CSMSystem

/// Computes an `Evaluation`. Scores are rounded to four decimal places before
/// levels are assigned, so a mean such as 1.99999999 counts as 2.
public enum Evaluator {
    /// Respondents whose scores differ by at least this much disagree.
    public static let disagreementWidth = 1.0

    public static func evaluate(_ assessment: Assessment, model: MaturityModel) -> Evaluation {
        var warnings: [EvaluationWarning] = []
        let dimensions = model.dimensions.map { dimension in
            evaluateDimension(dimension, assessment: assessment, model: model, warnings: &warnings)
        }
        let competencies = model.competencies.map { competency -> CompetencyResult in
            let members = dimensions.filter { $0.competencyID == competency.id }
            let aggregate = aggregate(members, model: model)
            if aggregate.assessedCount == 0 {
                warnings.append(EvaluationWarning(code: .competencyNotAssessed, dimensionID: nil,
                                                  message: "\(competency.name) has no assessed dimension; it has no score."))
            }
            return CompetencyResult(id: competency.id, name: competency.name, weight: competency.weight, aggregate: aggregate)
        }
        warnings += factWarnings(assessment)
        return Evaluation(model: model, assessment: assessment, dimensions: dimensions, competencies: competencies,
                          overall: aggregate(dimensions, model: model), warnings: warnings)
    }

    /// Warns about facts that contradict each other or look like percentages written as ratios.
    static func factWarnings(_ assessment: Assessment) -> [EvaluationWarning] {
        var warnings: [EvaluationWarning] = []
        func fact(_ id: String) -> Double? { assessment.fact(id)?.number }
        if let grr = fact("grr"), let nrr = fact("nrr"), nrr < grr {
            warnings.append(EvaluationWarning(code: .factsInconsistent, dimensionID: nil,
                message: "NRR (\(Formatting.percent(nrr))) is below GRR (\(Formatting.percent(grr))); NRR adds expansion to GRR, so it is normally at least as high. Check both facts."))
        }
        if let growth = fact("arr_growth"), growth > 3 {
            warnings.append(EvaluationWarning(code: .factsInconsistent, dimensionID: nil,
                message: "ARR growth of \(Formatting.percent(growth)) is unusually high; ratios are decimals, so 0.25 means 25 %."))
        }
        if let first = fact("first_year_churn"), let churn = fact("logo_churn"), first < churn / 2 {
            warnings.append(EvaluationWarning(code: .factsInconsistent, dimensionID: nil,
                message: "First-year churn (\(Formatting.percent(first))) is far below overall logo churn (\(Formatting.percent(churn))); check that both are shares of customers lost."))
        }
        return warnings
    }

    static func round4(_ value: Double) -> Double {
        Formatting.round(value, 4)
    }

    private static func evaluateDimension(_ dimension: Dimension, assessment: Assessment, model: MaturityModel,
                                          warnings: inout [EvaluationWarning]) -> DimensionResult {
        let input = assessment.dimensions[dimension.id]
        let spread = spreadOf(dimension.id, respondents: assessment.respondents)

        var score: Double?
        var source = ScoreSource.none
        if let direct = input?.score {
            score = round4(direct)
            source = .direct
        } else if let spread {
            score = round4(spread.mean)
            source = .respondents
        }

        let target: Double
        let targetSource: TargetSource
        if let own = input?.target {
            (target, targetSource) = (own, .dimension)
        } else if let fileTarget = assessment.target {
            (target, targetSource) = (fileTarget, .assessment)
        } else {
            (target, targetSource) = (model.defaultTarget, .model)
        }

        var gap: Double?
        var percent: Double?
        if let score {
            gap = round4(max(0, target - score))
            percent = target > 0 ? round4(score / target * 100) : 100
        }

        if score == nil {
            let unknown = assessment.respondents.reduce(0) { count, respondent in
                count + respondent.scores.filter { $0.dimensionID == dimension.id && $0.score == nil }.count
            }
            var why = input?.reason.map { " (\($0))" } ?? ""
            if why.isEmpty && unknown > 0 { why = " (\(unknown) respondent\(unknown == 1 ? "" : "s") answered \"don't know\")" }
            warnings.append(EvaluationWarning(code: .notAssessed, dimensionID: dimension.id,
                                              message: "\(dimension.label) is not assessed\(why); it is left out of averages."))
        }
        if let spread, spread.count >= 2, spread.range >= disagreementWidth {
            let low = spread.entries.min { $0.score < $1.score }!
            let high = spread.entries.max { $0.score < $1.score }!
            warnings.append(EvaluationWarning(
                code: .respondentsDisagree, dimensionID: dimension.id,
                message: "Respondents disagree on \(dimension.label): scores range from \(Formatting.compact(spread.minimum)) (\(low.role)) to \(Formatting.compact(spread.maximum)) (\(high.role))."))
        }
        if source == .direct, let score, let spread, abs(score - spread.mean) >= disagreementWidth {
            warnings.append(EvaluationWarning(
                code: .consensusDiffers, dimensionID: dimension.id,
                message: "The score of \(dimension.label) (\(Formatting.compact(score))) differs from the respondents' mean (\(Formatting.fixed(spread.mean, 2))) by a level or more."))
        }

        return DimensionResult(id: dimension.id, competencyID: dimension.competencyID, name: dimension.name,
                               label: dimension.label, score: score, level: score.map(Level.init(score:)), target: target,
                               targetLevel: Level(score: target), targetSource: targetSource, gap: gap,
                               percentOfTarget: percent, scoreSource: source, spread: spread,
                               evidence: input?.evidence, notes: input?.notes, reason: input?.reason)
    }

    private static func spreadOf(_ dimensionID: String, respondents: [Respondent]) -> Spread? {
        var entries: [Spread.Entry] = []
        var unknown = 0
        for respondent in respondents {
            for item in respondent.scores where item.dimensionID == dimensionID {
                if let score = item.score {
                    entries.append(Spread.Entry(respondentID: respondent.id, role: respondent.role, score: score))
                } else {
                    unknown += 1
                }
            }
        }
        guard !entries.isEmpty else { return nil }
        let scores = entries.map(\.score)
        let mean = scores.reduce(0, +) / Double(scores.count)
        let variance = scores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(scores.count)
        return Spread(count: scores.count, minimum: scores.min()!, maximum: scores.max()!, mean: round4(mean),
                      standardDeviation: round4(variance.squareRoot()), entries: entries, unknownCount: unknown)
    }

    /// Weighted means over the assessed dimensions among `members`.
    private static func aggregate(_ members: [DimensionResult], model: MaturityModel) -> Aggregate {
        var weightSum = 0.0
        var scoreSum = 0.0
        var targetSum = 0.0
        var gapSum = 0.0
        var assessed = 0
        for member in members {
            guard let score = member.score, let gap = member.gap else { continue }
            let weight = model.priorityWeight(of: member.id)
            weightSum += weight
            scoreSum += weight * score
            targetSum += weight * member.target
            gapSum += weight * gap
            assessed += 1
        }
        guard weightSum > 0 else {
            return Aggregate(score: nil, level: nil, target: nil, targetLevel: nil, gap: nil, percentOfTarget: nil,
                             assessedCount: 0, dimensionCount: members.count)
        }
        let score = round4(scoreSum / weightSum)
        let target = round4(targetSum / weightSum)
        return Aggregate(score: score, level: Level(score: score), target: target, targetLevel: Level(score: target),
                         gap: round4(gapSum / weightSum), percentOfTarget: target > 0 ? round4(score / target * 100) : 100,
                         assessedCount: assessed, dimensionCount: members.count)
    }
}
