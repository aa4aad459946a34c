import CSMModel

/// Colours of the maturity levels, shared by the style sheet and the SVG charts.
///
/// Each strong colour has a contrast of at least 4.5:1 on white and on its
/// soft colour, so level badges pass WCAG AA; badges also print the level's
/// name, so no reader depends on the colour.
enum LevelPalette {
    static func strong(_ level: Level) -> String {
        switch level {
        case .reactive: return "#b42318"
        case .adopting: return "#a15c07"
        case .performing: return "#1d5fa8"
        case .optimizing: return "#16794a"
        }
    }

    static func soft(_ level: Level) -> String {
        switch level {
        case .reactive: return "#fdecea"
        case .adopting: return "#fdf3e1"
        case .performing: return "#e7f0fb"
        case .optimizing: return "#e4f4ea"
        }
    }

    /// The colour of the current scores in charts.
    static let current = "#1f3b66"
    /// The colour of targets in charts.
    static let target = "#6b3fa0"
}
