import CSMModel
import CSMPortfolio
import CSMRun
import CSMSystem

/// Renders the portfolio summary of `csm batch` as a Markdown page or as one
/// self-contained HTML page in the style of the client report.
///
/// Both pages hold the counts of inputs, the score distribution of every
/// dimension grouped by competency, the most frequent initiatives, the clients
/// ranked by total gap, and the failed inputs with their errors. Output
/// depends only on the summary and `engineVersion`: no dates, no random ids.
public struct PortfolioRenderer {
    /// The csm version named in the page's provenance line.
    public var engineVersion: String
    /// How many of the most frequent initiatives to list; nil lists every initiative any client got.
    public var initiativeLimit: Int?

    public init(engineVersion: String = CSMVersion.current, initiativeLimit: Int? = nil) {
        self.engineVersion = engineVersion
        self.initiativeLimit = initiativeLimit
    }

    public func markdown(_ summary: PortfolioSummary) -> String {
        PortfolioMarkdownPage(summary: summary, renderer: self).text
    }

    public func html(_ summary: PortfolioSummary) -> String {
        PortfolioHTMLPage(summary: summary, renderer: self).document.markup
    }
}

// MARK: - Shared by both pages

/// The dimensions of one competency, in model order.
struct PortfolioCompetencyGroup {
    let id: String
    let name: String
    let dimensions: [PortfolioSummary.DimensionDistribution]
}

extension PortfolioSummary {
    /// Dimensions grouped under their competencies, in model order. A
    /// competency the summary does not name is titled with its id.
    var competencyGroups: [PortfolioCompetencyGroup] {
        var order: [String] = competencies.map(\.id)
        for dimension in dimensions where !order.contains(dimension.competencyID) {
            order.append(dimension.competencyID)
        }
        return order.compactMap { id in
            let members = dimensions.filter { $0.competencyID == id }
            guard !members.isEmpty else { return nil }
            let name = competencies.first { $0.id == id }?.name ?? id
            return PortfolioCompetencyGroup(id: id, name: name, dimensions: members)
        }
    }

    /// Clients with a valid assessment, the ones the distributions count.
    var distributionClientCount: Int {
        dimensions.first.map { $0.assessed + $0.notAssessed } ?? 0
    }

    /// Inputs that failed but are not listed, because the builder keeps at most
    /// `PortfolioBuilder.failureListLimit`. An evaluated client whose rules failed
    /// is listed and counted once, as a rule failure.
    var unlistedFailureCount: Int {
        max(0, invalidCount + ruleFailureCount - failures.count)
    }

    /// Returns the initiatives a page lists, the most frequent first.
    func listedInitiatives(limit: Int?) -> ArraySlice<InitiativeFrequency> {
        initiatives.prefix(limit.map { max(0, $0) } ?? initiatives.count)
    }
}

/// Number and label formats of the portfolio pages.
enum PortfolioFormat {
    /// Stands for a statistic of a dimension no client assessed.
    static let missing = "—"

    /// Formats a score with two decimals, or the dash when there is none.
    static func score(_ value: Double?) -> String {
        value.map { Formatting.fixed($0, 2) } ?? missing
    }

    /// Formats a ratio as a percentage with one decimal: 0.5 gives "50.0 %".
    static func share(_ ratio: Double) -> String {
        Formatting.fixed(ratio * 100, 1) + " %"
    }

    /// Names a failure status for readers: "invalid" gives "invalid assessment".
    static func status(_ status: String) -> String {
        switch status {
        case "invalid": return "invalid assessment"
        case "rule_failure": return "rules failed"
        default: return status.replacingUnderscores
        }
    }

    /// Formats "1 client" or "4 clients".
    static func clients(_ count: Int) -> String {
        "\(count) \(count == 1 ? "client" : "clients")"
    }

    /// Describes the headline counts in one sentence.
    static func countsSentence(_ summary: PortfolioSummary) -> String {
        guard summary.inputCount > 0 else { return "The batch had no input." }
        var sentence = "\(summary.evaluatedCount) of \(summary.inputCount) inputs were evaluated"
        sentence += summary.invalidCount == 1 ? "; 1 assessment was invalid" : "; \(summary.invalidCount) assessments were invalid"
        sentence += "; rules failed for \(clients(summary.ruleFailureCount))"
        if summary.skippedCount > 0 {
            sentence += summary.skippedCount == 1
                ? "; 1 file was skipped because it is not an assessment"
                : "; \(summary.skippedCount) files were skipped because they are not assessments"
        }
        return sentence + "."
    }

    static let distributionLead = "Scores run from 0 to 3. Half of the clients that assessed a dimension score between P25 and P75, the first and third quartiles. The level columns count clients at each level, and \(missing) marks a statistic of a dimension no client assessed."

    static let gapLead = "The total gap is the sum of a client's gaps to target over the dimensions it assessed, in levels."
}
