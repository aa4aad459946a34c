import CSMJSON
import CSMModel
import CSMSystem

/// JSON forms of the portfolio: the summary ("csm.portfolio/v1") and the
/// one-line result of each client ("csm.batch-result/v1"). Keys come in a
/// fixed order and numbers are rounded, so equal inputs give equal bytes.
public enum PortfolioJSON {
    public static let summarySchema = "csm.portfolio/v1"
    public static let resultSchema = "csm.batch-result/v1"

    static func number(_ value: Double?, _ decimals: Int = 3) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .double(Formatting.round(value, decimals))
    }

    static func level(_ level: Level?) -> JSON {
        level.map { .string($0.id) } ?? .null
    }

    // MARK: - Summary

    public static func summary(_ summary: PortfolioSummary, engineVersion: String) -> JSON {
        .object([
            ("schema", .string(summarySchema)),
            ("engine", .object([("name", .string("csm")), ("version", .string(engineVersion))])),
            ("model", .object([("id", .string(summary.modelID)), ("version", .string(summary.modelVersion))])),
            ("clients", .object([
                ("inputs", .int(Int64(summary.inputCount))),
                ("evaluated", .int(Int64(summary.evaluatedCount))),
                ("invalid", .int(Int64(summary.invalidCount))),
                ("skipped", .int(Int64(summary.skippedCount))),
                ("rule_failures", .int(Int64(summary.ruleFailureCount))),
            ])),
            ("dimensions", .array(summary.dimensions.map(dimension))),
            ("initiatives", .array(summary.initiatives.map { initiative($0, firstPhase: summary.firstPhaseName) })),
            ("ranking", .array(summary.ranking.map(ranked))),
            ("failures", .array(summary.failures.map(failure))),
        ])
    }

    static func dimension(_ entry: PortfolioSummary.DimensionDistribution) -> JSON {
        .object([
            ("id", .string(entry.id)),
            ("competency", .string(entry.competencyID)),
            ("name", .string(entry.name)),
            ("assessed", .int(Int64(entry.assessed))),
            ("not_assessed", .int(Int64(entry.notAssessed))),
            ("min", number(entry.minimum)),
            ("p25", number(entry.p25)),
            ("median", number(entry.median)),
            ("p75", number(entry.p75)),
            ("max", number(entry.maximum)),
            ("mean", number(entry.mean)),
            ("levels", .object(entry.levelCounts.map { ($0.level.id, .int(Int64($0.count))) })),
        ])
    }

    static func initiative(_ entry: PortfolioSummary.InitiativeFrequency, firstPhase: String?) -> JSON {
        var fields: [(String, JSON)] = [
            ("id", .string(entry.id)),
            ("title", .string(entry.title)),
            ("clients", .int(Int64(entry.clients))),
            ("share", number(entry.share, 4)),
            ("mean_priority", number(entry.meanPriority, 2)),
        ]
        if let firstPhase {
            fields.append(("first_phase", .object([("phase", .string(firstPhase)), ("clients", .int(Int64(entry.firstPhase)))])))
        }
        return .object(fields)
    }

    static func ranked(_ entry: PortfolioSummary.RankedClient) -> JSON {
        .object([
            ("rank", .int(Int64(entry.rank))),
            ("name", .string(entry.name)),
            ("organization", .string(entry.organization)),
            ("input", .string(entry.input)),
            ("total_gap", number(entry.totalGap)),
            ("overall_score", number(entry.overallScore)),
            ("overall_level", level(entry.overallLevel)),
            ("initiatives", .int(Int64(entry.initiativeCount))),
        ])
    }

    static func failure(_ entry: PortfolioSummary.FailedInput) -> JSON {
        .object([
            ("index", .int(Int64(entry.index))),
            ("input", .string(entry.input)),
            ("status", .string(entry.status)),
            ("errors", .array(entry.messages.map { .string($0) })),
        ])
    }

    // MARK: - Result lines

    /// The result line of a client that was evaluated.
    public static func result(_ client: ClientSummary, position: PortfolioPosition?, outputs: [String]) -> JSON {
        var dimensions: [(String, JSON)] = []
        for dimension in client.dimensions {
            var fields: [(String, JSON)] = [
                ("score", number(dimension.score)),
                ("level", level(dimension.level)),
                ("gap", number(dimension.gap)),
            ]
            if let entry = position?.entry(dimension.id) {
                fields.append(("percentile", number(entry.percentile, 1)))
            }
            dimensions.append((dimension.id, .object(fields)))
        }
        var fields: [(String, JSON)] = [
            ("schema", .string(resultSchema)),
            ("index", .int(Int64(client.index))),
            ("input", .string(client.input)),
            ("name", .string(client.name)),
            ("status", .string(client.failedRules.isEmpty ? "ok" : "rule_failure")),
            ("organization", .string(client.organization)),
            ("overall", .object([("score", number(client.overallScore)), ("level", level(client.overallLevel))])),
            ("total_gap", number(client.totalGap)),
            ("dimensions", .object(dimensions)),
            ("initiatives", .array(client.initiatives.map { proposal in
                .object([
                    ("id", .string(proposal.id)),
                    ("priority", number(proposal.priority, 2)),
                    ("phase", proposal.phase.map { .string($0) } ?? .null),
                ])
            })),
            ("failed_rules", .array(client.failedRules.map { .string($0) })),
        ]
        if !client.failureMessages.isEmpty {
            fields.append(("errors", .array(client.failureMessages.map { .string($0) })))
        }
        fields.append(("outputs", .array(outputs.map { .string($0) })))
        return .object(fields)
    }

    /// The result line of a file skipped because it is another kind of csm document.
    public static func skippedResult(index: Int, input: String, reason: String) -> JSON {
        .object([
            ("schema", .string(resultSchema)),
            ("index", .int(Int64(index))),
            ("input", .string(input)),
            ("status", .string("skipped")),
            ("reason", .string(reason)),
        ])
    }

    /// The result line of an input that has no result.
    public static func failedResult(index: Int, input: String, status: String, messages: [String]) -> JSON {
        .object([
            ("schema", .string(resultSchema)),
            ("index", .int(Int64(index))),
            ("input", .string(input)),
            ("status", .string(status)),
            ("errors", .array(messages.map { .string($0) })),
        ])
    }
}
