import CSMJSON
import CSMPlanning
@testable import CSMRender
import CSMRun
import CSMSystem
import Foundation
import XCTest

/// The package root, three levels above this file (Tests/CSMRenderTests/TextRendererTests.swift).
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs one sample with the built-in model and rule pack.
private func runSample(_ name: String, explain: Bool = false) throws -> RunRecord {
    let path = packageRoot.appendingPathComponent("samples").appendingPathComponent(name).path
    return try Runner.run(RunOptions(assessmentPath: path, explain: explain))
}

/// Lists every `samples/*.json` file name, sorted.
private func sampleNames() throws -> [String] {
    let folder = packageRoot.appendingPathComponent("samples")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
}

private let escape = "\u{1B}["

final class TextRendererTests: XCTestCase {
    // MARK: - Scores

    func testHeadingNamesOrganization() throws {
        let text = TextRenderer(style: Style(enabled: false)).render(try runSample("northwind-mid-market.json"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)

        XCTAssertEqual(lines.first, "Northwind Cloud (mid-market) · assessed 2026-10-15",
                       "the first line names the organization, its segment and the assessment date")
        XCTAssertGreaterThan(lines.count, 1, "the view has more than a heading")
        XCTAssertTrue(lines.dropFirst().first?.hasPrefix("Overall ") ?? false, "the second line is the overall score")
    }

    func testOneLinePerCompetencyAndDimension() throws {
        for name in try sampleNames() {
            let record = try runSample(name)
            let lines = TextRenderer(style: Style(enabled: false), top: nil).render(record)
                .split(separator: "\n").map(String.init)

            for competency in record.model.competencies {
                let matches = lines.filter { $0.hasPrefix(padded(competency.name)) }
                XCTAssertEqual(matches.count, 1, "\(name): one line for competency '\(competency.name)'")
            }
            for dimension in record.model.dimensions {
                let matches = lines.filter { $0.hasPrefix(padded("  " + dimension.label)) }
                XCTAssertEqual(matches.count, 1, "\(name): one line for dimension '\(dimension.label)'")
            }
        }
    }

    func testDimensionLineShowsScoreLevelGap() throws {
        let lines = TextRenderer(style: Style(enabled: false)).render(try runSample("northwind-mid-market.json"))
            .split(separator: "\n").map(String.init)
        let value = try XCTUnwrap(lines.first { $0.hasPrefix("  Value measurement") }, "expected a Value measurement line")
        let investment = try XCTUnwrap(lines.first { $0.hasPrefix("  Executive investment") },
                                       "expected an Executive investment line")

        XCTAssertTrue(value.contains(" 0.50 reactive "), "score and level of value measurement: \(value)")
        XCTAssertTrue(value.hasSuffix("gap 1.50"), "gap of value measurement: \(value)")
        XCTAssertTrue(investment.hasSuffix("at target"), "a dimension above its target shows 'at target': \(investment)")
    }

    func testNotAssessedDimension() throws {
        let record = try runSample("brightpath-early-stage.json")
        let lines = TextRenderer(style: Style(enabled: false)).render(record).split(separator: "\n").map(String.init)
        let line = try XCTUnwrap(lines.first { $0.hasPrefix("  Executive investment") },
                                 "expected an Executive investment line")

        XCTAssertTrue(line.hasSuffix("not assessed"), "a dimension without a score shows 'not assessed': \(line)")
        XCTAssertFalse(line.contains("gap"), "a dimension that is not assessed has no gap: \(line)")
        XCTAssertFalse(line.contains("0.00"), "a dimension that is not assessed is never shown as 0: \(line)")
    }

    // MARK: - Initiatives

    func testTopLimitsInitiatives() throws {
        let record = try runSample("northwind-mid-market.json")
        let total = record.plan.initiatives.count
        XCTAssertGreaterThan(total, 3, "the sample needs more than three initiatives for this test")
        let text = TextRenderer(style: Style(enabled: false), top: 3).render(record)

        XCTAssertEqual(rankLines(text).map(\.rank), [1, 2, 3], "only the top three initiatives are listed")
        XCTAssertTrue(text.contains("Initiatives (\(total)), top 3"), "the heading gives the total and the limit")
        XCTAssertTrue(text.contains("  … \(total - 3) more; use --top 0 to list all"), "a line counts the initiatives left out")
    }

    func testTopNilListsAll() throws {
        let record = try runSample("northwind-mid-market.json")
        let total = record.plan.initiatives.count
        let text = TextRenderer(style: Style(enabled: false), top: nil).render(record)

        XCTAssertEqual(rankLines(text).map(\.rank), Array(1...total), "every initiative is listed in rank order")
        XCTAssertTrue(text.contains("Initiatives (\(total))"), "the heading gives the total")
        XCTAssertFalse(text.contains(", top "), "no limit in the heading")
        XCTAssertFalse(text.contains(" more; use --top 0"), "no line about initiatives left out")
    }

    func testTopAboveCountListsAll() throws {
        let record = try runSample("northwind-mid-market.json")
        let total = record.plan.initiatives.count
        let text = TextRenderer(style: Style(enabled: false), top: total + 5).render(record)

        XCTAssertEqual(rankLines(text).count, total, "a limit above the count lists every initiative")
        XCTAssertFalse(text.contains(" more; use --top 0"), "no line about initiatives left out")
    }

    func testInitiativeLineShowsTitleAndPriority() throws {
        let record = try runSample("northwind-mid-market.json")
        let first = try XCTUnwrap(record.plan.initiatives.first, "expected at least one initiative")
        let text = TextRenderer(style: Style(enabled: false), top: 1).render(record)
        let line = try XCTUnwrap(rankLines(text).first?.line, "expected a rank line")

        XCTAssertTrue(line.contains(first.title), "the rank line shows the title: \(line)")
        XCTAssertTrue(line.hasSuffix(String(format: "%.2f", first.priority)), "the rank line ends with the priority: \(line)")
    }

    // MARK: - Colour

    func testNoEscapesWhenStyleDisabled() throws {
        for name in try sampleNames() {
            let record = try runSample(name, explain: true)
            let plain = TextRenderer(style: Style(enabled: false), top: nil, explain: true).render(record)
            XCTAssertFalse(plain.contains(escape), "\(name): no ANSI escape codes with colour off")
        }
    }

    func testEscapesWhenStyleEnabled() throws {
        let record = try runSample("northwind-mid-market.json")
        let colored = TextRenderer(style: Style(enabled: true)).render(record)

        XCTAssertTrue(colored.contains(escape + "1m"), "bold headings with colour on")
        XCTAssertTrue(colored.contains(escape + "0m"), "styles are reset with colour on")
        let plain = TextRenderer(style: Style(enabled: false)).render(record)
        XCTAssertEqual(stripEscapes(colored), plain, "colour adds escape codes and nothing else")
    }

    // MARK: - Explain

    func testExplainShowsRulesReadsSteps() throws {
        let record = try runSample("brightpath-early-stage.json", explain: true)
        let text = TextRenderer(style: Style(enabled: false), top: 3, explain: true).render(record)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }

        for initiative in record.plan.initiatives.prefix(3) {
            for reason in initiative.reasons {
                XCTAssertTrue(lines.contains("rule \(reason.ruleID) (pack \(reason.pack), \(reason.location))"),
                              "\(initiative.id): the proposing rule with pack, file and line")
                XCTAssertFalse(reason.trace.isEmpty, "\(initiative.id): explain records the reads of \(reason.ruleID)")
                for entry in reason.trace {
                    XCTAssertTrue(lines.contains { $0.contains("\(entry.call) = \(entry.value)") },
                                  "\(initiative.id): the read \(entry.call)")
                }
            }
            for step in PriorityArithmetic.steps(initiative.breakdown) {
                XCTAssertTrue(lines.contains(step), "\(initiative.id): the priority step '\(step)'")
            }
            XCTAssertTrue(lines.contains("× 10 = priority " + String(format: "%.2f", initiative.priority)),
                          "\(initiative.id): the last step gives the priority")
        }
    }

