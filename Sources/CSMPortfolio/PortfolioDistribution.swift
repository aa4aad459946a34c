import CSMEvaluator
import CSMModel

/// Score distributions of a portfolio, one per dimension of the model.
/// `csm batch` builds them in its first pass, so each client's report can give
/// the client's percentiles.
public struct PortfolioDistribution: Equatable, Sendable {
    /// Dimension ids in model order.
    public let dimensionIDs: [String]
    public private(set) var histograms: [ScoreHistogram]
    /// Per dimension, clients at each level (indexed by `Level.rawValue`).
    public private(set) var levelCounts: [[Int]]
    /// Clients whose assessment was valid.
    public private(set) var clientCount = 0

    public init(model: MaturityModel) {
        dimensionIDs = model.dimensions.map(\.id)
        histograms = Array(repeating: ScoreHistogram(), count: model.dimensions.count)
        levelCounts = Array(repeating: Array(repeating: 0, count: Level.allCases.count), count: model.dimensions.count)
    }

    /// Adds one client's scores; dimensions it did not assess are left out of their distribution.
    public mutating func add(_ evaluation: Evaluation) {
        add(ClientScores(evaluation))
    }

    /// Adds one client's scores, taken from its evaluation on another thread.
    public mutating func add(_ client: ClientScores) {
        clientCount += 1
        for (index, entry) in client.dimensions.enumerated() where index < histograms.count {
            if let score = entry.score { histograms[index].add(score) }
            if let level = entry.level { levelCounts[index][level.rawValue] += 1 }
        }
    }

    public mutating func merge(_ other: PortfolioDistribution) {
        precondition(other.dimensionIDs == dimensionIDs, "distributions of different models")
        clientCount += other.clientCount
        for index in histograms.indices {
            histograms[index].merge(other.histograms[index])
            for level in levelCounts[index].indices { levelCounts[index][level] += other.levelCounts[index][level] }
        }
    }

    /// Returns the client's percentile and the portfolio median in every dimension.
    public func position(of evaluation: Evaluation) -> PortfolioPosition {
        positioner().position(of: evaluation)
    }

    /// Returns a positioner for this distribution. Its `position(of:)` does not scan the
    /// histograms again, so it suits placing many clients against one portfolio.
    public func positioner() -> Positioner {
        Positioner(clientCount: clientCount, dimensions: histograms.map(Positioner.Dimension.init))
    }

    /// Medians and cumulative counts computed once from a finished distribution.
    public struct Positioner: Sendable {
        struct Dimension: Sendable {
            let median: Double?
            let total: Int
            /// `below[bin]` is the number of scores in the bins before `bin`.
            let below: [Int]
            let counts: [Int]

            init(_ histogram: ScoreHistogram) {
                median = histogram.quantile(0.5)
                total = histogram.total
                counts = histogram.binCounts
                var running = 0
                below = counts.map { count in
                    defer { running += count }
                    return running
                }
            }

            func percentile(of score: Double) -> Double? {
                guard total > 0, score.isFinite else { return nil }
                let bin = ScoreHistogram.bin(of: score)
                return (Double(below[bin]) + Double(counts[bin]) / 2) / Double(total) * 100
            }
        }

        let clientCount: Int
        let dimensions: [Dimension]

        /// Returns the client's percentile and the portfolio median in every dimension.
        public func position(of evaluation: Evaluation) -> PortfolioPosition {
            var entries: [PortfolioPosition.Entry] = []
            entries.reserveCapacity(dimensions.count)
            for (index, dimension) in evaluation.dimensions.enumerated() where index < dimensions.count {
                let portfolio = dimensions[index]
                entries.append(PortfolioPosition.Entry(
                    dimensionID: dimension.id,
                    score: dimension.score,
                    percentile: dimension.score.flatMap { portfolio.percentile(of: $0) },
                    median: portfolio.median,
                    assessedClients: portfolio.total
                ))
            }
            return PortfolioPosition(clientCount: clientCount, dimensions: entries)
        }
    }
}

/// One client's place in its portfolio, shown in the client's own report.
public struct PortfolioPosition: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let dimensionID: String
        /// The client's score, nil when it did not assess the dimension.
        public let score: Double?
        /// Mid-rank percentile (0 to 100) of the client's score among the clients that assessed the dimension.
        public let percentile: Double?
        /// The portfolio's median score in the dimension.
        public let median: Double?
        /// Clients that assessed the dimension.
        public let assessedClients: Int

        public init(dimensionID: String, score: Double?, percentile: Double?, median: Double?, assessedClients: Int) {
            self.dimensionID = dimensionID
            self.score = score
            self.percentile = percentile
            self.median = median
            self.assessedClients = assessedClients
        }
    }

    /// Clients in the portfolio with a valid assessment.
    public let clientCount: Int
    /// One entry per model dimension, in model order.
    public let dimensions: [Entry]

    public init(clientCount: Int, dimensions: [Entry]) {
        self.clientCount = clientCount
        self.dimensions = dimensions
    }

    public func entry(_ dimensionID: String) -> Entry? {
        dimensions.first { $0.dimensionID == dimensionID }
    }
}

/// One client's dimension scores and levels in model order: all a first pass keeps.
public struct ClientScores: Sendable {
    public let dimensions: [(score: Double?, level: Level?)]

    public init(_ evaluation: Evaluation) {
        dimensions = evaluation.dimensions.map { ($0.score, $0.level) }
    }
}
