import CSMDiff
import CSMJSON
import CSMSystem

/// Renders a `RunDiff` as text (coloured like git diff on a terminal), JSON
/// ("csm.diff/v1") or a client-ready Markdown "progress since last assessment" page.
public struct DiffRenderer {
    public var style: Style

    public init(style: Style = Style(enabled: false)) {
        self.style = style
    }

    public static let schemaID = "csm.diff/v1"

    // MARK: - Text

    public func text(_ diff: RunDiff) -> String {
        var lines: [String] = []
        lines.append(style.bold("\(diff.new.organization): \(diff.old.assessedOn) → \(diff.new.assessedOn)"))
        lines.append("Inputs: \(diff.inputSummary)")
        lines.append("")
        lines.append(style.bold("Scores"))
        for change in [diff.overall] + diff.competencies {
            lines.append(scoreLine(change, indent: 2))
        }
        for change in diff.dimensions where change.changed {
            lines.append(scoreLine(change, indent: 4))
        }
        let unchangedDimensions = diff.dimensions.filter { !$0.changed }.count
        if unchangedDimensions > 0 {
            lines.append(style.dim("    \(unchangedDimensions) dimension\(unchangedDimensions == 1 ? "" : "s") unchanged"))
        }
        lines.append("")
        lines.append(style.bold("Initiatives: \(diff.added.count) added, \(diff.resolved.count) resolved, \(diff.changed.count) changed, \(diff.unchangedCount) unchanged"))
        for initiative in diff.added {
            lines.append(style.green("+ #\(initiative.rank) \(initiative.title)") + style.dim("  [\(initiative.id)] priority \(Formatting.fixed(initiative.priority, 2))\(initiative.phase.map { ", \($0)" } ?? "")"))
        }
        for initiative in diff.resolved {
            lines.append(style.red("- \(initiative.title)") + style.dim("  [\(initiative.id)] was #\(initiative.rank); no longer recommended"))
        }
        for change in diff.changed {
            lines.append(style.yellow("~ #\(change.new.rank) \(change.new.title)") + style.dim("  [\(change.id)]"))
            for detail in details(change) { lines.append("    " + detail) }
        }
        if !diff.hasDifferences {
            lines.append("")
            lines.append("No differences.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func scoreLine(_ change: RunDiff.ScoreChange, indent: Int) -> String {
        let name = Formatting.padRight(Formatting.truncate(String(repeating: " ", count: indent) + change.name, 30), 30)
        let old = change.old?.score.map { Formatting.fixed($0, 2) } ?? "–"
        let new = change.new?.score.map { Formatting.fixed($0, 2) } ?? "–"
        var text = "\(name) \(Formatting.padLeft(old, 4)) → \(Formatting.padLeft(new, 4))"
        if let delta = change.delta, delta != 0 {
            let signed = (delta > 0 ? "+" : "") + Formatting.fixed(delta, 2)
            text += "  " + (delta > 0 ? style.green(signed) : style.red(signed))
        } else if change.old?.score == nil && change.new?.score != nil {
            text += "  " + style.green("newly assessed")
        } else if change.old?.score != nil && change.new?.score == nil {
            text += "  " + style.red("no longer assessed")
        }
        switch change.levelCrossing {
        case 1: text += "  " + style.green("\(change.old?.level ?? "") → \(change.new?.level ?? "") ▲")
        case -1: text += "  " + style.red("\(change.old?.level ?? "") → \(change.new?.level ?? "") ▼")
        default: break
        }
        if let progress = change.progressTowardTarget, progress != 0 {
            text += style.dim(progress > 0 ? "  \(Formatting.percent(progress)) of the gap closed" : "  gap grew by \(Formatting.percent(-progress))")
        }
        return text
    }

    private func details(_ change: RunDiff.InitiativeChange) -> [String] {
        var lines: [String] = []
        if change.priorityChanged {
            lines.append("priority \(Formatting.fixed(change.old.priority, 2)) → \(Formatting.fixed(change.new.priority, 2))")
        }
        if change.rankChanged { lines.append("rank \(change.old.rank) → \(change.new.rank)") }
        if change.phaseChanged { lines.append("phase \(change.old.phase ?? "backlog") → \(change.new.phase ?? "backlog")") }
        if change.textChanged {
            if change.old.title != change.new.title { lines.append("title was: \(change.old.title)") }
            lines.append("text changed")
        }
        if change.reasonsChanged {
            let oldRules = Set(change.old.reasons.map(\.rule))
            let newRules = Set(change.new.reasons.map(\.rule))
            let gained = newRules.subtracting(oldRules).sorted()
            let lost = oldRules.subtracting(newRules).sorted()
            var text = "reasons changed"
            if !gained.isEmpty { text += "; now also proposed by " + gained.joined(separator: ", ") }
            if !lost.isEmpty { text += "; no longer proposed by " + lost.joined(separator: ", ") }
            lines.append(text)
        }
        return lines
    }

    // MARK: - JSON

    public func json(_ diff: RunDiff) -> JSON {
        .object([
            ("schema", .string(DiffRenderer.schemaID)),
            ("old", side(diff.old)),
            ("new", side(diff.new)),
            ("inputs", .object([
                ("summary", .string(diff.inputSummary)),
                ("changes", .array(diff.inputs.map { .object([("subject", .string($0.subject.rawValue)), ("description", .string($0.description))]) })),
            ])),
            ("differences", .bool(diff.hasDifferences)),
            ("kinds", .array(RunDiff.Kind.allCases.filter { diff.kinds.contains($0) }.map { .string($0.rawValue) })),
            ("scores", .object([
                ("overall", scoreJSON(diff.overall)),
                ("competencies", .array(diff.competencies.map(scoreJSON))),
                ("dimensions", .array(diff.dimensions.map(scoreJSON))),
            ])),
            ("initiatives", .object([
                ("added", .array(diff.added.map(initiativeJSON))),
                ("resolved", .array(diff.resolved.map(initiativeJSON))),
                ("changed", .array(diff.changed.map(changeJSON))),
                ("unchanged", .int(Int64(diff.unchangedCount))),
            ])),
        ])
    }

    private func side(_ snapshot: RunSnapshot) -> JSON {
        .object([
            ("label", .string(snapshot.label)),
            ("organization", .string(snapshot.organization)),
            ("assessed_on", .string(snapshot.assessedOn)),
            ("assessment_sha256", .string(snapshot.provenance.assessmentHash)),
            ("engine", .string(snapshot.provenance.engineVersion)),
            ("model", .object([("id", .string(snapshot.provenance.modelID)), ("version", .string(snapshot.provenance.modelVersion)),
                               ("sha256", .string(snapshot.provenance.modelHash))])),
            ("rule_packs", .array(snapshot.provenance.packs.map {
                .object([("name", .string($0.name)), ("version", .string($0.version)), ("sha256", .string($0.hash))])
            })),
        ])
    }

    private func scoreJSON(_ change: RunDiff.ScoreChange) -> JSON {
        func number(_ value: Double?) -> JSON { value.map { .double(Formatting.round($0, 4)) } ?? .null }
        let crossing: JSON = change.levelCrossing > 0 ? .string("up") : change.levelCrossing < 0 ? .string("down") : .null
        return .object([
            ("id", .string(change.id)),
            ("name", .string(change.name)),
            ("old_score", number(change.old?.score)),
            ("new_score", number(change.new?.score)),
            ("delta", number(change.delta)),
            ("old_level", change.old?.level.map(JSON.string) ?? .null),
            ("new_level", change.new?.level.map(JSON.string) ?? .null),
            ("level_change", crossing),
            ("old_gap", number(change.old?.gap)),
            ("new_gap", number(change.new?.gap)),
            ("progress_toward_target", number(change.progressTowardTarget)),
        ])
    }

    private func initiativeJSON(_ initiative: RunSnapshot.Initiative) -> JSON {
        .object([
            ("id", .string(initiative.id)),
            ("title", .string(initiative.title)),
            ("rank", .int(Int64(initiative.rank))),
            ("priority", .double(initiative.priority)),
            ("phase", initiative.phase.map(JSON.string) ?? .null),
        ])
    }

    private func changeJSON(_ change: RunDiff.InitiativeChange) -> JSON {
        var fields: [(String, JSON)] = [
            ("id", .string(change.id)),
            ("title", .string(change.new.title)),
            ("kinds", .array(change.kinds.map { .string($0.rawValue) })),
            ("old_rank", .int(Int64(change.old.rank))),
            ("new_rank", .int(Int64(change.new.rank))),
            ("old_priority", .double(change.old.priority)),
            ("new_priority", .double(change.new.priority)),
            ("old_phase", change.old.phase.map(JSON.string) ?? .null),
            ("new_phase", change.new.phase.map(JSON.string) ?? .null),
        ]
        if change.textChanged { fields.append(("old_title", .string(change.old.title))) }
        if change.reasonsChanged {
            fields.append(("old_rules", .array(change.old.reasons.map { .string($0.rule) })))
            fields.append(("new_rules", .array(change.new.reasons.map { .string($0.rule) })))
        }
        return .object(fields)
    }

    // MARK: - Markdown

    public func markdown(_ diff: RunDiff) -> String {
        typealias Text = MarkdownText
        var lines = ["# Progress since the last assessment: \(Text.heading(diff.new.organization))", ""]
        lines.append("Assessed on \(Text.inline(diff.old.assessedOn)) and \(Text.inline(diff.new.assessedOn)). \(Text.inline(diff.inputSummary.prefix(1).uppercased() + diff.inputSummary.dropFirst())).")
        lines.append("")
        if let old = diff.overall.old?.score, let new = diff.overall.new?.score {
            var sentence = "Overall maturity moved from \(Formatting.fixed(old, 2)) (\(diff.overall.old?.level ?? "–")) to \(Formatting.fixed(new, 2)) (\(diff.overall.new?.level ?? "–"))"
            if let progress = diff.overall.progressTowardTarget, progress != 0 {
                sentence += progress > 0 ? ", closing \(Formatting.percent(progress)) of the gap to target" : ", and the gap to target grew by \(Formatting.percent(-progress))"
            }
            lines.append(sentence + ".")
            lines.append("")
        }
        lines.append("## Scores")
        lines.append("")
        lines.append("| | Before | Now | Change | Level |")
        lines.append("| --- | ---: | ---: | ---: | --- |")
        for change in [diff.overall] + diff.competencies + diff.dimensions {
            let before = change.old?.score.map { Formatting.fixed($0, 2) } ?? "–"
            let now = change.new?.score.map { Formatting.fixed($0, 2) } ?? "–"
            let delta = change.delta.map { ($0 > 0 ? "+" : "") + Formatting.fixed($0, 2) } ?? "–"
            var level = change.new?.level ?? "–"
            if change.levelCrossing != 0 { level = "\(change.old?.level ?? "–") → \(change.new?.level ?? "–") \(change.levelCrossing > 0 ? "▲" : "▼")" }
            let name = diff.dimensions.contains { $0.id == change.id } ? "– " + Text.cell(change.name) : "**\(Text.cell(change.name))**"
            lines.append("| \(name) | \(before) | \(now) | \(delta) | \(level) |")
        }
        lines.append("")
        lines.append("## Initiatives")
        lines.append("")
        lines.append("\(diff.added.count) new, \(diff.resolved.count) completed or no longer needed, \(diff.changed.count) changed, \(diff.unchangedCount) unchanged.")
        lines.append("")
        if !diff.resolved.isEmpty {
            lines.append("### No longer recommended")
            lines.append("")
            for initiative in diff.resolved { lines.append("- \(Text.paragraph(initiative.title)) (was #\(initiative.rank))") }
            lines.append("")
        }
        if !diff.added.isEmpty {
            lines.append("### New")
            lines.append("")
            for initiative in diff.added {
                lines.append("- \(Text.paragraph(initiative.title)) (#\(initiative.rank)\(initiative.phase.map { ", \(Text.inline($0))" } ?? ""))")
            }
            lines.append("")
        }
        if !diff.changed.isEmpty {
            lines.append("### Changed")
            lines.append("")
            lines.append("| Initiative | Rank | Priority | Phase | What changed |")
            lines.append("| --- | --- | --- | --- | --- |")
            for change in diff.changed {
                let rank = change.rankChanged ? "\(change.old.rank) → \(change.new.rank)" : "\(change.new.rank)"
                let priority = change.priorityChanged ? "\(Formatting.fixed(change.old.priority, 2)) → \(Formatting.fixed(change.new.priority, 2))" : Formatting.fixed(change.new.priority, 2)
                let phase = change.phaseChanged ? "\(Text.cell(change.old.phase ?? "backlog")) → \(Text.cell(change.new.phase ?? "backlog"))" : Text.cell(change.new.phase ?? "backlog")
                lines.append("| \(Text.cell(change.new.title)) | \(rank) | \(priority) | \(phase) | \(change.kinds.map(\.rawValue).joined(separator: ", ")) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
