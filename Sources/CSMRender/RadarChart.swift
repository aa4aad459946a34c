import CSMEvaluator
import CSMModel
import CSMSystem

/// The radar chart of the dimensions: current scores against targets on the 0 to 3 scale.
///
/// Axes run clockwise in model order. The first axis sits half a step after
/// 12 o'clock, so with twelve axes each competency of three dimensions fills
/// one quadrant and its name fits in the corner of the canvas. A dimension
/// that is not assessed leaves a gap in the score shape and is marked on its axis.
struct RadarChart {
    let evaluation: Evaluation

    static let width = 800.0
    static let height = 670.0
    static let radius = 206.0
    static let centerX = width / 2
    static let centerY = 330.0
    static let labelOffset = 18.0

    var svg: HTML {
        let dimensions = evaluation.dimensions
        return """
        <svg class="chart radar" viewBox="0 0 \(px: Self.width) \(px: Self.height)" role="img" aria-labelledby="radar-title radar-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="radar-title">\(title)</title>
        <desc id="radar-desc">\(description)</desc>
        \(sectors)\(rings)\(axes(dimensions.count))\(targetPolygon)\(scoreShapes)\(markers)\(labels)\(competencyNames)\(ringLabels)\(legend)
        </svg>
        """
    }

    private var title: String {
        "Maturity profile of \(evaluation.assessment.organization.name): current score and target for each of the \(evaluation.dimensions.count) dimensions"
    }

    private var description: String {
        let parts = evaluation.dimensions.map { dimension -> String in
            let target = Formatting.fixed(dimension.target, 2)
            guard let score = dimension.score else { return "\(dimension.label): not assessed, target \(target)" }
            return "\(dimension.label): \(Formatting.fixed(score, 2)), target \(target)"
        }
        return "Scores run from 0 (reactive) to 3 (optimizing). " + parts.joined(separator: "; ") + "."
    }

    // MARK: - Geometry

    private func angle(_ index: Int, of count: Int) -> Double {
        let step = 2 * Double.pi / Double(max(count, 1))
        return -Double.pi / 2 + step / 2 + step * Double(index)
    }

    private func point(_ index: Int, value: Double, count: Int) -> (x: Double, y: Double) {
        let r = Self.radius * min(max(value, 0), 3) / 3
        let a = angle(index, of: count)
        return (Self.centerX + r * cosine(a), Self.centerY + r * sine(a))
    }

    // MARK: - Background

    /// One shaded quadrant per competency, alternating, so the grouping shows behind the axes.
    private var sectors: HTML {
        let count = evaluation.dimensions.count
        var paths = HTML.empty
        var index = 0
        for (offset, competency) in evaluation.model.competencies.enumerated() {
            let members = evaluation.dimensions.filter { $0.competencyID == competency.id }.count
            guard members > 0 else { continue }
            let start = angle(index, of: count) - Double.pi / Double(count)
            let end = angle(index + members - 1, of: count) + Double.pi / Double(count)
            let fill = offset % 2 == 0 ? "#edf1f7" : "#f9fafc"
            paths.append(sectorPath(start: start, end: end, fill: fill))
            index += members
        }
        return paths
    }

    private func sectorPath(start: Double, end: Double, fill: String) -> HTML {
        let r = Self.radius + 8
        let (x1, y1) = (Self.centerX + r * cosine(start), Self.centerY + r * sine(start))
        let (x2, y2) = (Self.centerX + r * cosine(end), Self.centerY + r * sine(end))
        let large = end - start > Double.pi ? 1 : 0
        return """
        <path d="M\(px: Self.centerX) \(px: Self.centerY) L\(px: x1) \(px: y1) A\(px: r) \(px: r) 0 \(large) 1 \(px: x2) \(px: y2) Z" fill="\(fill)" stroke="#d6dbe4" stroke-width="1"/>

        """
    }

    private var rings: HTML {
        var html = HTML.empty
        for level in 1...3 {
            let r = Self.radius * Double(level) / 3
            let stroke = level == 3 ? "#9aa3b2" : "#c3c9d3"
            html.append("<circle cx=\"\(px: Self.centerX)\" cy=\"\(px: Self.centerY)\" r=\"\(px: r)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"1\"/>\n")
        }
        return html
    }

    private func axes(_ count: Int) -> HTML {
        var html = HTML.empty
        for index in 0..<count {
            let end = point(index, value: 3, count: count)
            html.append("<line class=\"radar-axis\" x1=\"\(px: Self.centerX)\" y1=\"\(px: Self.centerY)\" x2=\"\(px: end.x)\" y2=\"\(px: end.y)\" stroke=\"#c3c9d3\" stroke-width=\"1\"/>\n")
        }
        return html
    }

