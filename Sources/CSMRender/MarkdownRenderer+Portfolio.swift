import CSMModel
import CSMPortfolio
import CSMSystem

/// The "Portfolio position" section of the Markdown report, shown when
/// `csm batch` put the client in a portfolio.
extension MarkdownRenderer {
    func portfolioSection(_ position: PortfolioPosition, model: MaturityModel) -> [String] {
        var lines = ["## \(PortfolioPositionText.heading)", ""]
        lines.append(PortfolioPositionText.lead(position.clientCount) + " " + PortfolioPositionText.explanation)
        lines.append("")
        lines.append("| Dimension | Score | Portfolio median | Position | Clients assessed |")
        lines.append("| --- | ---: | ---: | --- | ---: |")
        for entry in position.dimensions {
            let label = model.dimension(entry.dimensionID)?.label ?? entry.dimensionID
            let score = entry.score.map { Formatting.fixed($0, 2) } ?? "–"
            let median = entry.median.map { Formatting.fixed($0, 2) } ?? "–"
            let place = PortfolioPositionText.place(entry)
            lines.append("| \(Text.cell(label)) | \(score) | \(median) | \(place) | \(entry.assessedClients) |")
        }
        lines.append("")
        return lines
    }
}