    func testExplainOffHidesRules() throws {
        let record = try runSample("brightpath-early-stage.json", explain: true)
        let text = TextRenderer(style: Style(enabled: false), top: 3, explain: false).render(record)

        XCTAssertFalse(text.contains("(pack core, "), "no rule locations without explain")
        XCTAssertFalse(text.contains("× weight"), "no priority steps without explain")
    }

    func testPriorityStepsArithmetic() throws {
        let record = try runSample("brightpath-early-stage.json")
        for initiative in record.plan.initiatives {
            let steps = PriorityArithmetic.steps(initiative.breakdown)
            XCTAssertTrue(steps.first?.hasPrefix("gap ") ?? false, "\(initiative.id): the steps start with the gap")
            XCTAssertEqual(steps.last, "× 10 = priority " + String(format: "%.2f", initiative.priority),
                           "\(initiative.id): the steps end with the priority")
            let breakdown = initiative.breakdown
            let product = breakdown.factors.reduce(1.0) { $0 * $1.factor }
            let clampLines = !breakdown.factors.isEmpty && breakdown.combinedFactor != product ? 1 : 0
            XCTAssertEqual(steps.count, 6 + breakdown.factors.count + clampLines,
                           "\(initiative.id): gap, weight, impact, effort, step, one line per factor, priority")
        }
    }

    // MARK: - Bar

    private struct BarCase {
        let name: String
        let score: Double
        let target: Double
        let full: Int
        let partial: String
        let missing: Int
        let rest: Int
    }

    // 18 cells for 0 to 3, so 6 cells per point and 1/8 cell steps for the partial cell.
    private let barCases: [BarCase] = [
        BarCase(name: "zero score", score: 0, target: 2, full: 0, partial: "", missing: 12, rest: 6),
        BarCase(name: "half way", score: 1.5, target: 2, full: 9, partial: "", missing: 3, rest: 6),
        BarCase(name: "partial cell", score: 1.42, target: 2, full: 8, partial: "▌", missing: 3, rest: 6),
        BarCase(name: "smallest partial", score: 0.03, target: 1, full: 0, partial: "▏", missing: 5, rest: 12),
        BarCase(name: "largest partial", score: 2.99, target: 3, full: 17, partial: "▉", missing: 0, rest: 0),
        BarCase(name: "full scale", score: 3, target: 3, full: 18, partial: "", missing: 0, rest: 0),
        BarCase(name: "above target", score: 2.5, target: 2, full: 15, partial: "", missing: 0, rest: 3),
        BarCase(name: "at target", score: 1, target: 1, full: 6, partial: "", missing: 0, rest: 12),
        BarCase(name: "target optimizing", score: 0.5, target: 3, full: 3, partial: "", missing: 15, rest: 0),
    ]

