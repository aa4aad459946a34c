import CSMEvaluator
import CSMModel
import CSMSystem

/// Horizontal bars for the dimensions of one competency on the 0 to 3 scale:
/// the score, the gap up to the target, the target marker and, where
/// respondents scored, their range as a whisker with one dot per respondent.
struct GapBarChart {
    let competency: CompetencyResult
    let dimensions: [DimensionResult]

    static let width = 880.0
    static let scaleStart = 214.0
    static let scaleEnd = 640.0
    static let textStart = 662.0
    static let headerHeight = 28.0
    static let barHeight = 14.0

    private var hasSpread: Bool { dimensions.contains { $0.spread != nil } }
    private var rowHeight: Double { hasSpread ? 54 : 44 }
    private var height: Double { Self.headerHeight + rowHeight * Double(dimensions.count) + 4 }

    private func x(_ value: Double) -> Double {
        Self.scaleStart + (Self.scaleEnd - Self.scaleStart) * min(max(value, 0), 3) / 3
    }

    var svg: HTML {
        var rows = HTML.empty
        for (index, dimension) in dimensions.enumerated() {
            rows.append(row(dimension, top: Self.headerHeight + rowHeight * Double(index)))
        }
        return """
        <svg class="chart gap-bars" viewBox="0 0 \(px: Self.width) \(px: height)" role="img" aria-labelledby="\(chartID)-title \(chartID)-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="\(chartID)-title">\(competency.name): score, target and gap of each dimension</title>
        <desc id="\(chartID)-desc">\(description)</desc>
        \(scale)\(rows)</svg>
        """
    }

    private var chartID: String { "gaps-\(competency.id)" }

    private var description: String {
        dimensions.map { dimension -> String in
            var text = dimension.label + ": "
            if let score = dimension.score, let level = dimension.level {
                text += "score \(Formatting.fixed(score, 2)) (\(level.id))"
            } else {
                text += "not assessed"
            }
            text += ", target \(Formatting.fixed(dimension.target, 2))"
            if let gap = dimension.gap { text += ", gap \(Formatting.fixed(gap, 2))" }
            if let spread = dimension.spread {
                text += ", \(spread.count) respondents from \(Formatting.fixed(spread.minimum, 1)) to \(Formatting.fixed(spread.maximum, 1))"
            }
            return text
        }.joined(separator: "; ") + "."
    }

    // MARK: - Scale

    /// Threshold ticks with level names and dashed grid lines through every row.
    private var scale: HTML {
        let bottom = height - 2
        var html: HTML = """
        <text x="\(px: Self.textStart)" y="18" font-size="11" fill="#566175">score · target · gap</text>

        """
        let anchors = ["start", "middle", "middle", "end"]
        for level in Level.allCases {
            let tickX = x(level.threshold)
            html.append("""
            <text x="\(px: tickX)" y="18" text-anchor="\(anchors[level.rawValue])" font-size="11" fill="\(LevelPalette.strong(level))"><tspan font-weight="700">\(level.rawValue)</tspan> \(level.id)</text>
            <line x1="\(px: tickX)" y1="24" x2="\(px: tickX)" y2="\(px: bottom)" stroke="#c3c9d3" stroke-width="1" stroke-dasharray="\(level == .reactive ? "none" : "3 3")"/>

            """)
        }
        return html
    }

    // MARK: - Rows

    private func row(_ dimension: DimensionResult, top: Double) -> HTML {
        let barTop = top + 10
        var html: HTML = """
        <text x="0" y="\(px: barTop + 11)" font-size="13" font-weight="600" fill="#1c2434">\(dimension.label)</text>

        """
        html.append(track(barTop: barTop))
        if let score = dimension.score, let level = dimension.level {
            html.append(scoreBar(score: score, level: level, target: dimension.target, barTop: barTop))
        } else {
            html.append("""
            <text x="\(px: x(0) + 8)" y="\(px: barTop + 11)" font-size="11" font-style="italic" fill="#566175">not assessed</text>

            """)
        }
        html.append(targetMarker(dimension.target, barTop: barTop))
        if let spread = dimension.spread { html.append(whisker(spread, y: barTop + Self.barHeight + 12)) }
        html.append(numbers(dimension, barTop: barTop))
        return html
    }

