import CSMModel
import CSMSystem

/// The KPIs the scheduled initiatives should move, grouped by category, with
/// the initiatives behind each one and the baseline from the assessment's facts.
public struct Scorecard: Sendable {
    public struct Entry: Sendable {
        public let kpi: KPIDefinition
        /// The baseline value, when the facts give it.
        public let baseline: Double?
        /// The baseline for people: "88 %", "$2.1M", "41 days".
        public let baselineText: String?
        /// Initiatives that should move the KPI, by rank.
        public let initiativeIDs: [String]
    }

    public struct Group: Sendable {
        /// nil for KPIs without a category.
        public let category: KPICategory?
        public let entries: [Entry]
    }

    public let groups: [Group]

    public var entries: [Entry] { groups.flatMap(\.entries) }
}

public enum ScorecardBuilder {
    /// Builds the scorecard from the initiatives scheduled in the roadmap (the backlog is left out).
    public static func build(plan: Plan, roadmap: Roadmap, model: MaturityModel, facts: [(id: String, value: FactValue)]) -> Scorecard {
        let scheduled = Set(roadmap.phases.flatMap(\.initiativeIDs))
        var initiativesByKPI: [String: [String]] = [:]
        for initiative in plan.initiatives where scheduled.contains(initiative.id) {
            for code in initiative.kpis { initiativesByKPI[code, default: []].append(initiative.id) }
        }
        func fact(_ id: String) -> Double? {
            facts.first { $0.id == id }?.value.number
        }
        func entry(_ kpi: KPIDefinition) -> Scorecard.Entry? {
            guard let initiatives = initiativesByKPI[kpi.code] else { return nil }
            var baseline: Double?
            switch kpi.baseline {
            case let .fact(id)?: baseline = fact(id)
            case let .ratio(numerator, denominator)?:
                if let top = fact(numerator), let bottom = fact(denominator), bottom != 0 { baseline = top / bottom }
            case nil: baseline = nil
            }
            return Scorecard.Entry(kpi: kpi, baseline: baseline, baselineText: baseline.map { format($0, unit: kpi.unit) },
                                   initiativeIDs: initiatives)
        }
        var groups: [Scorecard.Group] = []
        for category in model.kpiCategories {
            let entries = model.kpis.filter { $0.category == category.id }.compactMap(entry)
            if !entries.isEmpty { groups.append(Scorecard.Group(category: category, entries: entries)) }
        }
        let uncategorized = model.kpis.filter { $0.category == nil }.compactMap(entry)
        if !uncategorized.isEmpty { groups.append(Scorecard.Group(category: nil, entries: uncategorized)) }
        return Scorecard(groups: groups)
    }

    /// Formats a KPI or fact value for its unit.
    public static func format(_ value: Double, unit: String?) -> String {
        switch unit {
        case "ratio": return Formatting.percent(value)
        case "USD": return Formatting.money(value)
        case "days": return Formatting.compact(Formatting.round(value, 1)) + " days"
        case "count": return Formatting.grouped(value)
        default: return Formatting.compact(Formatting.round(value, 2))
        }
    }
}