    func testBarCellCounts() {
        let renderer = TextRenderer()
        for testCase in barCases {
            let bar = renderer.bar(score: testCase.score, target: testCase.target)
            let expected = String(repeating: "█", count: testCase.full) + testCase.partial
                + String(repeating: "░", count: testCase.missing) + String(repeating: "·", count: testCase.rest)

            XCTAssertEqual(bar, expected, "\(testCase.name): bar for score \(testCase.score), target \(testCase.target)")
            XCTAssertEqual(bar.count, 18, "\(testCase.name): a bar is always 18 cells")
        }
    }

    // MARK: - Helpers

    private func padded(_ text: String) -> String {
        text.count >= 28 ? text : text + String(repeating: " ", count: 28 - text.count)
    }

    /// Lines that start an initiative: a right-aligned rank, two spaces, the title.
    private func rankLines(_ text: String) -> [(rank: Int, line: String)] {
        text.split(separator: "\n").compactMap { line in
            let head = line.prefix(5)
            guard head.count == 5, head.hasSuffix("  "), let rank = Int(head.dropLast(2).trimmingCharacters(in: .whitespaces))
            else { return nil }
            return (rank, String(line))
        }
    }

    private func stripEscapes(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix(escape), let end = text[index...].firstIndex(of: "m") {
                index = text.index(after: end)
                continue
            }
            result.append(text[index])
            index = text.index(after: index)
        }
        return result
    }
}

final class RunRecordJSONTests: XCTestCase {
    static let topLevelKeys = ["schema", "engine", "model", "rule_packs", "assessment", "summary", "competencies",
                               "dimensions", "facts", "initiatives", "roadmap", "scorecard", "rules", "warnings"]

    func testJSONRoundTripsThroughParser() throws {
        for name in try sampleNames() {
            let text = try runSample(name).jsonText
            let node = try JSONParser.parse(Array(text.utf8))
            XCTAssertEqual(JSONWriter.write(node.plain, pretty: true), text, "\(name): parsing and writing again gives the same text")
        }
    }

    func testTopLevelKeysInOrder() throws {
        for name in try sampleNames() {
            let node = try JSONParser.parse(Array(try runSample(name).jsonText.utf8))
            let object = try XCTUnwrap(node.value.asObject, "\(name): the run record is a JSON object")
            XCTAssertEqual(object.members.map(\.key), Self.topLevelKeys, "\(name): top-level keys in the documented order")
            XCTAssertEqual(object["schema"]?.value.asString, "csm.run/v1", "\(name): schema id")
        }
    }

    func testInitiativeRanksConsecutive() throws {
        for name in try sampleNames() {
            let record = try runSample(name)
            let node = try JSONParser.parse(Array(record.jsonText.utf8))
            let initiatives = try XCTUnwrap(node.value.asObject?["initiatives"]?.value.asArray, "\(name): initiatives array")
            let ranks = initiatives.map { $0.value.asObject?["rank"]?.value.asNumber?.int64 }

            XCTAssertFalse(initiatives.isEmpty, "\(name): the sample should produce initiatives")
            XCTAssertEqual(ranks, (0..<initiatives.count).map { Int64($0 + 1) }, "\(name): ranks run 1 to n")
            let count = node.value.asObject?["summary"]?.value.asObject?["initiatives"]?.value.asNumber?.int64
            XCTAssertEqual(count, Int64(initiatives.count), "\(name): summary counts the initiatives")
        }
    }

    func testTwoRunsByteIdentical() throws {
        for name in try sampleNames() {
            let first = try runSample(name).jsonText
            let second = try runSample(name).jsonText
            XCTAssertEqual(Array(first.utf8), Array(second.utf8), "\(name): the same inputs give the same bytes")
        }
    }

    func testExplainAddsReads() throws {
        let plain = try JSONParser.parse(Array(try runSample("helio-multi-respondent.json").jsonText.utf8))
        let explained = try JSONParser.parse(Array(try runSample("helio-multi-respondent.json", explain: true).jsonText.utf8))
        let plainReason = plain.value.asObject?["initiatives"]?.value.asArray?.first?.value.asObject?["reasons"]?
            .value.asArray?.first?.value.asObject
        let explainedReason = explained.value.asObject?["initiatives"]?.value.asArray?.first?.value.asObject?["reasons"]?
            .value.asArray?.first?.value.asObject

        XCTAssertNil(plainReason?["reads"], "reasons carry no reads without explain")
        XCTAssertNotNil(explainedReason?["reads"]?.value.asArray, "reasons carry their reads with explain")
    }
}