    /// Draws the empty track, tinted by level zone: reactive below 1, adopting below 2, performing below 3.
    private func track(barTop: Double) -> HTML {
        var html = HTML.empty
        for level in [Level.reactive, .adopting, .performing] {
            let start = x(level.threshold)
            html.append("""
            <rect x="\(px: start)" y="\(px: barTop)" width="\(px: x(level.threshold + 1) - start)" height="\(px: Self.barHeight)" fill="\(LevelPalette.soft(level))"/>

            """)
        }
        return html
    }

    private func scoreBar(score: Double, level: Level, target: Double, barTop: Double) -> HTML {
        var html: HTML = """
        <rect x="\(px: x(0))" y="\(px: barTop)" width="\(px: x(score) - x(0))" height="\(px: Self.barHeight)" fill="\(LevelPalette.strong(level))"/>

        """
        guard target > score else { return html }
        let width = x(target) - x(score)
        html.append("""
        <rect x="\(px: x(score))" y="\(px: barTop + 0.75)" width="\(px: width)" height="\(px: Self.barHeight - 1.5)" fill="#fff" fill-opacity="0.55" stroke="\(LevelPalette.target)" stroke-width="1.5" stroke-dasharray="4 3"/>

        """)
        if width >= 64 {
            html.append("""
            <text x="\(px: (x(score) + x(target)) / 2)" y="\(px: barTop + 11)" text-anchor="middle" font-size="10.5" font-weight="600" fill="\(LevelPalette.target)">gap \(target - score, decimals: 2)</text>

            """)
        }
        return html
    }

    private func targetMarker(_ target: Double, barTop: Double) -> HTML {
        let tx = x(target)
        return """
        <line x1="\(px: tx)" y1="\(px: barTop - 5)" x2="\(px: tx)" y2="\(px: barTop + Self.barHeight + 5)" stroke="\(LevelPalette.target)" stroke-width="3"/>
        <path d="M\(px: tx - 5) \(px: barTop - 9) L\(px: tx + 5) \(px: barTop - 9) L\(px: tx) \(px: barTop - 3) Z" fill="\(LevelPalette.target)"/>

        """
    }

    /// Draws the respondents' range, a line from the lowest to the highest score with one dot per respondent.
    private func whisker(_ spread: Spread, y: Double) -> HTML {
        let (low, high) = (x(spread.minimum), x(spread.maximum))
        var html: HTML = """
        <line x1="\(px: low)" y1="\(px: y)" x2="\(px: high)" y2="\(px: y)" stroke="#1c2434" stroke-width="1.5"/>
        <line x1="\(px: low)" y1="\(px: y - 5)" x2="\(px: low)" y2="\(px: y + 5)" stroke="#1c2434" stroke-width="1.5"/>
        <line x1="\(px: high)" y1="\(px: y - 5)" x2="\(px: high)" y2="\(px: y + 5)" stroke="#1c2434" stroke-width="1.5"/>

        """
        for entry in spread.entries {
            html.append("<circle cx=\"\(px: x(entry.score))\" cy=\"\(px: y)\" r=\"3\" fill=\"#fff\" stroke=\"#1c2434\" stroke-width=\"1.2\"><title>\(entry.role): \(entry.score, decimals: 1)</title></circle>\n")
        }
        return html
    }

    private func numbers(_ dimension: DimensionResult, barTop: Double) -> HTML {
        let first: HTML
        if let score = dimension.score, let level = dimension.level {
            first = "<tspan font-weight=\"700\" fill=\"\(LevelPalette.strong(level))\">\(score, decimals: 2) \(level.id)</tspan>"
        } else {
            first = "<tspan font-style=\"italic\" fill=\"#566175\">not assessed</tspan>"
        }
        let gapText: HTML
        if let gap = dimension.gap {
            gapText = gap > 0 ? " · gap \(gap, decimals: 2)" : " · at target"
        } else {
            gapText = .empty
        }
        var html: HTML = """
        <text x="\(px: Self.textStart)" y="\(px: barTop + 5)" font-size="12.5" fill="#1c2434">\(first)<tspan x="\(px: Self.textStart)" dy="15" font-size="11.5" fill="#566175">target \(dimension.target, decimals: 2)\(gapText)</tspan>
        """
        if let spread = dimension.spread {
            let flag: HTML = spread.range >= Evaluator.disagreementWidth ? " · disagree" : .empty
            html.append("<tspan x=\"\(px: Self.textStart)\" dy=\"15\" font-size=\"11.5\" fill=\"#566175\">\(spread.count) respondents, \(spread.minimum, decimals: 1)–\(spread.maximum, decimals: 1)\(flag)</tspan>")
        }
        html.append("</text>\n")
        return html
    }
}
