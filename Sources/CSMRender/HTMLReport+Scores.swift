import CSMEvaluator
import CSMModel
import CSMSystem

/// Sections about scores: the radar chart, the gap bars and one table per competency.
extension HTMLReport {
    var profileSection: HTML {
        """
        <section id="profile" class="major" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Maturity profile</h2>
        <p class="section-lead">Each axis is one dimension on the 0 to 3 scale, grouped by competency. The shaded shape is the current score; the dashed line is the target. The space between them is the work ahead.</p>
        <figure class="radar-figure">
        \(RadarChart(evaluation: evaluation).svg)
        <figcaption>\(levelKey)Rings mark the level thresholds: 1 adopting, 2 performing, 3 optimizing; below 1 is reactive.</figcaption>
        </figure>
        \(radarDataTable)
        </section>
        """
    }

    /// The key to the colours of the score dots.
    private var levelKey: HTML {
        let items = Level.allCases.map { level -> HTML in
            let range: HTML = level == .optimizing ? "3" : "\(level.threshold, decimals: 0) to below \(level.threshold + 1, decimals: 0)"
            return """
            <li><svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill="\(LevelPalette.strong(level))"/></svg>\(level.id) <span class="subtext">\(range)</span></li>
            """
        }
        return "<ul class=\"level-key\" aria-label=\"Score dots are coloured by level\">\(items)</ul>"
    }

    /// The chart's numbers as a table, for screen readers and for copying.
    private var radarDataTable: HTML {
        let rows = evaluation.dimensions.map { dimension -> HTML in
            let competency = record.model.competency(dimension.competencyID)?.name ?? dimension.competencyID
            return """
            <tr><th scope="row">\(dimension.label)</th><td>\(competency)</td><td class="num">\(number(dimension.score))</td><td class="num">\(dimension.target, decimals: 2)</td><td class="num">\(number(dimension.gap))</td></tr>
            """
        }
        return """
        <details class="chart-data"><summary>Chart data as a table</summary>
        <table><caption>Scores and targets shown in the radar chart</caption>
        <thead><tr><th scope="col">Dimension</th><th scope="col">Competency</th><th scope="col" class="num">Score</th><th scope="col" class="num">Target</th><th scope="col" class="num">Gap</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        </details>
        """
    }

    // MARK: - Gap bars

    var gapSection: HTML {
        let panels = evaluation.competencies.map { competency -> HTML in
            let members = evaluation.dimensions.filter { $0.competencyID == competency.id }
            let chart = GapBarChart(competency: competency, dimensions: members)
            return """
            <div class="gap-panel"><h3>\(competency.name)</h3><div class="summary">\(aggregateLine(competency.aggregate))</div>
            \(chart.svg)</div>
            """
        }
        return """
        <section id="gaps" class="major" aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">Gaps by competency</h2>
        \(gapLegend)
        \(panels)
        </section>
        """
    }

    /// "Competency score 1.30 adopting · target 2.00 · gap 0.70 · 3 of 3 dimensions assessed".
    func aggregateLine(_ aggregate: Aggregate) -> HTML {
        guard let score = aggregate.score else {
            return "Not assessed: none of its \(aggregate.dimensionCount) dimensions has a score."
        }
        let gap: HTML = aggregate.gap.map { $0 > 0 ? " · gap \($0, decimals: 2)" : " · at target" } ?? ""
        return """
        Competency score <strong>\(score, decimals: 2)</strong> \(levelBadge(aggregate.level)) · target \(number(aggregate.target))\(gap) · \(aggregate.assessedCount) of \(aggregate.dimensionCount) dimensions assessed
        """
    }

    private var gapLegend: HTML {
        let target = LevelPalette.target
        return """
        <ul class="legend" aria-label="Legend">
        <li><svg width="34" height="14" viewBox="0 0 34 14" aria-hidden="true"><rect x="0" y="1" width="34" height="12" fill="\(LevelPalette.strong(.adopting))"/></svg>Score, coloured by level</li>
        <li><svg width="34" height="14" viewBox="0 0 34 14" aria-hidden="true"><rect x="1" y="1.5" width="32" height="11" fill="#fff" stroke="\(target)" stroke-width="1.5" stroke-dasharray="4 3"/></svg>Gap to target</li>
        <li><svg width="14" height="18" viewBox="0 0 14 18" aria-hidden="true"><path d="M2 1 L12 1 L7 6 Z" fill="\(target)"/><line x1="7" y1="4" x2="7" y2="18" stroke="\(target)" stroke-width="3"/></svg>Target</li>
        <li><svg width="40" height="14" viewBox="0 0 40 14" aria-hidden="true"><line x1="3" y1="7" x2="37" y2="7" stroke="#1c2434" stroke-width="1.5"/><line x1="3" y1="2" x2="3" y2="12" stroke="#1c2434" stroke-width="1.5"/><line x1="37" y1="2" x2="37" y2="12" stroke="#1c2434" stroke-width="1.5"/><circle cx="14" cy="7" r="3" fill="#fff" stroke="#1c2434" stroke-width="1.2"/></svg>Respondents' range (one dot each)</li>
        </ul>
        """
    }

