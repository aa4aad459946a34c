import CSMEvaluator
import CSMModel
import CSMPortfolio
import Foundation
import XCTest

/// Builds portfolios from the sample assessments (scores only; initiatives are made up).
final class PortfolioBuilderTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples")

    private func evaluation(_ name: String) throws -> Evaluation {
        let model = try ModelLoader.builtin()
        let assessment = try AssessmentParser.parse(path: Self.samples.appendingPathComponent(name).path, model: model)
        return Evaluator.evaluate(assessment, model: model)
    }

    private func client(_ index: Int, _ evaluation: Evaluation, initiatives: [String]) -> ClientSummary {
        ClientSummary(
            index: index, input: "client-\(index).json", name: "client-\(index)",
            organization: evaluation.assessment.organization.name,
            overallScore: evaluation.overall.score, overallLevel: evaluation.overall.level,
            dimensions: evaluation.dimensions.map { .init(id: $0.id, score: $0.score, level: $0.level, gap: $0.gap) },
            initiatives: initiatives.map { .init(id: $0, title: "Title of \($0)", priority: 10, phase: "Now") })
    }

    func testDistributionAndPosition() throws {
        let model = try ModelLoader.builtin()
        let northwind = try evaluation("northwind-mid-market.json")
        let brightpath = try evaluation("brightpath-early-stage.json")
        var distribution = PortfolioDistribution(model: model)
        distribution.add(northwind)
        distribution.add(brightpath)
        distribution.add(northwind)
        XCTAssertEqual(distribution.clientCount, 3)

        let position = distribution.position(of: northwind)
        XCTAssertEqual(position.clientCount, 3)
        XCTAssertEqual(position.dimensions.count, model.dimensions.count)
        let journey = try XCTUnwrap(position.entry("customer_lifecycle.codified_journey"))
        // Northwind 1.5 twice and BrightPath 0.5: one below, two equal, so (1 + 2 / 2) / 3.
        XCTAssertEqual(journey.percentile!, 200.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(journey.score, 1.5)
        XCTAssertEqual(distribution.position(of: brightpath).entry(journey.dimensionID)!.percentile!, 100.0 / 6, accuracy: 1e-9)
        let culture = try XCTUnwrap(position.entry("customer_lifecycle.customer_centric_culture"))
        // Northwind 2.0 twice and BrightPath 1.0: one below, two equal.
        XCTAssertEqual(culture.percentile!, (1 + 1) / 3 * 100, accuracy: 1e-9)
        XCTAssertEqual(culture.median!, 2, accuracy: 1e-9)
    }

    func testUnassessedDimensionHasNoPercentile() throws {
        let model = try ModelLoader.builtin()
        let brightpath = try evaluation("brightpath-early-stage.json")
        var distribution = PortfolioDistribution(model: model)
        distribution.add(brightpath)
        let entry = try XCTUnwrap(distribution.position(of: brightpath).entry("economic_model.executive_investment"))
        XCTAssertNil(entry.score)
        XCTAssertNil(entry.percentile)
        XCTAssertEqual(entry.assessedClients, 0)
    }

    func testSummaryCountsRanksAndTalliesInOrder() throws {
        let model = try ModelLoader.builtin()
        let northwind = try evaluation("northwind-mid-market.json")
        let brightpath = try evaluation("brightpath-early-stage.json")
        var distribution = PortfolioDistribution(model: model)
        distribution.add(northwind)
        distribution.add(brightpath)
        var builder = PortfolioBuilder(model: model, distribution: distribution, rankingLimit: 2, firstPhaseName: "Now")
        builder.add(client(1, northwind, initiatives: ["a", "b"]))
        builder.add(client(2, brightpath, initiatives: ["b"]))
        builder.add(client(3, northwind, initiatives: ["b", "c", "b"]))
        builder.addFailure(index: 4, input: "bad.json", status: "invalid", messages: ["bad.json:1:1: oops"])
        builder.addSkipped()
        let summary = builder.summary()

        XCTAssertEqual(summary.inputCount, 5)
        XCTAssertEqual(summary.evaluatedCount, 3)
        XCTAssertEqual(summary.invalidCount, 1)
        XCTAssertEqual(summary.skippedCount, 1)
        XCTAssertEqual(summary.failures.map(\.input), ["bad.json"])

        XCTAssertEqual(summary.initiatives.map(\.id), ["b", "a", "c"], "most frequent first, then by id")
        XCTAssertEqual(summary.initiatives[0].clients, 3, "an initiative counts once per client")
        XCTAssertEqual(summary.initiatives[0].firstPhase, 3)
        XCTAssertEqual(summary.initiatives[0].share, 1, accuracy: 1e-9)

        XCTAssertEqual(summary.ranking.count, 2, "the ranking keeps the requested number")
        XCTAssertEqual(summary.ranking.map(\.rank), [1, 2])
        XCTAssertGreaterThanOrEqual(summary.ranking[0].totalGap, summary.ranking[1].totalGap)
        if summary.ranking[0].totalGap == summary.ranking[1].totalGap {
            XCTAssertLessThan(summary.ranking[0].index, summary.ranking[1].index, "ties go to the earlier input")
        }

        let journey = try XCTUnwrap(summary.dimensions.first { $0.id == "customer_lifecycle.codified_journey" })
        XCTAssertEqual(journey.assessed, 2)
        XCTAssertEqual(journey.levelCounts.map(\.count).reduce(0, +), 2)
    }

    func testRankingWithoutLimitKeepsEveryone() throws {
        let model = try ModelLoader.builtin()
        let northwind = try evaluation("northwind-mid-market.json")
        var builder = PortfolioBuilder(model: model, distribution: PortfolioDistribution(model: model),
                                       rankingLimit: nil, firstPhaseName: nil)
        for index in 1...30 { builder.add(client(index, northwind, initiatives: [])) }
        let summary = builder.summary()
        XCTAssertEqual(summary.ranking.map(\.index), Array(1...30), "equal gaps keep input order")
    }

    func testSummaryJSONShape() throws {
        let model = try ModelLoader.builtin()
        var builder = PortfolioBuilder(model: model, distribution: PortfolioDistribution(model: model),
                                       rankingLimit: 20, firstPhaseName: "Now")
        builder.addFailure(index: 1, input: "x.jsonl:3", status: "invalid", messages: ["x.jsonl:3:1: bad"])
        let json = PortfolioJSON.summary(builder.summary(), engineVersion: "9.9.9")
        guard case let .object(fields) = json else { return XCTFail("expected an object") }
        XCTAssertEqual(fields.map(\.0), ["schema", "engine", "model", "clients", "dimensions", "initiatives", "ranking", "failures"])
        XCTAssertEqual(fields[0].1, .string("csm.portfolio/v1"))
    }
}
