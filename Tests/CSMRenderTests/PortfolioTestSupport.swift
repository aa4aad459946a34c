import CSMModel
import CSMPortfolio
import CSMRun
import Foundation
import XCTest

/// A portfolio built from real runs the way `csm batch` builds it: a first pass
/// folds every valid assessment into the distribution, and a second pass adds
/// each client to the summary and gives its run record a position.
struct PortfolioFixture {
    /// An input that has no result, added as a failure.
    struct Failure {
        let input: String
        let status: String
        let messages: [String]
    }

    /// Run records in input order, each with its portfolio position.
    let records: [RunRecord]
    let summary: PortfolioSummary
    let distribution: PortfolioDistribution

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Lists the sample assessments, sorted, as absolute paths.
    static func samplePaths() throws -> [String] {
        let folder = packageRoot.appendingPathComponent("samples")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    /// Runs every sample, then appends `failures` after the evaluated clients.
    static func samples(failures: [Failure] = [], rankingLimit: Int? = nil) throws -> PortfolioFixture {
        let records = try samplePaths().map { try Runner.run(RunOptions(assessmentPath: $0)) }
        return try PortfolioFixture(records: records, failures: failures, rankingLimit: rankingLimit)
    }

    /// Builds a portfolio in which no input had a valid assessment.
    static func empty(failures: [Failure] = []) throws -> PortfolioFixture {
        let model = try Runner.run(RunOptions(assessmentPath: try samplePaths()[0])).model
        return PortfolioFixture(model: model, records: [], failures: failures, rankingLimit: nil)
    }

    init(records: [RunRecord], failures: [Failure], rankingLimit: Int?) throws {
        let model = try XCTUnwrap(records.first?.model, "a portfolio fixture needs at least one run")
        self.init(model: model, records: records, failures: failures, rankingLimit: rankingLimit)
    }

    init(model: MaturityModel, records: [RunRecord], failures: [Failure], rankingLimit: Int?) {
        var distribution = PortfolioDistribution(model: model)
        for record in records { distribution.add(record.evaluation) }

        let firstPhase = records.first?.roadmap.phases.first?.definition.name ?? "Now"
        var builder = PortfolioBuilder(model: model, distribution: distribution, rankingLimit: rankingLimit,
                                       firstPhaseName: firstPhase)
        var positioned: [RunRecord] = []
        for (offset, record) in records.enumerated() {
            let source = record.assessment.source
            let name = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
            builder.add(ClientSummary(index: offset + 1, input: source, name: name, evaluation: record.evaluation,
                                      plan: record.plan, roadmap: record.roadmap,
                                      failedRules: record.failures.compactMap(\.ruleID)))
            var copy = record
            copy.portfolio = distribution.position(of: record.evaluation)
            positioned.append(copy)
        }
        for (offset, failure) in failures.enumerated() {
            builder.addFailure(index: records.count + offset + 1, input: failure.input, status: failure.status,
                               messages: failure.messages)
        }
        self.records = positioned
        self.summary = builder.summary()
        self.distribution = distribution
    }

    func record(_ fileName: String) throws -> RunRecord {
        try XCTUnwrap(records.first { $0.assessment.source.hasSuffix("/" + fileName) }, "expected the sample \(fileName)")
    }
}

/// Returns every substring of `text` that starts with `open` and ends with the next `close`.
func portfolioBlocks(in text: String, from open: String, to close: String) -> [Substring] {
    var result: [Substring] = []
    var rest = text[...]
    while let start = rest.range(of: open) {
        guard let end = rest[start.upperBound...].range(of: close) else { break }
        result.append(rest[start.lowerBound..<end.upperBound])
        rest = rest[end.upperBound...]
    }
    return result
}

/// Returns the lines of a Markdown table whose header row starts with `header`.
func markdownTable(in text: String, header: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return [] }
    return Array(lines[start...].prefix { $0.hasPrefix("|") })
}

/// Splits a Markdown table row into its cells at unescaped pipes, trimming spaces.
func markdownCells(_ row: String) -> [String] {
    var cells: [String] = []
    var cell = ""
    var escaped = false
    for character in row {
        if escaped {
            cell.append(character)
            escaped = false
        } else if character == "\\" {
            cell.append(character)
            escaped = true
        } else if character == "|" {
            cells.append(cell.trimmingCharacters(in: .whitespaces))
            cell = ""
        } else {
            cell.append(character)
        }
    }
    cells.append(cell.trimmingCharacters(in: .whitespaces))
    return Array(cells.dropFirst().dropLast())
}
