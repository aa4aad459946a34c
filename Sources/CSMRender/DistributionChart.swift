import CSMModel
import CSMPortfolio
import CSMSystem

/// Charts of one dimension's scores across a portfolio. The box plot on the 0
/// to 3 scale has whiskers from min to max, a box from P25 to P75, a line at
/// the median and a diamond at the mean. The level bar shows the clients at
/// each level.
struct DistributionChart {
    let dimension: PortfolioSummary.DimensionDistribution
    /// Prefix of the ids in the charts, unique within the page.
    let chartID: String

    static let width = 360.0
    static let inset = 8.0
    static let boxHeight = 34.0
    static let barWidth = 200.0
    static let barHeight = 18.0

    static func x(_ value: Double) -> Double {
        inset + (width - 2 * inset) * min(max(value, 0), 3) / 3
    }

    // MARK: - Box plot

    var boxPlot: HTML {
        """
        <svg class="chart box-plot" viewBox="0 0 \(px: Self.width) \(px: Self.boxHeight)" role="img" aria-labelledby="\(chartID)-box" xmlns="http://www.w3.org/2000/svg"><title id="\(chartID)-box">\(boxDescription)</title>\(Self.zones)\(boxShapes)</svg>
        """
    }

    private var boxDescription: String {
        guard let minimum = dimension.minimum, let maximum = dimension.maximum, let p25 = dimension.p25,
              let p75 = dimension.p75, let median = dimension.median else {
            return "\(dimension.label): no client assessed it."
        }
        var text = "\(dimension.label): \(PortfolioFormat.clients(dimension.assessed)) scored from \(Formatting.fixed(minimum, 2)) to \(Formatting.fixed(maximum, 2))"
        text += ", the middle half from \(Formatting.fixed(p25, 2)) to \(Formatting.fixed(p75, 2)), median \(Formatting.fixed(median, 2))"
        if let mean = dimension.mean { text += ", mean \(Formatting.fixed(mean, 2))" }
        return text + "."
    }

    /// Draws the level zones (reactive below 1, adopting below 2, performing below 3) and their thresholds.
    private static var zones: HTML {
        var html = HTML.empty
        for level in [Level.reactive, .adopting, .performing] {
            let start = x(level.threshold)
            html.append("<rect x=\"\(px: start)\" y=\"4\" width=\"\(px: x(level.threshold + 1) - start)\" height=\"26\" fill=\"\(LevelPalette.soft(level))\"/>")
        }
        for threshold in [1.0, 2.0] {
            html.append("<line x1=\"\(px: x(threshold))\" y1=\"4\" x2=\"\(px: x(threshold))\" y2=\"30\" stroke=\"#c3c9d3\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>")
        }
        return html
    }

    private var boxShapes: HTML {
        guard let minimum = dimension.minimum, let maximum = dimension.maximum, let p25 = dimension.p25,
              let p75 = dimension.p75, let median = dimension.median else {
            return "<text x=\"\(px: Self.width / 2)\" y=\"21\" text-anchor=\"middle\" font-size=\"11\" font-style=\"italic\" fill=\"#566175\">no client assessed it</text>"
        }
        let (low, high) = (Self.x(minimum), Self.x(maximum))
        let ink = "#1c2434"
        var html: HTML = """
        <line x1="\(px: low)" y1="17" x2="\(px: high)" y2="17" stroke="\(ink)" stroke-width="1.5"/><line x1="\(px: low)" y1="11" x2="\(px: low)" y2="23" stroke="\(ink)" stroke-width="1.5"/><line x1="\(px: high)" y1="11" x2="\(px: high)" y2="23" stroke="\(ink)" stroke-width="1.5"/>
        """
        html.append("<rect x=\"\(px: Self.x(p25))\" y=\"9\" width=\"\(px: Self.x(p75) - Self.x(p25))\" height=\"16\" fill=\"#fff\" stroke=\"\(ink)\" stroke-width=\"1.5\"/>")
        html.append("<line x1=\"\(px: Self.x(median))\" y1=\"7\" x2=\"\(px: Self.x(median))\" y2=\"27\" stroke=\"\(LevelPalette.current)\" stroke-width=\"3\"/>")
        if let mean = dimension.mean {
            let mx = Self.x(mean)
            html.append("<path d=\"M\(px: mx) 13 L\(px: mx + 4) 17 L\(px: mx) 21 L\(px: mx - 4) 17 Z\" fill=\"\(LevelPalette.target)\"/>")
        }
        return html
    }

    /// The 0 to 3 scale with level names, drawn once above a column of box plots.
    static var axis: HTML {
        let anchors = ["start", "middle", "middle", "end"]
        var labels = HTML.empty
        for level in Level.allCases {
            labels.append("<text x=\"\(px: x(level.threshold))\" y=\"14\" text-anchor=\"\(anchors[level.rawValue])\" font-size=\"11\" fill=\"\(LevelPalette.strong(level))\"><tspan font-weight=\"700\">\(level.rawValue)</tspan> \(level.id)</text>")
        }
        return """
        <svg class="chart box-axis" viewBox="0 0 \(px: width) 20" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">\(labels)</svg>
        """
    }

    // MARK: - Level bar

    var levelBar: HTML {
        """
        <svg class="chart level-bar" viewBox="0 0 \(px: Self.barWidth) \(px: Self.barHeight)" role="img" aria-labelledby="\(chartID)-levels" xmlns="http://www.w3.org/2000/svg"><title id="\(chartID)-levels">\(levelDescription)</title>\(levelSegments)</svg>
        """
    }

    private var levelDescription: String {
        let counts = dimension.levelCounts.map { "\($0.count) \($0.level.id)" }.joined(separator: ", ")
        return "\(dimension.label), clients per level: \(counts)."
    }

    /// Draws one segment per level with clients, as wide as its share, with the count inside when it fits.
    private var levelSegments: HTML {
        let total = dimension.levelCounts.reduce(0) { $0 + $1.count }
        var html: HTML = "<rect x=\"0\" y=\"0\" width=\"\(px: Self.barWidth)\" height=\"\(px: Self.barHeight)\" fill=\"#e8ebf0\"/>"
        guard total > 0 else { return html }
        var start = 0.0
        for (level, count) in dimension.levelCounts where count > 0 {
            let width = Self.barWidth * Double(count) / Double(total)
            html.append("<rect x=\"\(px: start)\" y=\"0\" width=\"\(px: width)\" height=\"\(px: Self.barHeight)\" fill=\"\(LevelPalette.strong(level))\"><title>\(level.id): \(PortfolioFormat.clients(count))</title></rect>")
            if width >= 18 {
                html.append("<text x=\"\(px: start + width / 2)\" y=\"13\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"#fff\">\(count)</text>")
            }
            start += width
        }
        return html
    }
}