    /// Level names on the rings, along the empty direction between the last and the first axis.
    private var ringLabels: HTML {
        var html = HTML.empty
        for level in [Level.adopting, .performing, .optimizing] {
            let y = Self.centerY - Self.radius * level.threshold / 3 + 12
            html.append("""
            <text x="\(px: Self.centerX)" y="\(px: y)" text-anchor="middle" font-size="10" fill="#566175" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">\(level.rawValue) \(level.id)</text>

            """)
        }
        return html
    }

    // MARK: - Data

    private var targetPolygon: HTML {
        let count = evaluation.dimensions.count
        let points = evaluation.dimensions.enumerated().map { offset, dimension in
            point(offset, value: dimension.target, count: count)
        }
        return """
        <polygon points="\(pointList(points))" fill="none" stroke="\(LevelPalette.target)" stroke-width="2" stroke-dasharray="6 4" stroke-linejoin="round"/>

        """
    }

    /// The score area: one closed shape per run of consecutive assessed axes, so a dimension
    /// that is not assessed leaves a gap instead of being drawn as 0.
    private var scoreShapes: HTML {
        let count = evaluation.dimensions.count
        let runs = assessedRuns
        if runs.count == 1, runs[0].count == count {
            let points = runs[0].map { point($0, value: evaluation.dimensions[$0].score ?? 0, count: count) }
            return """
            <polygon points="\(pointList(points))" fill="\(LevelPalette.current)" fill-opacity="0.16" stroke="\(LevelPalette.current)" stroke-width="2.5" stroke-linejoin="round"/>

            """
        }
        var html = HTML.empty
        for run in runs {
            let points = run.map { point($0, value: evaluation.dimensions[$0].score ?? 0, count: count) }
            let center = (x: Self.centerX, y: Self.centerY)
            html.append("""
            <polygon points="\(pointList([center] + points))" fill="\(LevelPalette.current)" fill-opacity="0.16" stroke="none"/>
            <polyline points="\(pointList(points))" fill="none" stroke="\(LevelPalette.current)" stroke-width="2.5" stroke-linejoin="round"/>

            """)
        }
        return html
    }

