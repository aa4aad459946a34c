import CSMEvaluator
import CSMModel
import CSMPlanning
import CSMRules
import CSMRun
import CSMSystem

/// Answers "why is this initiative here?" (`csm explain`) and "why did this
/// rule not fire?" (`csm why-not`).
public enum Explainer {
    /// The first check that returned false, with the value it saw, or a summary when no check failed.
    public static func firstFailedCheck(_ trace: [TraceEntry]) -> String {
        if let failed = trace.first(where: { $0.value == "false" && isCheck($0.call) }) {
            return describe(failed)
        }
        if trace.isEmpty { return "when() returned false without reading the assessment" }
        return "when() returned false after reading " + trace.map { "\($0.call) = \($0.value)" }.joined(separator: ", ")
    }

    static let checks = ["needs(", "below(", "at_least(", "fact_below(", "fact_at_least(", "fact_is(", "disagree(", "assessed(", "has_fact("]

    static func isCheck(_ call: String) -> Bool {
        checks.contains { call.hasPrefix($0) }
    }

    static func describe(_ entry: TraceEntry) -> String {
        var text = (entry.phase == "when" ? "" : "in \(entry.phase)(): ") + "\(entry.call) = \(entry.value)"
        if let note = entry.note { text += " (\(note))" }
        return text
    }

    // MARK: - explain

    public struct InitiativeExplanation: Sendable {
        public let record: RunRecord
        /// The initiative, when the assessment gets it.
        public let initiative: Initiative?
        public let id: String
        /// When the initiative is not recommended: the rules that could propose it, with their outcomes.
        public let candidates: [RuleOutcome]
    }

    public static func explain(assessmentPath: String, initiativeID: String,
                               options: RuleToolOptions) throws(CSMError) -> InitiativeExplanation {
        let model = try Session.loadModel(options.modelPath)
        let assessment = try AssessmentParser.parse(path: assessmentPath, model: model)
        let toolbox = try Toolbox.load(options)
        let known = Set(toolbox.engine.catalog.entries.compactMap { $0.rule.initiative?.id })
        guard known.contains(initiativeID) else {
            throw CSMError(.usage, Diagnostic(subject: "initiative '\(initiativeID)'",
                message: "no rule proposes this initiative\(Suggestions.hint(for: initiativeID, in: known.sorted())); 'csm rules list' shows the rules\(options.packPaths.isEmpty ? ", and a rule of your own pack needs --rules DIR" : "")"))
        }
        let record = try toolbox.session.run(assessment, explain: true, keepGoing: true)
        let initiative = record.plan.initiative(initiativeID)
        let candidates = initiative == nil
            ? record.ruleRun.outcomes.filter { $0.rule.initiative?.id == initiativeID } : []
        return InitiativeExplanation(record: record, initiative: initiative, id: initiativeID, candidates: candidates)
    }