    // MARK: - Tables per competency

    var dimensionSections: HTML {
        """
        <section id="dimensions" class="major" aria-labelledby="dimensions-heading">
        <h2 id="dimensions-heading">Dimensions in detail</h2>
        <p class="section-lead">Scores, levels and gaps per dimension, with the evidence recorded in the assessment. Where several people scored a dimension, the respondents column gives their number and range.</p>
        \(evaluation.competencies.map(competencySection))
        </section>
        """
    }

    private func competencySection(_ competency: CompetencyResult) -> HTML {
        let members = evaluation.dimensions.filter { $0.competencyID == competency.id }
        let sectionID = "competency-\(competency.id)"
        let description = record.model.competency(competency.id)?.description ?? ""
        return """
        <section id="\(sectionID)" class="competency" aria-labelledby="\(sectionID)-heading">
        <h3 id="\(sectionID)-heading">\(competency.name)</h3>
        <p class="muted small">\(description)</p>
        <p class="small">\(aggregateLine(competency.aggregate))</p>
        <table class="dimension-table\(record.assessment.respondents.isEmpty ? " no-respondents" : "")">
        <colgroup><col class="col-dimension"><col class="col-score"><col class="col-level"><col class="col-target"><col class="col-gap"><col class="col-respondents"><col class="col-evidence"></colgroup>
        <thead><tr><th scope="col">Dimension</th><th scope="col" class="num">Score</th><th scope="col">Level</th><th scope="col" class="num">Target</th><th scope="col" class="num">Gap</th><th scope="col">Respondents</th><th scope="col">Evidence</th></tr></thead>
        <tbody>\(members.map(dimensionRow))</tbody>
        </table>
        </section>
        """
    }

    private func dimensionRow(_ dimension: DimensionResult) -> HTML {
        let source: HTML = dimension.scoreSource == .respondents ? "<div class=\"muted small\">respondents' mean</div>" : .empty
        let targetSource: HTML = dimension.targetSource == .dimension ? "<div class=\"muted small\">own target</div>" : .empty
        return """
        <tr class="\(dimension.isAssessed ? "assessed" : "not-assessed")"><th scope="row">\(dimension.label)<div class="subtext">\(dimension.name)</div></th><td class="num">\(number(dimension.score))\(source)</td><td>\(levelBadge(dimension.level))</td><td class="num">\(dimension.target, decimals: 2)\(targetSource)</td><td class="num">\(gapCell(dimension))</td><td>\(respondentsCell(dimension))</td><td class="evidence">\(evidenceCell(dimension))</td></tr>
        """
    }

    private func gapCell(_ dimension: DimensionResult) -> HTML {
        guard let gap = dimension.gap else { return number(nil) }
        return gap > 0 ? "\(gap, decimals: 2)" : "<span class=\"muted\">0.00</span>"
    }

    /// Formats "5 · 0.0–2.0" and each respondent's role and score, or "–" when no respondent scored the dimension.
    private func respondentsCell(_ dimension: DimensionResult) -> HTML {
        guard let spread = dimension.spread else {
            return "<span class=\"muted\">–</span>"
        }
        let flag: HTML = spread.range >= Evaluator.disagreementWidth
            ? " <span class=\"flag\" title=\"respondents disagree by a level or more\">disagree</span>"
            : .empty
        let unknown: HTML = spread.unknownCount > 0 ? "<li><span>don't know</span><span>\(spread.unknownCount)×</span></li>" : .empty
        let entries = spread.entries.map { "<li><span>\($0.role)</span><span>\($0.score, decimals: 1)</span></li>" as HTML }
        return """
        <span class="nowrap"><strong>\(spread.count)</strong> · \(spread.minimum, decimals: 1)–\(spread.maximum, decimals: 1)</span>\(flag)<ul class="respondents">\(entries)\(unknown)</ul>
        """
    }

    private func evidenceCell(_ dimension: DimensionResult) -> HTML {
        var parts: [HTML] = []
        if !dimension.isAssessed {
            let reason = dimension.reason.map { ": " + $0 } ?? ""
            parts.append("<p><em>Not assessed\(reason)</em></p>")
        }
        if let evidence = dimension.evidence { parts.append("<p>\(HTML.linked(evidence))</p>") }
        if let notes = dimension.notes { parts.append("<p class=\"muted\">Notes: \(HTML.linked(notes))</p>") }
        return parts.isEmpty ? "<span class=\"muted\">–</span>" : parts.joined()
    }
}
