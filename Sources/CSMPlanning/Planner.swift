import CSMEvaluator
import CSMModel
import CSMRules

/// Turns fired rules into ranked initiatives.
public enum Planner {
    public static func plan(evaluation: Evaluation, run: RuleRun, packOrder: [String],
                            policy: PriorityPolicy = .standard) -> Plan {
        let fired = run.outcomes.filter { $0.status == .fired }
        let proposals = fired.filter { $0.rule.kind == .propose && $0.rule.initiativeID != nil }
        let adjustments = AdjustmentIndex(fired.filter { $0.rule.kind == .adjust })
        let packRank = Dictionary(uniqueKeysWithValues: packOrder.enumerated().map { ($0.element, $0.offset) })

        var groups: [String: [RuleOutcome]] = [:]
        for proposal in proposals {
            groups[proposal.rule.initiativeID!, default: []].append(proposal)
        }

        var warnings: [PlanWarning] = []
        var unranked: [Initiative] = []
        for (id, group) in groups {
            let ordered = group.sorted { a, b in
                let rankA = packRank[a.rule.location.pack] ?? 0
                let rankB = packRank[b.rule.location.pack] ?? 0
                return rankA != rankB ? rankA < rankB : a.rule.id < b.rule.id
            }
            // The latest pack's template wins, so a consultancy pack can reword a built-in initiative.
            let primary = ordered.max { (packRank[$0.rule.location.pack] ?? 0) < (packRank[$1.rule.location.pack] ?? 0) }!
            let template = primary.rule.initiative!
            for other in ordered where other.rule.id != primary.rule.id {
                // KPIs and prerequisites are merged, so only differing texts deserve a warning.
                if let otherTemplate = other.rule.initiative, !sameText(otherTemplate, template) {
                    warnings.append(PlanWarning(initiativeID: id,
                        message: "rules '\(primary.rule.id)' and '\(other.rule.id)' describe initiative '\(id)' differently; the text of '\(primary.rule.id)' is used"))
                }
            }
            unranked.append(merge(id: id, template: template, proposals: ordered, adjustments: adjustments,
                                  evaluation: evaluation, policy: policy))
        }

        // Sort positions rather than the initiatives, because each swap of an Initiative copies a large struct.
        let keys = unranked.map { (priority: $0.priority, id: $0.id) }
        let order = keys.indices.sorted { a, b in
            keys[a].priority != keys[b].priority ? keys[a].priority > keys[b].priority : keys[a].id < keys[b].id
        }
        var ranked: [Initiative] = []
        ranked.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            ranked.append(unranked[index])
            ranked[position].rank = position + 1
        }
        return Plan(initiatives: ranked, warnings: warnings.sorted { ($0.initiativeID, $0.message) < ($1.initiativeID, $1.message) })
    }

    /// Reports whether two proposals describe an initiative with the same texts, effort and impact.
    public static func sameText(_ a: InitiativeTemplate, _ b: InitiativeTemplate) -> Bool {
        a.title == b.title && a.summary == b.summary && a.actions == b.actions && a.effort == b.effort && a.impact == b.impact
    }

    private struct Base {
        let value: Double
        let dimensionID: String?
        let gap: Double
        let effectiveGap: Double
        let weight: Double
        let levelsAhead: Int
        let stepFactor: Double
        let ruleID: String
    }

    /// The base priority one proposal gives: its dimension with the largest weighted gap.
    private static func base(of proposal: RuleOutcome, template: InitiativeTemplate, evaluation: Evaluation,
                             policy: PriorityPolicy) -> Base {
        let toward = proposal.rule.toward ?? .adopting
        var best: (id: String, gap: Double, weight: Double, level: Level)?
        for id in proposal.rule.dimensions {
            guard let result = evaluation.dimension(id), let gap = result.gap, let level = result.level else { continue }
            let weight = evaluation.model.priorityWeight(of: id)
            if best == nil || gap * weight > best!.gap * best!.weight {
                best = (id, gap, weight, level)
            }
        }
        let gap = best?.gap ?? 0
        let weight = best?.weight ?? 1
        let effectiveGap = max(gap, policy.minimumGap)
        let levelsAhead = max(1, toward.rawValue - (best?.level.rawValue ?? toward.rawValue - 1))
        let stepFactor = policy.stepFactor(levelsAhead: levelsAhead)
        let value = effectiveGap * weight * template.impact.multiplier / template.effort.divisor * stepFactor
        return Base(value: value, dimensionID: best?.id ?? proposal.rule.dimensions.first, gap: gap,
                    effectiveGap: effectiveGap, weight: weight, levelsAhead: levelsAhead, stepFactor: stepFactor,
                    ruleID: proposal.rule.id)
    }

    private static func merge(id: String, template: InitiativeTemplate, proposals: [RuleOutcome],
                              adjustments: AdjustmentIndex, evaluation: Evaluation, policy: PriorityPolicy) -> Initiative {
        let model = evaluation.model
        let bases = proposals.map { base(of: $0, template: template, evaluation: evaluation, policy: policy) }
        let best = bases.max { $0.value != $1.value ? $0.value < $1.value : $0.ruleID > $1.ruleID }!

        var dimensionSet: Set<String> = []
        for proposal in proposals { dimensionSet.formUnion(proposal.rule.dimensions) }
        let dimensions = dimensionSet.sorted { model.order(of: $0) < model.order(of: $1) }
        var competencies: [String] = []
        for dimension in dimensions {
            if let competency = model.dimension(dimension)?.competencyID, !competencies.contains(competency) {
                competencies.append(competency)
            }
        }
        let toward = proposals.first { $0.rule.id == best.ruleID }?.rule.toward ?? .adopting

        var factors: [AppliedFactor] = []
        for proposal in proposals {
            if let factor = proposal.factor {
                factors.append(AppliedFactor(ruleID: proposal.rule.id, pack: proposal.rule.location.pack, factor: factor,
                                             reason: proposal.factorReason ?? proposal.rule.title, kind: "priority",
                                             trace: proposal.trace))
            }
        }
        for adjustment in adjustments.candidates(initiativeID: id, dimensions: dimensions) {
            // The index returns only rules whose initiative ids or dimensions match, so only the level filter is left.
            guard let factor = adjustment.factor, adjustment.rule.adjustsLevel(toward) else { continue }
            factors.append(AppliedFactor(ruleID: adjustment.rule.id, pack: adjustment.rule.location.pack, factor: factor,
                                         reason: adjustment.reason ?? adjustment.rule.title, kind: "adjust",
                                         trace: adjustment.trace))
        }
        let combined = policy.clamp(factors.reduce(1.0) { $0 * $1.factor })
        let priority = policy.round(best.value * (factors.isEmpty ? 1 : combined) * policy.scale)

        let reasons = proposals.map { proposal in
            InitiativeReason(ruleID: proposal.rule.id, pack: proposal.rule.location.pack, location: proposal.rule.location,
                             text: proposal.reason ?? proposal.rule.staticReason ?? defaultReason(proposal.rule, evaluation),
                             trace: proposal.trace)
        }
        var kpis: [String] = []
        var requires: Set<String> = []
        for proposal in proposals {
            guard let proposed = proposal.rule.initiative else { continue }
            for kpi in proposed.kpis where !kpis.contains(kpi) { kpis.append(kpi) }
            requires.formUnion(proposed.requires)
        }
        let primaryKPIs = template.kpis + kpis.filter { !template.kpis.contains($0) }

        let breakdown = PriorityBreakdown(dimensionID: best.dimensionID, gap: best.gap, effectiveGap: best.effectiveGap,
                                          weight: best.weight, impact: template.impact, effort: template.effort,
                                          levelsAhead: best.levelsAhead, stepFactor: best.stepFactor, base: best.value,
                                          factors: factors, combinedFactor: factors.isEmpty ? 1 : combined,
                                          priority: priority, baseRuleID: best.ruleID)
        return Initiative(rank: 0, priority: priority, id: id, title: template.title, summary: template.summary,
                          actions: template.actions, dimensions: dimensions, competencies: competencies, toward: toward,
                          effort: template.effort, impact: template.impact, kpis: primaryKPIs,
                          requires: requires.sorted(), reasons: reasons, breakdown: breakdown)
    }

    /// The reason used when a rule gives none: its dimension's score against the target.
    static func defaultReason(_ rule: RuleDefinition, _ evaluation: Evaluation) -> String {
        guard let id = rule.dimensions.first, let result = evaluation.dimension(id) else { return rule.title }
        guard let score = result.score, let level = result.level else { return "\(result.label) is not assessed." }
        return "\(result.label) scores \(format(score)) (\(level.id)) against a target of \(format(result.target)) (\(result.targetLevel.id))."
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// The fired adjust rules, sorted by rule id, with lookups by the initiative ids
/// and dimensions they name, so that each initiative checks only the rules that
/// may apply to it instead of all of them.
struct AdjustmentIndex {
    private let adjustments: [RuleOutcome]
    private var byInitiative: [String: [Int]] = [:]
    private var byDimension: [String: [Int]] = [:]

    init(_ fired: [RuleOutcome]) {
        adjustments = fired.sorted { $0.rule.id < $1.rule.id }
        for (position, adjustment) in adjustments.enumerated() {
            for id in adjustment.rule.initiativeFilter { byInitiative[id, default: []].append(position) }
            for dimension in adjustment.rule.dimensions { byDimension[dimension, default: []].append(position) }
        }
    }

    /// Adjust rules that name the initiative or one of its dimensions, in rule id order.
    func candidates(initiativeID: String, dimensions: [String]) -> [RuleOutcome] {
        var positions = byInitiative[initiativeID] ?? []
        for dimension in dimensions { positions += byDimension[dimension] ?? [] }
        positions.sort()
        var result: [RuleOutcome] = []
        result.reserveCapacity(positions.count)
        var previous = -1
        for position in positions where position != previous {
            result.append(adjustments[position])
            previous = position
        }
        return result
    }
}
