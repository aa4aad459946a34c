import CSMModel
import CSMPortfolio
import CSMSystem

/// The "Portfolio position" section of the HTML report, shown when `csm batch`
/// put the client in a portfolio.
extension HTMLReport {
    /// Returns the section followed by a line break, or nothing without a
    /// portfolio, so the reports of `csm run` keep their bytes.
    var portfolioSection: HTML {
        guard let position = record.portfolio else { return .empty }
        let groups = record.model.competencies.map { competency -> HTML in
            let entries = position.dimensions.filter { record.model.dimension($0.dimensionID)?.competencyID == competency.id }
            guard !entries.isEmpty else { return .empty }
            return """
            <tbody><tr><th scope="rowgroup" colspan="6">\(competency.name)</th></tr>\(entries.map(positionRow))</tbody>
            """
        }
        return """
        <section id="portfolio" class="major" aria-labelledby="portfolio-heading">
        <h2 id="portfolio-heading">\(PortfolioPositionText.heading)</h2>
        <p class="section-lead">\(PortfolioPositionText.lead(position.clientCount)) \(PortfolioPositionText.explanation)</p>
        <table class="overview-table position-table">
        <thead><tr><th scope="col">Dimension</th><th scope="col" class="num">Score</th><th scope="col" class="num">Portfolio median</th><th scope="col">Position</th><th scope="col" class="num">Clients assessed</th><th scope="col"><span class="visually-hidden">Score and portfolio median, 0 to 3</span></th></tr></thead>
        \(groups)
        </table>
        </section>

        """
    }

    private func positionRow(_ entry: PortfolioPosition.Entry) -> HTML {
        let place: HTML = entry.percentile == nil ? "<span class=\"muted\">\(PortfolioPositionText.place(entry))</span>" : "\(PortfolioPositionText.place(entry))"
        return """
        <tr><th scope="row">\(dimensionLabel(entry.dimensionID))</th><td class="num">\(number(entry.score))</td><td class="num">\(number(entry.median))</td><td class="nowrap">\(place)</td><td class="num">\(entry.assessedClients)</td><td class="bar-cell">\(positionBar(score: entry.score, median: entry.median))</td></tr>
        """
    }

    /// Draws the 0 to 3 scale with a grey tick at the portfolio median and a dot
    /// in the level's colour at the client's score. It is decorative, because
    /// the row gives the numbers.
    private func positionBar(score: Double?, median: Double?) -> HTML {
        let (width, inset) = (180.0, 6.0)
        func x(_ value: Double) -> Double { inset + (width - 2 * inset) * min(max(value, 0), 3) / 3 }
        var shapes: HTML = "<rect x=\"\(px: inset)\" y=\"6\" width=\"\(px: width - 2 * inset)\" height=\"4\" rx=\"1\" fill=\"#e8ebf0\"/>"
        for threshold in [1.0, 2.0] {
            shapes.append("<line x1=\"\(px: x(threshold))\" y1=\"4\" x2=\"\(px: x(threshold))\" y2=\"12\" stroke=\"#fff\" stroke-width=\"1.5\"/>")
        }
        if let median {
            shapes.append("<rect x=\"\(px: x(median) - 1)\" y=\"1\" width=\"2\" height=\"14\" fill=\"#566175\"/>")
        }
        if let score {
            shapes.append("<circle cx=\"\(px: x(score))\" cy=\"8\" r=\"5\" fill=\"\(LevelPalette.strong(Level(score: score)))\" stroke=\"#fff\" stroke-width=\"1.5\"/>")
        }
        return "<svg class=\"mini-bar\" width=\"\(px: width)\" height=\"16\" viewBox=\"0 0 \(px: width) 16\" aria-hidden=\"true\">\(shapes)</svg>"
    }
}
