import CSMEvaluator
import CSMModel
import CSMPlanning
import CSMRun
import CSMSystem

/// The client-ready HTML report: one self-contained file with inline CSS and
/// SVG charts, no scripts and no external resources, laid out for screen and
/// for print (A4 or US Letter).
///
/// Every text from the assessment, the model or the rules goes through
/// `HTML` interpolation, which escapes it. Only http:// and https:// URLs in
/// evidence, notes and rule texts become links.
public struct HTMLRenderer {
    public init() {}

    public func render(_ record: RunRecord) -> String {
        HTMLReport(record).document.markup
    }
}

/// One report being rendered: the run record plus lookups the sections share.
struct HTMLReport {
    let record: RunRecord
    private let initiativesByID: [String: Initiative]

    init(_ record: RunRecord) {
        self.record = record
        initiativesByID = Dictionary(record.plan.initiatives.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var evaluation: Evaluation { record.evaluation }
    var organization: Organization { record.assessment.organization }

    func initiative(_ id: String) -> Initiative? {
        initiativesByID[id]
    }

    /// Returns the fragment id of an initiative's details. Ranks are unique, and
    /// unlike rule-given ids they need no checking to be valid in a URL fragment.
    func anchor(_ initiative: Initiative) -> String {
        "initiative-\(initiative.rank)"
    }

    func dimensionLabel(_ id: String) -> String {
        record.model.dimension(id)?.label ?? id
    }

    var document: HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="referrer" content="no-referrer">
        <meta name="generator" content="csm \(record.engineVersion)">
        <title>\(organization.name) · Customer Success maturity assessment · \(record.assessment.assessedOn.description)</title>
        <style>
        \(HTMLStyleSheet.css)</style>
        </head>
        <body>
        <main class="report">
        \(header)
        \(summarySection)
        \(profileSection)
        \(gapSection)
        \(dimensionSections)
        \(portfolioSection)\(initiativeSection)
        \(roadmapSection)
        \(scorecardSection)
        \(methodSection)
        \(warningSection)
        \(colophon)
        </main>
        </body>
        </html>

        """
    }

    // MARK: - Header

    private var header: HTML {
        let assessment = record.assessment
        var facts: [HTML] = ["<div><dt>Assessed on</dt><dd class=\"nowrap\">\(assessment.assessedOn.description)</dd></div>"]
        if let assessor = assessment.assessor { facts.append("<div><dt>Assessor</dt><dd>\(assessor)</dd></div>") }
        if let level = evaluation.overall.targetLevel, let target = evaluation.overall.target {
            facts.append("<div><dt>Target</dt><dd>\(levelBadge(level)) <span class=\"muted\">\(target, decimals: 2)</span></dd></div>")
        }
        facts.append("<div><dt>Respondents</dt><dd>\(respondentSummary)</dd></div>")
        return """
        <header class="cover" id="top">
        <p class="eyebrow">Customer Success maturity assessment</p>
        <h1>\(organization.name)</h1>
        \(organizationLine)
        <dl class="meta-grid">\(facts)</dl>
        \(provenance)
        \(tableOfContents)
        </header>
        """
    }

    private var organizationLine: HTML {
        var parts: [String] = []
        if let segment = organization.segment { parts.append(Self.segmentName(segment)) }
        if let industry = organization.industry { parts.append(industry) }
        if let region = organization.region { parts.append(region) }
        guard !parts.isEmpty else { return .empty }
        return "<p class=\"org-meta\">\(parts.joined(separator: " · "))</p>"
    }

    static func segmentName(_ segment: Organization.Segment) -> String {
        switch segment {
        case .smb: return "SMB"
        case .midMarket: return "Mid-market"
        case .enterprise: return "Enterprise"
        }
    }

    private var respondentSummary: HTML {
        let respondents = record.assessment.respondents
        guard !respondents.isEmpty else { return "none <span class=\"subtext\">(scores given directly)</span>" }
        let names = respondents.map { respondent -> HTML in
            guard let name = respondent.name else { return "\(respondent.role)" }
            return "\(respondent.role) <span class=\"muted\">(\(name))</span>"
        }
        return "\(respondents.count)<div class=\"subtext\">\(names.joined(separator: "; "))</div>"
    }

    private var provenance: HTML {
        let model = record.model
        let packs = record.packs.map { "\($0.name) \($0.manifest.version)" as HTML }.joined(separator: ", ")
        return """
        <p class="provenance"><span>Model: \(model.name) (\(model.id) \(model.version))</span><span>Rule packs: \(packs)</span><span>csm \(record.engineVersion)</span></p>
        """
    }

    private var tableOfContents: HTML {
        var entries: [(String, String)] = [
            ("summary", "Summary"), ("profile", "Maturity profile"), ("gaps", "Gaps"), ("dimensions", "Dimensions"),
            ("initiatives", "Initiatives"), ("roadmap", "Roadmap"), ("scorecard", "Scorecard"), ("method", "Method"),
        ]
        if record.portfolio != nil { entries.insert(("portfolio", PortfolioPositionText.heading), at: 4) }
        entries.append(("warnings", "Warnings (\(record.warningMessages.count))"))
        let links = entries.map { "<li><a href=\"#\($0.0)\">\($0.1)</a></li>" as HTML }
        return "<nav class=\"toc\" aria-label=\"Contents\"><ol>\(links)</ol></nav>"
    }

    // MARK: - Executive summary

    private var summarySection: HTML {
        """
        <section id="summary" class="keep-with-previous" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Executive summary</h2>
        \(overallStats)
        \(leadSentence)
        \(competencyOverview)
        <h3>Top initiatives</h3>
        \(topInitiatives)
        </section>
        """
    }

    private var overallStats: HTML {
        let overall = evaluation.overall
        let scoreValue: HTML = overall.score.map { "\($0, decimals: 2)<small> / 3</small>" } ?? "–"
        let targetValue: HTML = overall.target.map { "\($0, decimals: 2)" } ?? "–"
        let gapValue: HTML = overall.gap.map { "\($0, decimals: 2)" } ?? "–"
        let percentValue: HTML = overall.percentOfTarget.map { "\($0, decimals: 0)<small> %</small>" } ?? "–"
        let scheduled = record.roadmap.phases.reduce(0) { $0 + $1.initiativeIDs.count }
        return """
        <div class="stats">
        <div class="stat"><div class="label">Overall score</div><div class="value">\(scoreValue)</div>\(levelBadge(overall.level))</div>
        <div class="stat"><div class="label">Target</div><div class="value">\(targetValue)</div>\(levelBadge(overall.targetLevel))</div>
        <div class="stat"><div class="label">Gap to target</div><div class="value">\(gapValue)</div><span class="muted small">\(percentValue) of the target reached</span></div>
        <div class="stat"><div class="label">Initiatives</div><div class="value">\(record.plan.initiatives.count)</div><span class="muted small">\(scheduled) scheduled, \(record.roadmap.backlog.count) in the backlog</span></div>
        </div>
        """
    }

    private var leadSentence: HTML {
        let overall = evaluation.overall
        guard let score = overall.score, let level = overall.level, let target = overall.target else {
            return "<p class=\"lead\">No dimension is assessed, so the assessment has no overall score.</p>"
        }
        let assessed = overall.assessedCount == overall.dimensionCount
            ? "all \(overall.dimensionCount) dimensions"
            : "\(overall.assessedCount) of \(overall.dimensionCount) dimensions"
        let below = evaluation.dimensions.filter { ($0.gap ?? 0) > 0 }.count
        return """
        <p class="lead">\(organization.name) scores <strong>\(score, decimals: 2)</strong> overall (\(level.id)) against a target of \(target, decimals: 2), over \(assessed). \(below) dimension\(below == 1 ? " is" : "s are") below target. \(competencySentence)</p>
        """
    }

    /// The assessed competencies with the highest and with the lowest score; a tie puts
    /// several in a group. It is nil when no competency is assessed or all score the same.
    private var strongestAndWeakest: (strongest: [CompetencyResult], weakest: [CompetencyResult])? {
        let assessed = evaluation.competencies.filter { $0.score != nil }
        let scores = assessed.compactMap(\.score)
        guard let highest = scores.max(), let lowest = scores.min(), highest != lowest else { return nil }
        return (assessed.filter { $0.score == highest }, assessed.filter { $0.score == lowest })
    }

    private var competencySentence: HTML {
        guard let extremes = strongestAndWeakest else {
            let assessed = evaluation.competencies.filter { $0.score != nil }
            guard let first = assessed.first, let score = first.score else { return "No competency is assessed." }
            return assessed.count == 1
                ? "Only \(first.name) is assessed, at \(score, decimals: 2)."
                : "All assessed competencies score \(score, decimals: 2)."
        }
        return """
        \(competencyGroup(extremes.strongest, one: "The strongest competency is", several: "The strongest competencies are")); \(competencyGroup(extremes.weakest, one: "the weakest is", several: "the weakest are")).
        """
    }

    /// Formats "the weakest is <strong>Economic model</strong> at 1.03", naming every competency of a tie.
    private func competencyGroup(_ group: [CompetencyResult], one: String, several: String) -> HTML {
        let names = group.map { "<strong>\($0.name)</strong>" as HTML }
        var list = names.joined(separator: ", ")
        if names.count > 1 {
            list = "\(names.dropLast().joined(separator: ", ")) and \(names[names.count - 1])"
        }
        return "\(group.count == 1 ? one : several) \(list) at \(group[0].score ?? 0, decimals: 2)"
    }

    /// One row per competency with a small bar of the score against the target, the strongest and weakest marked.
    private var competencyOverview: HTML {
        let extremes = strongestAndWeakest
        let rows = evaluation.competencies.map { competency -> HTML in
            let aggregate = competency.aggregate
            var mark = HTML.empty
            if extremes?.strongest.contains(where: { $0.id == competency.id }) == true {
                mark = " <span class=\"mark strongest\">strongest</span>"
            }
            if extremes?.weakest.contains(where: { $0.id == competency.id }) == true {
                mark = " <span class=\"mark weakest\">weakest</span>"
            }
            return """
            <tr><th scope="row">\(competency.name)\(mark)</th><td class="num">\(number(aggregate.score))</td><td>\(levelBadge(aggregate.level))</td><td class="num">\(number(aggregate.target))</td><td class="num">\(number(aggregate.gap))</td><td class="bar-cell">\(miniBar(score: aggregate.score, target: aggregate.target))</td></tr>
            """
        }
        return """
        <table class="overview-table">
        <thead><tr><th scope="col">Competency</th><th scope="col" class="num">Score</th><th scope="col">Level</th><th scope="col" class="num">Target</th><th scope="col" class="num">Gap</th><th scope="col"><span class="visually-hidden">Score against target, 0 to 3</span></th></tr></thead>
        <tbody>\(rows)</tbody>
        </table>
        """
    }

    /// Draws a 0 to 3 bar in the score's level colour with a tick at the target. It is
    /// decorative, because the row gives the numbers.
    private func miniBar(score: Double?, target: Double?) -> HTML {
        let width = 180.0
        func x(_ value: Double) -> Double { width * min(max(value, 0), 3) / 3 }
        var shapes: HTML = "<rect x=\"0\" y=\"4\" width=\"\(px: width)\" height=\"8\" rx=\"1\" fill=\"#e8ebf0\"/>"
        for threshold in [1.0, 2.0] {
            shapes.append("<line x1=\"\(px: x(threshold))\" y1=\"2\" x2=\"\(px: x(threshold))\" y2=\"14\" stroke=\"#fff\" stroke-width=\"1.5\"/>")
        }
        if let score {
            shapes.append("<rect x=\"0\" y=\"4\" width=\"\(px: x(score))\" height=\"8\" rx=\"1\" fill=\"\(LevelPalette.strong(Level(score: score)))\"/>")
        }
        if let target {
            shapes.append("<rect x=\"\(px: min(x(target), width - 3) - 1.5)\" y=\"0\" width=\"3\" height=\"16\" fill=\"\(LevelPalette.target)\"/>")
        }
        return "<svg class=\"mini-bar\" width=\"\(px: width)\" height=\"16\" viewBox=\"0 0 \(px: width) 16\" aria-hidden=\"true\">\(shapes)</svg>"
    }

    private var topInitiatives: HTML {
        let top = record.plan.initiatives.prefix(5)
        guard !top.isEmpty else {
            return "<p class=\"empty\">No rule proposed an initiative: every assessed dimension is at its target.</p>"
        }
        let items = top.map { initiative -> HTML in
            let dimensions = initiative.dimensions.map(dimensionLabel).joined(separator: ", ")
            let phase = record.roadmap.phase(of: initiative.id) ?? "Backlog"
            return """
            <li><span class="rank">\(initiative.rank)</span><div><a class="title" href="#\(anchor(initiative))">\(initiative.title)</a><div class="muted small">\(dimensions) · toward \(initiative.toward.id) · \(phase) · \(initiative.effort.rawValue) effort, \(initiative.impact.rawValue) impact</div></div><span class="priority" title="priority">\(initiative.priority, decimals: 2)</span></li>
            """
        }
        return "<ol class=\"top-list\">\(items)</ol>"
    }

    // MARK: - Shared pieces

    /// Returns a badge with the level's name in its colour, or "not assessed" when there is no level.
    func levelBadge(_ level: Level?) -> HTML {
        HTML.levelBadge(level)
    }

    func number(_ value: Double?, decimals: Int = 2) -> HTML {
        guard let value else { return "<span class=\"muted\">–</span>" }
        return "\(value, decimals: decimals)"
    }

    private var colophon: HTML {
        let assessment = record.assessment
        return """
        <footer class="colophon">Generated by csm \(record.engineVersion) with \(record.luaVersion) from \(assessment.source) (sha256 \(String(assessment.sha256.prefix(12)))…), model \(record.model.id) \(record.model.version). The same inputs give the same report.</footer>
        """
    }
}