    public static func render(_ explanation: InitiativeExplanation, style: Style) -> String {
        var lines: [String] = []
        let model = explanation.record.model
        guard let initiative = explanation.initiative else {
            lines.append(style.bold("Initiative \(explanation.id) is not recommended for this assessment."))
            if explanation.candidates.isEmpty {
                lines.append("No active rule proposes it: the rules that declare it are disabled or overridden ('csm rules list' shows them).")
            } else {
                lines.append("Rules that propose it:")
                for outcome in explanation.candidates {
                    lines.append("  rule \(outcome.rule.id) (pack \(outcome.rule.location.pack), \(outcome.rule.location))")
                    lines.append("    " + outcomeSummary(outcome))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let count = explanation.record.plan.initiatives.count
        lines.append(style.bold("\(initiative.id): \(initiative.title)"))
        lines.append("Rank \(initiative.rank) of \(count), priority \(Formatting.fixed(initiative.priority, 2)) · toward \(initiative.toward.id) · \(initiative.effort.rawValue) effort · \(initiative.impact.rawValue) impact")
        lines.append("Dimensions: " + initiative.dimensions.map { model.dimension($0)?.label ?? $0 }.joined(separator: ", "))
        if !initiative.kpis.isEmpty { lines.append("KPIs: " + initiative.kpis.joined(separator: ", ")) }
        if !initiative.requires.isEmpty { lines.append("Requires: " + initiative.requires.joined(separator: ", ")) }
        lines.append("")
        lines.append(style.bold("Proposed by"))
        for reason in initiative.reasons {
            let overridden = explanation.record.packs.count > 1
                ? explanation.record.ruleRun.outcome(ruleID: reason.ruleID).flatMap { $0.rule.overrides ? " overriding an earlier pack's rule" : nil } ?? ""
                : ""
            lines.append("  rule \(reason.ruleID) (pack \(reason.pack), \(reason.location))\(overridden)")
            lines.append("    reason: \(reason.text)")
            if !reason.trace.isEmpty {
                lines.append("    read:")
                for entry in reason.trace { lines.append("      " + describe(entry)) }
            }
        }
        lines.append("")
        lines.append(style.bold("Priority"))
        for step in priorityLines(initiative.breakdown) { lines.append("  " + step) }
        let proposing = Set(initiative.reasons.map(\.ruleID))
        for factor in initiative.breakdown.factors where !factor.trace.isEmpty && !proposing.contains(factor.ruleID) {
            lines.append("  \(factor.ruleID) read:")
            for entry in factor.trace { lines.append("    " + describe(entry)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The priority steps; the same text as `csm run --explain`.
    static func priorityLines(_ breakdown: PriorityBreakdown) -> [String] {
        PriorityArithmetic.steps(breakdown)
    }

    static func outcomeSummary(_ outcome: RuleOutcome) -> String {
        switch outcome.status {
        case .fired: return "fired: " + (outcome.reason ?? "")
        case .notFired: return "did not fire: " + firstFailedCheck(outcome.trace)
        case .skipped: return "skipped"
        case .error, .timeout: return "failed: " + (outcome.failure?.description ?? "unknown error")
        }
    }

    // MARK: - why-not

    public struct RuleExplanation: Sendable {
        public let ruleID: String
        public let entry: RuleCatalog.Entry
        public let outcome: RuleOutcome?
        /// Initiative the rule proposes, when it was recommended.
        public let initiative: Initiative?
        /// Initiatives an adjust rule changed.
        public let adjusted: [Initiative]
    }

    public static func whyNot(assessmentPath: String, ruleID: String, pack: String? = nil,
                              options: RuleToolOptions) throws(CSMError) -> RuleExplanation {
        let model = try Session.loadModel(options.modelPath)
        let assessment = try AssessmentParser.parse(path: assessmentPath, model: model)
        let toolbox = try Toolbox.load(options)
        var entries = toolbox.engine.catalog.entries.filter { $0.rule.id == ruleID }
        if let pack {
            let names = toolbox.engine.catalog.packs.map(\.name)
            guard names.contains(pack) else {
                throw CSMError(.usage, Diagnostic(subject: "--pack \(pack)", message: "no pack has this name\(Suggestions.hint(for: pack, in: names)); loaded packs: \(names.joined(separator: ", "))"))
            }
            entries = entries.filter { $0.rule.location.pack == pack }
        }
        guard let entry = entries.first(where: { $0.state == .active }) ?? entries.last else {
            let ids = toolbox.engine.catalog.entries.map(\.rule.id)
            throw CSMError(.usage, Diagnostic(subject: "rule '\(ruleID)'",
                message: "no rule has this id\(Suggestions.hint(for: ruleID, in: ids)); 'csm rules list' shows the rules\(options.packPaths.isEmpty ? ", and a rule of your own pack needs --rules DIR" : "")"))
        }
        guard entry.state == .active else {
            return RuleExplanation(ruleID: ruleID, entry: entry, outcome: nil, initiative: nil, adjusted: [])
        }
        let record = try toolbox.session.run(assessment, explain: true, keepGoing: true)
        let outcome = record.ruleRun.outcome(ruleID: ruleID)
        let initiative = entry.rule.initiative.flatMap { record.plan.initiative($0.id) }
        let adjusted = record.plan.initiatives.filter { $0.breakdown.factors.contains { $0.ruleID == ruleID } }
        return RuleExplanation(ruleID: ruleID, entry: entry, outcome: outcome, initiative: initiative, adjusted: adjusted)
    }

    public static func render(_ explanation: RuleExplanation, style: Style) -> String {
        var lines: [String] = []
        let rule = explanation.entry.rule
        let where_ = "pack \(rule.location.pack), \(rule.location)"
        switch explanation.entry.state {
        case let .overridden(by):
            lines.append("Rule \(rule.id) (\(where_)) is overridden by the rule at \(by), so it does not run.")
            return lines.joined(separator: "\n") + "\n"
        case let .disabled(pack):
            lines.append("Rule \(rule.id) (\(where_)) is disabled by pack '\(pack)', so it does not run.")
            return lines.joined(separator: "\n") + "\n"
        case .active:
            break
        }
        guard let outcome = explanation.outcome else {
            lines.append("Rule \(rule.id) (\(where_)) did not run.")
            return lines.joined(separator: "\n") + "\n"
        }
        switch outcome.status {
        case .fired:
            lines.append(style.bold("Rule \(rule.id) fired") + " (\(where_)).")
            if let reason = outcome.reason ?? rule.staticReason { lines.append("Reason: \(reason)") }
            if let initiative = explanation.initiative {
                lines.append("It proposes \(initiative.id), rank \(initiative.rank) with priority \(Formatting.fixed(initiative.priority, 2)).")
            }
            if rule.kind == .adjust {
                let factor = outcome.factor.map { Formatting.fixed($0, 2) } ?? "?"
                let names = explanation.adjusted.map(\.id)
                lines.append("It multiplies the priority of \(names.isEmpty ? "no recommended initiative" : names.joined(separator: ", ")) by \(factor).")
            }
        case .notFired:
            lines.append(style.bold("Rule \(rule.id) did not fire") + " (\(where_)).")
            lines.append("First failing condition: " + firstFailedCheck(outcome.trace))
        case .error, .timeout:
            lines.append(style.bold("Rule \(rule.id) failed") + " (\(where_)).")
            if let failure = outcome.failure { lines.append(failure.description) }
        case .skipped:
            lines.append("Rule \(rule.id) was skipped.")
        }
        if !outcome.trace.isEmpty {
            lines.append("")
            lines.append("Reads and checks, in order:")
            for entry in outcome.trace { lines.append("  " + describe(entry)) }
        }
        if !outcome.log.isEmpty {
            lines.append("")
            lines.append("Printed by the rule:")
            for line in outcome.log { lines.append("  " + line) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
