import CSMPortfolio
import CSMSystem

/// Wording of the "Portfolio position" section, shared by the text, Markdown
/// and HTML reports so a client reads the same terms in every format.
enum PortfolioPositionText {
    static let heading = "Portfolio position"

    /// Formats the sentence that opens the section, naming the number of clients compared with.
    static func lead(_ clientCount: Int) -> String {
        "The table places this client \(among(clientCount)) with a valid assessment in the same portfolio."
    }

    /// One sentence for readers of a report on how the percentile is computed.
    static let explanation = "The percentile is the percentage of the clients that assessed the dimension who score below this client, counting clients with an equal score as half, so the 50th percentile is the middle of the portfolio."

    /// Formats a percentile (0 to 100) rounded to a whole number: 72.4 gives "72nd percentile".
    static func percentile(_ value: Double) -> String {
        let whole = Int(Formatting.round(min(100, max(0, value)), 0))
        return "\(whole)\(ordinalSuffix(whole)) percentile"
    }

    /// Formats the client's place in one dimension: "72nd percentile", "not
    /// assessed" when the client has no score there, or "–" when no client's
    /// score was counted.
    static func place(_ entry: PortfolioPosition.Entry) -> String {
        if let percentile = entry.percentile { return self.percentile(percentile) }
        return entry.score == nil ? "not assessed" : "–"
    }

    /// Formats "among 48 clients", or "among 1 client".
    static func among(_ clientCount: Int) -> String {
        "among \(clientCount) \(clientCount == 1 ? "client" : "clients")"
    }

    /// Returns the English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 100th.
    static func ordinalSuffix(_ number: Int) -> String {
        if (11...13).contains(number % 100) { return "th" }
        switch number % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }
}