    /// Index runs of consecutive assessed dimensions, wrapping around from the last axis to the first.
    private var assessedRuns: [[Int]] {
        let dimensions = evaluation.dimensions
        let count = dimensions.count
        guard let firstGap = dimensions.firstIndex(where: { !$0.isAssessed }) else {
            return count > 0 ? [Array(0..<count)] : []
        }
        var runs: [[Int]] = []
        var current: [Int] = []
        for step in 1...count {
            let index = (firstGap + step) % count
            if dimensions[index].isAssessed {
                current.append(index)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    private var markers: HTML {
        let count = evaluation.dimensions.count
        var html = HTML.empty
        for (index, dimension) in evaluation.dimensions.enumerated() {
            if let score = dimension.score, let level = dimension.level {
                let p = point(index, value: score, count: count)
                html.append("<circle cx=\"\(px: p.x)\" cy=\"\(px: p.y)\" r=\"4.5\" fill=\"\(LevelPalette.strong(level))\" stroke=\"#fff\" stroke-width=\"1.5\"/>\n")
            } else {
                let p = point(index, value: 3, count: count)
                html.append("""
                <circle cx="\(px: p.x)" cy="\(px: p.y)" r="6" fill="#fff" stroke="#7b8596" stroke-width="1.5" stroke-dasharray="2 2"/>
                <text x="\(px: p.x)" y="\(px: p.y + 3.5)" text-anchor="middle" font-size="9" font-weight="700" fill="#566175">?</text>

                """)
            }
        }
        return html
    }

    // MARK: - Labels

    private var labels: HTML {
        let count = evaluation.dimensions.count
        var html = HTML.empty
        for (index, dimension) in evaluation.dimensions.enumerated() {
            html.append(label(dimension, angle: angle(index, of: count)))
        }
        return html
    }

    /// Places a dimension's name and numbers outside the outer ring, stacked away from the centre.
    private func label(_ dimension: DimensionResult, angle: Double) -> HTML {
        let r = Self.radius + Self.labelOffset
        let x = Self.centerX + r * cosine(angle)
        let y = Self.centerY + r * sine(angle)
        let (dx, dy) = (cosine(angle), sine(angle))
        let lineHeight = 15.0
        var anchor = "middle"
        if dx > 0.2 { anchor = "start" }
        if dx < -0.2 { anchor = "end" }
        var firstBaseline = y - 2  // beside the axis end: the two lines straddle it
        if dy < -0.3 { firstBaseline = y - lineHeight + 2 }  // above the chart: the lines end at the axis
        if dy > 0.3 { firstBaseline = y + 11 }  // below the chart: the lines start at the axis
        let numbers: HTML
        if let score = dimension.score, let level = dimension.level {
            numbers = "<tspan fill=\"\(LevelPalette.strong(level))\" font-weight=\"700\">\(score, decimals: 2)</tspan><tspan fill=\"#566175\"> \(level.id) · target \(dimension.target, decimals: 2)</tspan>"
        } else {
            numbers = "<tspan fill=\"#566175\" font-style=\"italic\">not assessed · target \(dimension.target, decimals: 2)</tspan>"
        }
        return """
        <text class="radar-label" x="\(px: x)" y="\(px: firstBaseline)" text-anchor="\(anchor)" font-size="12.5" fill="#1c2434"><tspan font-weight="600">\(dimension.label)</tspan><tspan x="\(px: x)" dy="\(px: lineHeight)" font-size="11">\(numbers)</tspan></text>

        """
    }

    /// Competency names in the canvas corners, each next to the quadrant of its dimensions.
    private var competencyNames: HTML {
        let count = evaluation.dimensions.count
        guard count == 12, evaluation.competencies.count == 4 else { return .empty }
        let corners: [(x: Double, y: Double, anchor: String)] = [
            (Self.width - 8, 26, "end"), (Self.width - 8, Self.height - 58, "end"),
            (8, Self.height - 58, "start"), (8, 26, "start"),
        ]
        var html = HTML.empty
        for (corner, competency) in zip(corners, evaluation.competencies) {
            let score: HTML = competency.score.map { "\($0, decimals: 2)" } ?? "not assessed"
            html.append("""
            <text x="\(px: corner.x)" y="\(px: corner.y)" text-anchor="\(corner.anchor)" font-size="11" font-weight="700" letter-spacing="1.2" fill="#1f3b66">\(competency.name.uppercased())</text>
            <text x="\(px: corner.x)" y="\(px: corner.y + 15)" text-anchor="\(corner.anchor)" font-size="11" fill="#566175">competency score \(score)</text>

            """)
        }
        return html
    }

    private var legend: HTML {
        let y = Self.height - 18
        let x = Self.centerX - 200
        return """
        <g font-size="12" fill="#1c2434">
        <rect x="\(px: x)" y="\(px: y - 9)" width="22" height="12" fill="\(LevelPalette.current)" fill-opacity="0.16" stroke="\(LevelPalette.current)" stroke-width="2"/>
        <text x="\(px: x + 30)" y="\(px: y + 1)">Current score</text>
        <line x1="\(px: x + 140)" y1="\(px: y - 3)" x2="\(px: x + 166)" y2="\(px: y - 3)" stroke="\(LevelPalette.target)" stroke-width="2" stroke-dasharray="6 4"/>
        <text x="\(px: x + 174)" y="\(px: y + 1)">Target</text>
        <circle cx="\(px: x + 250)" cy="\(px: y - 3)" r="6" fill="#fff" stroke="#7b8596" stroke-width="1.5" stroke-dasharray="2 2"/>
        <text x="\(px: x + 250)" y="\(px: y + 0.5)" text-anchor="middle" font-size="9" font-weight="700" fill="#566175">?</text>
        <text x="\(px: x + 262)" y="\(px: y + 1)">Not assessed</text>
        </g>

        """
    }

    private func pointList(_ points: [(x: Double, y: Double)]) -> HTML {
        points.map { "\(px: $0.x),\(px: $0.y)" as HTML }.joined(separator: " ")
    }
}

// MARK: - Trigonometry without Foundation

/// Sine by range reduction and a Taylor series; accurate to about 1e-12, far
/// below the 0.1 px the chart coordinates keep.
func sine(_ angle: Double) -> Double {
    var x = angle.truncatingRemainder(dividingBy: 2 * Double.pi)
    if x > Double.pi { x -= 2 * Double.pi }
    if x < -Double.pi { x += 2 * Double.pi }
    var term = x
    var sum = x
    for n in 1...12 {
        term *= -x * x / Double((2 * n) * (2 * n + 1))
        sum += term
    }
    return sum
}

func cosine(_ angle: Double) -> Double {
    sine(angle + Double.pi / 2)
}
