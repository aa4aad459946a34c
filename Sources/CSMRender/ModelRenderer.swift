import CSMModel
import CSMSystem

/// Prints the maturity model: competencies, dimensions and level descriptors,
/// facts and KPIs (`csm model`).
public struct ModelRenderer {
    public init() {}

    public func text(_ model: MaturityModel) -> String {
        var lines: [String] = ["\(model.name) \(model.version) (\(model.id))", ""]
        lines += Formatting.wrap(model.source, width: 78)
        lines += Formatting.wrap(model.descriptorsNote, width: 78)
        lines.append("")
        lines.append("Levels:")
        for definition in model.levels {
            let threshold = definition.level == .reactive ? "below 1" : "from \(Formatting.compact(definition.level.threshold))"
            lines.append("  \(Formatting.padRight(definition.level.id, 11)) \(threshold)")
            for line in Formatting.wrap(definition.summary, width: 70) { lines.append("              " + line) }
        }
        for competency in model.competencies {
            lines.append("")
            lines.append("\(competency.name) (\(competency.id)), weight \(Formatting.compact(competency.weight))")
            for line in Formatting.wrap(competency.description, width: 76) { lines.append("  " + line) }
            for id in competency.dimensionIDs {
                guard let dimension = model.dimension(id) else { continue }
                lines.append("")
                lines.append("  \(dimension.name) (\(dimension.id)), weight \(Formatting.compact(dimension.weight))")
                for line in Formatting.wrap(dimension.description, width: 74) { lines.append("    " + line) }
                for level in Level.allCases {
                    guard let descriptor = dimension.descriptors[level] else { continue }
                    let wrapped = Formatting.wrap(descriptor.descriptor, width: 60)
                    for (offset, line) in wrapped.enumerated() {
                        lines.append("    " + (offset == 0 ? Formatting.padRight(level.id + ":", 12) : String(repeating: " ", count: 12)) + line)
                    }
                    if !descriptor.evidence.isEmpty {
                        for (offset, line) in Formatting.wrap("Evidence: " + descriptor.evidence, width: 60).enumerated() {
                            lines.append("    " + String(repeating: " ", count: 12) + (offset == 0 ? "" : "  ") + line)
                        }
                    }
                }
            }
        }
        lines.append("")
        lines.append("Facts:")
        for fact in model.facts {
            lines.append("  \(Formatting.padRight(fact.id, 26)) \(Formatting.padRight(factType(fact), 30)) \(fact.name)")
        }
        lines.append("")
        lines.append("KPIs:")
        for kpi in model.kpis {
            lines.append("  \(Formatting.padRight(kpi.code, 16)) \(kpi.name) (\(kpi.better == .range ? "healthy range" : kpi.better.rawValue + " is better"))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func markdown(_ model: MaturityModel) -> String {
        typealias Text = MarkdownText
        var lines = ["# \(Text.heading(model.name)) \(Text.inline(model.version))", "",
                     Text.paragraph(model.source), "", Text.paragraph(model.descriptorsNote), "",
                     "| Level | Score | Summary |", "| --- | --- | --- |"]
        for definition in model.levels {
            let threshold = definition.level == .reactive ? "below 1" : "from \(Formatting.compact(definition.level.threshold))"
            lines.append("| \(Text.cell(definition.name)) | \(threshold) | \(Text.cell(definition.summary)) |")
        }
        lines.append("")
        for competency in model.competencies {
            lines.append("## \(Text.heading(competency.name))")
            lines.append("")
            lines.append(Text.paragraph(competency.description))
            lines.append("")
            for id in competency.dimensionIDs {
                guard let dimension = model.dimension(id) else { continue }
                lines.append("### \(Text.heading(dimension.name))")
                lines.append("")
                lines.append("`\(Text.code(dimension.id))`: \(Text.inline(dimension.description))")
                lines.append("")
                lines.append("| Level | What an assessor sees | Evidence to ask for |")
                lines.append("| --- | --- | --- |")
                for level in Level.allCases {
                    guard let descriptor = dimension.descriptors[level] else { continue }
                    lines.append("| \(level.id) | \(Text.cell(descriptor.descriptor)) | \(Text.cell(descriptor.evidence)) |")
                }
                lines.append("")
            }
        }
        lines.append("## Facts")
        lines.append("")
        lines.append("| Fact | Type | Meaning |")
        lines.append("| --- | --- | --- |")
        for fact in model.facts {
            lines.append("| `\(Text.code(fact.id))` | \(Text.cell(factType(fact))) | \(Text.cell(fact.description)) |")
        }
        lines.append("")
        lines.append("## KPIs")
        lines.append("")
        lines.append("| KPI | Name | Better | Definition |")
        lines.append("| --- | --- | --- | --- |")
        for kpi in model.kpis {
            lines.append("| `\(Text.code(kpi.code))` | \(Text.cell(kpi.name)) | \(kpi.better.rawValue) | \(Text.cell(kpi.description)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func factType(_ fact: FactDefinition) -> String {
        switch fact.kind {
        case let .number(minimum, maximum): return "number\(fact.unit.map { " (\($0))" } ?? ""), \(range(minimum, maximum))"
        case let .integer(minimum, maximum): return "integer, \(range(minimum, maximum))"
        case let .ratio(minimum, maximum): return "ratio, \(range(minimum, maximum))"
        case .boolean: return "true or false"
        case let .choice(values): return "one of " + values.joined(separator: ", ")
        }
    }

    private func range(_ minimum: Double, _ maximum: Double) -> String {
        func text(_ value: Double) -> String {
            abs(value) >= 1e6 ? Formatting.grouped(value) : Formatting.compact(value)
        }
        return "\(text(minimum)) to \(text(maximum))"
    }
}
