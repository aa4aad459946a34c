import CSMDiff
import CSMEvaluator
import CSMModel
import CSMPlanning
import CSMRules
import CSMRun
import CSMSystem

/// The compact terminal view: score bars per competency and dimension, then
/// the top initiatives with a one-line reason each.
public struct TextRenderer {
    public var style: Style
    /// How many initiatives to show; nil shows all.
    public var top: Int?
    /// Show the priority arithmetic and the rules' reads (`--explain`).
    public var explain: Bool
    /// The comparison with an earlier run (`--previous`), shown as trends.
    public var comparison: RunDiff?

    public init(style: Style = Style(enabled: false), top: Int? = 10, explain: Bool = false, comparison: RunDiff? = nil) {
        self.style = style
        self.top = top
        self.explain = explain
        self.comparison = comparison
    }

    static let nameWidth = 28
    static let barCells = 18

    public func render(_ record: RunRecord) -> String {
        var lines: [String] = []
        let evaluation = record.evaluation
        let organization = record.assessment.organization
        var heading = organization.name
        if let segment = organization.segment { heading += " (\(segment.rawValue))" }
        heading += " · assessed \(record.assessment.assessedOn)"
        lines.append(style.bold(heading))
        if let comparison {
            lines.append(style.dim("Compared with \(comparison.old.label) (assessed \(comparison.old.assessedOn)): \(comparison.added.count) new, \(comparison.resolved.count) resolved initiatives; \(comparison.inputSummary)"))
        }
        lines.append(scoreLine(label: "Overall", aggregate: evaluation.overall, indent: 0, bold: true) + trend(comparison?.overall))
        lines.append("")

        for competency in evaluation.competencies {
            lines.append(scoreLine(label: competency.name, aggregate: competency.aggregate, indent: 0, bold: true)
                         + trend(comparison?.competencies.first { $0.id == competency.id }))
            for dimension in evaluation.dimensions where dimension.competencyID == competency.id {
                lines.append(dimensionLine(dimension) + trend(comparison?.dimensions.first { $0.id == dimension.id }))
            }
        }
        lines.append("")
        if let portfolio = record.portfolio {
            lines += portfolioLines(portfolio, model: record.model)
            lines.append("")
        }
        lines += initiativeLines(record)
        let warnings = record.warningMessages
        if !warnings.isEmpty {
            lines.append("")
            lines.append(style.bold("Warnings (\(warnings.count))"))
            for warning in warnings {
                let wrapped = Formatting.wrap(warning.message, width: 74)
                for (offset, line) in wrapped.enumerated() {
                    lines.append((offset == 0 ? "  " + style.yellow("!") + " " : "    ") + line)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Scores

    private func scoreLine(label: String, aggregate: Aggregate, indent: Int, bold: Bool) -> String {
        let name = Formatting.padRight(Formatting.truncate(String(repeating: " ", count: indent) + label, Self.nameWidth), Self.nameWidth)
        guard let score = aggregate.score, let level = aggregate.level, let target = aggregate.target, let gap = aggregate.gap else {
            return (bold ? style.bold(name) : name) + "  " + style.dim("not assessed")
        }
        return (bold ? style.bold(name) : name) + "  " + scoreColumns(score: score, level: level, target: target, gap: gap)
    }

    private func dimensionLine(_ dimension: DimensionResult) -> String {
        let name = Formatting.padRight(Formatting.truncate("  " + dimension.label, Self.nameWidth), Self.nameWidth)
        guard let score = dimension.score, let level = dimension.level, let gap = dimension.gap else {
            return name + "  " + style.dim("  –   not assessed")
        }
        var line = name + "  " + scoreColumns(score: score, level: level, target: dimension.target, gap: gap)
        if let spread = dimension.spread, spread.range >= Evaluator.disagreementWidth {
            line += style.yellow(" ±")
        }
        return line
    }

    private func scoreColumns(score: Double, level: Level, target: Double, gap: Double) -> String {
        let scoreText = Formatting.padLeft(Formatting.fixed(score, 2), 4)
        let levelText = Formatting.padRight(level.id, 10)
        let bar = self.bar(score: score, target: target)
        let colored = gap <= 0 ? style.green(bar) : gap < 1 ? style.yellow(bar) : style.red(bar)
        let gapText = gap > 0 ? "gap " + Formatting.fixed(gap, 2) : "at target"
        return "\(scoreText) \(levelText) \(colored) \(style.dim(gapText))"
    }

    /// Filled cells show the score; shaded cells show what is missing to reach the target.
    func bar(score: Double, target: Double) -> String {
        let cellsPerPoint = Double(Self.barCells) / 3
        let filled = score * cellsPerPoint
        let full = Int(filled)
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let eighths = Int(((filled - Double(full)) * 8).rounded(.down))
        let targetCells = Int((target * cellsPerPoint).rounded())
        var text = String(repeating: "█", count: min(full, Self.barCells))
        var used = min(full, Self.barCells)
        if used < Self.barCells && eighths > 0 {
            text += partials[eighths]
            used += 1
        }
        while used < Self.barCells {
            text += used < targetCells ? "░" : "·"
            used += 1
        }
        return text
    }

    /// " ▲0.50" or " ▼0.25" against the earlier run, with a level crossing when there is one.
    func trend(_ change: RunDiff.ScoreChange?) -> String {
        guard let change, let delta = change.delta, delta != 0 else { return "" }
        var text = (delta > 0 ? " ▲" : " ▼") + Formatting.fixed(abs(delta), 2)
        if change.levelCrossing != 0 { text += " (was \(change.old?.level ?? "–"))" }
        return delta > 0 ? style.green(text) : style.red(text)
    }

    /// "new", "↑3" or "↓2" against the earlier run.
    func movement(_ initiative: Initiative) -> String {
        guard let comparison else { return "" }
        guard let old = comparison.old.initiative(initiative.id) else { return " " + style.green("new") }
        if old.rank > initiative.rank { return " " + style.green("↑\(old.rank - initiative.rank)") }
        if old.rank < initiative.rank { return " " + style.red("↓\(initiative.rank - old.rank)") }
        return ""
    }

    // MARK: - Initiatives

    private func initiativeLines(_ record: RunRecord) -> [String] {
        let initiatives = record.plan.initiatives
        var lines: [String] = []
        let shown = top.map { min($0, initiatives.count) } ?? initiatives.count
        var title = "Initiatives (\(initiatives.count))"
        if shown < initiatives.count { title += ", top \(shown)" }
        lines.append(style.bold(Formatting.padRight(title, 70)) + style.dim("priority"))
        if initiatives.isEmpty {
            lines.append("  No rule proposed an initiative: every assessed dimension is at its target.")
        }
        for initiative in initiatives.prefix(shown) {
            let rank = Formatting.padLeft(String(initiative.rank), 3)
            let heading = Formatting.padRight(Formatting.truncate(initiative.title, 62), 62)
            lines.append("\(rank)  \(style.bold(heading))  \(Formatting.padLeft(Formatting.fixed(initiative.priority, 2), 7))\(movement(initiative))")
            let dimensionNames = initiative.dimensions.compactMap { record.model.dimension($0)?.label }
            let phase = record.roadmap.phase(of: initiative.id) ?? "backlog"
            lines.append("     " + style.dim("\(dimensionNames.joined(separator: ", ")) · toward \(initiative.toward.id) · \(initiative.effort.rawValue) effort · \(initiative.impact.rawValue) impact · \(phase)"))
            if let reason = initiative.reasons.first {
                for line in Formatting.wrap(reason.text, width: 72) { lines.append("     " + line) }
            }
            if explain { lines += explanation(initiative) }
        }
        if shown < initiatives.count {
            lines.append(style.dim("  … \(initiatives.count - shown) more; use --top 0 to list all, or --format json"))
        }
        if let comparison, !comparison.resolved.isEmpty {
            lines.append(style.dim("  No longer recommended since \(comparison.old.assessedOn): ") + comparison.resolved.map(\.title).joined(separator: "; "))
        }
        let phases = record.roadmap.phases.map { "\($0.definition.name) \($0.initiativeIDs.count)" }.joined(separator: ", ")
        lines.append(style.dim("  Roadmap: \(phases), backlog \(record.roadmap.backlog.count)"))
        return lines
    }

    private func explanation(_ initiative: Initiative) -> [String] {
        var lines: [String] = []
        for reason in initiative.reasons {
            lines.append("     " + style.cyan("rule \(reason.ruleID)") + style.dim(" (pack \(reason.pack), \(reason.location))"))
            for entry in reason.trace {
                lines.append("       " + traceText(entry))
            }
        }
        for step in PriorityArithmetic.steps(initiative.breakdown) {
            lines.append("     " + style.dim(step))
        }
        return lines
    }

    func traceText(_ entry: TraceEntry) -> String {
        var text = (entry.phase == "when" ? "" : "in \(entry.phase)(): ") + "\(entry.call) = \(entry.value)"
        if let note = entry.note { text += "  (\(note))" }
        return text
    }
}
