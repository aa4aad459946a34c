import CSMModel

/// Folds clients into a portfolio summary one at a time, in constant memory:
/// counts per initiative id, the clients with the largest gaps so far, and
/// the first failures. Feed clients in input order for a deterministic result.
public struct PortfolioBuilder: Sendable {
    /// Failed inputs listed by name in the summary; the rest are only counted.
    public static let failureListLimit = 1000

    private struct Tally: Sendable {
        var title: String
        var clients = 0
        var prioritySum = 0.0
        var firstPhase = 0
    }

    private let model: MaturityModel
    private let distribution: PortfolioDistribution
    private let rankingLimit: Int?
    private let firstPhaseName: String?
    private var tallies: [String: Tally] = [:]
    private var ranked: [PortfolioSummary.RankedClient] = []
    private var failures: [PortfolioSummary.FailedInput] = []
    private var inputCount = 0
    private var evaluatedCount = 0
    private var invalidCount = 0
    private var ruleFailureCount = 0
    private var skippedCount = 0

    /// - Parameters:
    ///   - distribution: the scores of every valid assessment, from the first pass.
    ///   - rankingLimit: clients kept in the ranking; nil keeps all of them.
    ///   - firstPhaseName: the roadmap phase counted as "first" for each initiative.
    public init(model: MaturityModel, distribution: PortfolioDistribution, rankingLimit: Int?, firstPhaseName: String?) {
        self.model = model
        self.distribution = distribution
        self.rankingLimit = rankingLimit
        self.firstPhaseName = firstPhaseName
    }

    /// Adds a client that has a result.
    public mutating func add(_ client: ClientSummary) {
        inputCount += 1
        evaluatedCount += 1
        if !client.failedRules.isEmpty {
            ruleFailureCount += 1
            noteFailure(index: client.index, input: client.input, status: "rule_failure",
                        messages: client.failureMessages.isEmpty ? client.failedRules.map { "rule \($0) failed" } : client.failureMessages)
        }
        var seen: Set<String> = []
        for proposal in client.initiatives where seen.insert(proposal.id).inserted {
            var tally = tallies[proposal.id] ?? Tally(title: proposal.title)
            tally.clients += 1
            tally.prioritySum += proposal.priority
            if let firstPhaseName, proposal.phase == firstPhaseName { tally.firstPhase += 1 }
            tallies[proposal.id] = tally
        }
        rank(client)
    }

    /// Adds an input that has no result: an invalid assessment, or rules that
    /// failed without --keep-going.
    public mutating func addFailure(index: Int, input: String, status: String, messages: [String]) {
        inputCount += 1
        if status == "invalid" { invalidCount += 1 } else { ruleFailureCount += 1 }
        noteFailure(index: index, input: input, status: status, messages: messages)
    }

    /// Counts a file that was read but is not an assessment (a rule pack, a report).
    public mutating func addSkipped() {
        inputCount += 1
        skippedCount += 1
    }

    private mutating func noteFailure(index: Int, input: String, status: String, messages: [String]) {
        guard failures.count < PortfolioBuilder.failureListLimit else { return }
        failures.append(PortfolioSummary.FailedInput(index: index, input: input, status: status, messages: messages))
    }

    /// Keeps the `rankingLimit` clients with the largest total gap; ties go to the earlier input.
    private mutating func rank(_ client: ClientSummary) {
        let slim = PortfolioSummary.RankedClient(
            rank: 0, index: client.index, name: client.name, input: client.input,
            organization: client.organization, totalGap: client.totalGap,
            overallScore: client.overallScore, overallLevel: client.overallLevel,
            initiativeCount: client.initiatives.count)
        if let limit = rankingLimit {
            guard limit > 0 else { return }
            if ranked.count == limit, let last = ranked.last, !PortfolioBuilder.precedes(slim, last) { return }
        }
        let position = ranked.firstIndex { PortfolioBuilder.precedes(slim, $0) } ?? ranked.count
        ranked.insert(slim, at: position)
        if let limit = rankingLimit, ranked.count > limit { ranked.removeLast() }
    }

    private static func precedes(_ a: PortfolioSummary.RankedClient, _ b: PortfolioSummary.RankedClient) -> Bool {
        if a.totalGap != b.totalGap { return a.totalGap > b.totalGap }
        return a.index < b.index
    }

    public func summary() -> PortfolioSummary {
        let evaluated = max(1, evaluatedCount)
        let initiatives = tallies.map { id, tally in
            PortfolioSummary.InitiativeFrequency(
                id: id, title: tally.title, clients: tally.clients,
                share: Double(tally.clients) / Double(evaluated),
                meanPriority: tally.prioritySum / Double(max(1, tally.clients)),
                firstPhase: tally.firstPhase)
        }.sorted { a, b in
            if a.clients != b.clients { return a.clients > b.clients }
            if a.meanPriority != b.meanPriority { return a.meanPriority > b.meanPriority }
            return Array(a.id.utf8).lexicographicallyPrecedes(Array(b.id.utf8))
        }
        let ranking = ranked.enumerated().map { offset, client in
            PortfolioSummary.RankedClient(
                rank: offset + 1, index: client.index, name: client.name, input: client.input,
                organization: client.organization, totalGap: client.totalGap,
                overallScore: client.overallScore, overallLevel: client.overallLevel,
                initiativeCount: client.initiativeCount)
        }
        var dimensions: [PortfolioSummary.DimensionDistribution] = []
        for (index, dimension) in model.dimensions.enumerated() where index < distribution.histograms.count {
            let histogram = distribution.histograms[index]
            dimensions.append(PortfolioSummary.DimensionDistribution(
                id: dimension.id, competencyID: dimension.competencyID, name: dimension.name, label: dimension.label,
                assessed: histogram.total, notAssessed: distribution.clientCount - histogram.total,
                minimum: histogram.minimum, p25: histogram.quantile(0.25), median: histogram.quantile(0.5),
                p75: histogram.quantile(0.75), maximum: histogram.maximum, mean: histogram.mean,
                levelCounts: Level.allCases.map { ($0, distribution.levelCounts[index][$0.rawValue]) }))
        }
        return PortfolioSummary(
            modelID: model.id, modelVersion: model.version,
            inputCount: inputCount, evaluatedCount: evaluatedCount,
            invalidCount: invalidCount, ruleFailureCount: ruleFailureCount, skippedCount: skippedCount,
            dimensions: dimensions, initiatives: initiatives, ranking: ranking,
            failures: failures, firstPhaseName: firstPhaseName, competencies: model.competencies)
    }
}
