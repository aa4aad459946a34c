import CSMModel
import CSMPortfolio
import CSMSystem

/// The "Portfolio position" block of the terminal view, shown when `csm batch`
/// put the client in a portfolio.
extension TextRenderer {
    /// Returns a heading and one line per dimension, in model order:
    /// `  Codified journey            1.50  72nd percentile   median 1.25`.
    func portfolioLines(_ position: PortfolioPosition, model: MaturityModel) -> [String] {
        var lines = [style.bold(PortfolioPositionText.heading + " " + PortfolioPositionText.among(position.clientCount))]
        for entry in position.dimensions {
            let label = model.dimension(entry.dimensionID)?.label ?? entry.dimensionID
            let name = Formatting.padRight(Formatting.truncate("  " + label, Self.nameWidth), Self.nameWidth)
            let score = Formatting.padLeft(entry.score.map { Formatting.fixed($0, 2) } ?? "–", 4)
            var line = "\(name)  \(score)  \(Formatting.padRight(PortfolioPositionText.place(entry), 16))  "
            line += style.dim("median " + (entry.median.map { Formatting.fixed($0, 2) } ?? "–"))
            // The percentile counts only the clients that assessed the dimension.
            if entry.assessedClients != position.clientCount {
                line += style.dim(" · \(entry.assessedClients) of \(position.clientCount) assessed it")
            }
            lines.append(line)
        }
        return lines
    }
}
