import CSMModel
import CSMPortfolio
@testable import CSMRender
import CSMRun
import CSMSystem
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// The five samples and one invalid input, folded into a portfolio once for all tests.
private let samplePortfolio: Result<PortfolioFixture, any Error> = Result {
    try PortfolioFixture.samples(failures: [
        PortfolioFixture.Failure(input: "clients/broken.json", status: "invalid",
                                 messages: ["broken.json:3:4: organization.name: missing", "broken.json:9:1: assessed_on: missing"]),
    ])
}

private func portfolio() throws -> PortfolioFixture {
    try samplePortfolio.get()
}

private func dimension(_ summary: PortfolioSummary, _ label: String) throws -> PortfolioSummary.DimensionDistribution {
    try XCTUnwrap(summary.dimensions.first { $0.label == label }, "expected the dimension \(label)")
}

final class PortfolioRendererTests: XCTestCase {
    // MARK: - Markdown

    func testMarkdownHeadlineCounts() throws {
        let text = PortfolioRenderer().markdown(try portfolio().summary)
        let table = markdownTable(in: text, header: "| Inputs |")

        XCTAssertEqual(table.count, 3, "a header, a rule and one row of counts")
        XCTAssertEqual(table.last.map(markdownCells), ["6", "5", "1", "0", "0"], "inputs, evaluated, invalid, rule failures, skipped")
        XCTAssertTrue(text.contains("5 of 6 inputs were evaluated; 1 assessment was invalid; rules failed for 0 clients."),
                      "the counts are also said in a sentence")
    }

    func testMarkdownSectionsInOrder() throws {
        let text = PortfolioRenderer().markdown(try portfolio().summary)
        let headings = ["# Customer Success portfolio", "## Clients", "## Scores by dimension", "## Most frequent initiatives",
                        "## Clients by total gap", "## Failed inputs"]
        var previous = text.startIndex

        for heading in headings {
            let range = text.range(of: "\n" + heading + "\n") ?? text.range(of: heading + "\n")
            XCTAssertNotNil(range, "expected the heading \(heading)")
            guard let range else { continue }
            XCTAssertLessThanOrEqual(previous, range.lowerBound, "\(heading) comes after the heading before it")
            previous = range.upperBound
        }
    }

    func testMarkdownGroupsDimensionsByCompetency() throws {
        let fixture = try portfolio()
        let text = PortfolioRenderer().markdown(fixture.summary)
        let model = try fixture.record("northwind-mid-market.json").model
        let competencyHeadings = text.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4)) }

        XCTAssertEqual(competencyHeadings, model.competencies.map { MarkdownText.heading($0.name) },
                       "one subsection per competency, in model order")
        for competency in model.competencies {
            let section = try XCTUnwrap(text.components(separatedBy: "### " + MarkdownText.heading(competency.name) + "\n").last)
            let rows = markdownTable(in: section, header: "| Dimension |").dropFirst(2).map { markdownCells($0)[0] }
            let expected = model.dimensions.filter { $0.competencyID == competency.id }.map(\.label)
            XCTAssertEqual(rows, expected, "\(competency.name) lists its own dimensions")
        }
    }

    func testMarkdownDistributionRowMatchesSummary() throws {
        let summary = try portfolio().summary
        let text = PortfolioRenderer().markdown(summary)
        let journey = try dimension(summary, "Codified journey")
        let row = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("| Codified journey |") }).description
        let statistics = try [journey.minimum, journey.p25, journey.median, journey.p75, journey.maximum, journey.mean]
            .map { Formatting.fixed(try XCTUnwrap($0), 2) }
        let expected = ["Codified journey", "5", "0"] + statistics + journey.levelCounts.map { String($0.count) }

        XCTAssertEqual(markdownCells(row), expected, "label, assessed, not assessed, six statistics, four level counts")
        XCTAssertEqual(journey.levelCounts.reduce(0) { $0 + $1.count }, 5, "every client that assessed it has a level")
    }

    func testMarkdownPartlyAssessedDimension() throws {
        let summary = try portfolio().summary
        let row = try XCTUnwrap(PortfolioRenderer().markdown(summary).split(separator: "\n")
            .first { $0.hasPrefix("| Executive investment |") }).description
        let cells = markdownCells(row)

        XCTAssertEqual(cells[1], "4", "four samples assessed executive investment")
        XCTAssertEqual(cells[2], "1", "BrightPath did not assess it")
        XCTAssertFalse(cells.contains("—"), "the four scores give every statistic")
    }

    func testMarkdownInitiativeTable() throws {
        let summary = try portfolio().summary
        let text = PortfolioRenderer().markdown(summary)
        let table = markdownTable(in: text, header: "| # | Initiative |")
        let first = try XCTUnwrap(summary.initiatives.first)

        XCTAssertEqual(markdownCells(table[0]), ["#", "Initiative", "Clients", "Share", "Mean priority", "In Now"],
                       "the last column counts the first roadmap phase by name")
        XCTAssertEqual(table.count, summary.initiatives.count + 2, "every initiative is listed without a limit")
        XCTAssertEqual(markdownCells(table[2]), [
            "1", "\(MarkdownText.cell(first.title)) (`\(first.id)`)", String(first.clients),
            Formatting.fixed(first.share * 100, 1) + " %", Formatting.fixed(first.meanPriority, 2), String(first.firstPhase),
        ], "the most frequent initiative comes first with its numbers")
    }

    func testMarkdownInitiativeLimit() throws {
        let summary = try portfolio().summary
        let text = PortfolioRenderer(initiativeLimit: 3).markdown(summary)

        XCTAssertEqual(markdownTable(in: text, header: "| # | Initiative |").count, 5, "three initiatives after the header")
        XCTAssertTrue(text.contains("\(summary.initiatives.count - 3) less frequent initiatives are not listed."),
                      "the page says how many were left out")
    }

    func testMarkdownRankingByTotalGap() throws {
        let summary = try portfolio().summary
        let rows = markdownTable(in: PortfolioRenderer().markdown(summary), header: "| Rank | Client |").dropFirst(2).map(markdownCells)
        let gaps = rows.compactMap { Double($0[3]) }

        XCTAssertEqual(rows.count, 5, "every evaluated client is ranked")
        XCTAssertEqual(rows.map { $0[0] }, ["1", "2", "3", "4", "5"], "ranks run from 1")
        XCTAssertEqual(gaps, gaps.sorted(by: >), "the largest total gap comes first")
        XCTAssertEqual(rows.first?[1], summary.ranking.first?.organization, "the client is named by its organization")
    }

    func testMarkdownRankingLimitIsExplained() throws {
        let fixture = try PortfolioFixture.samples(rankingLimit: 2)
        let text = PortfolioRenderer().markdown(fixture.summary)

        XCTAssertEqual(markdownTable(in: text, header: "| Rank | Client |").count, 4, "two ranked clients after the header")
        XCTAssertTrue(text.contains("The 2 clients with the largest total gap of 5 evaluated are listed."),
                      "the page says the ranking is cut")
    }

    func testMarkdownFailedInputsListErrors() throws {
        let text = PortfolioRenderer().markdown(try portfolio().summary)
        let rows = markdownTable(in: text, header: "| # | Input | Status |").dropFirst(2).map(markdownCells)

        XCTAssertEqual(rows.count, 1, "one failed input")
        XCTAssertEqual(rows.first, ["6", "clients/broken.json", "invalid assessment",
                                    "broken.json:3:4: organization.name: missing; broken.json:9:1: assessed\\_on: missing"],
                       "the input's position, path, status and every error")
    }

    func testSkippedFilesAreCounted() throws {
        let fixture = try portfolio()
        var builder = PortfolioBuilder(model: fixture.records[0].model, distribution: fixture.distribution,
                                       rankingLimit: nil, firstPhaseName: "Now")
        builder.addSkipped()
        builder.addSkipped()
        let summary = builder.summary()
        let text = PortfolioRenderer().markdown(summary)

        XCTAssertEqual(markdownTable(in: text, header: "| Inputs |").last.map(markdownCells), ["2", "0", "0", "0", "2"])
        XCTAssertTrue(text.contains("2 files were skipped because they are not assessments."), "the sentence names the skipped files")
        XCTAssertTrue(PortfolioRenderer().html(summary).contains("files that are not assessments"), "the HTML page shows them too")
    }

    func testMarkdownEmptyPortfolio() throws {
        let text = PortfolioRenderer().markdown(try PortfolioFixture.empty().summary)

        XCTAssertTrue(text.contains("No input had a valid assessment, so there are no scores to compare."), "no distribution tables")
        XCTAssertTrue(text.contains("No initiative was proposed to any client."), "no initiative table")
        XCTAssertTrue(text.contains("No client was evaluated."), "no ranking")
        XCTAssertTrue(text.contains("No input failed."), "no failure table")
        XCTAssertEqual(markdownTable(in: text, header: "| Inputs |").last.map(markdownCells), ["0", "0", "0", "0", "0"], "zero counts")
        XCTAssertFalse(text.contains("nan"), "no statistic of an empty distribution is printed")
    }

    func testMarkdownOnlyInvalidInputs() throws {
        let failure = PortfolioFixture.Failure(input: "a.json", status: "invalid", messages: ["a.json: not JSON"])
        let text = PortfolioRenderer().markdown(try PortfolioFixture.empty(failures: [failure]).summary)

        XCTAssertTrue(text.contains("0 of 1 inputs were evaluated; 1 assessment was invalid"), "the counts name the invalid input")
        XCTAssertTrue(text.contains("No input had a valid assessment"), "no distribution without a valid assessment")
        XCTAssertEqual(markdownTable(in: text, header: "| # | Input |").count, 3, "the invalid input is listed")
    }

    func testMarkdownUnassessedDimensionShowsDash() throws {
        let path = try XCTUnwrap(PortfolioFixture.samplePaths().first { $0.hasSuffix("/brightpath-early-stage.json") })
        let record = try Runner.run(RunOptions(assessmentPath: path))
        let summary = try PortfolioFixture(records: [record], failures: [], rankingLimit: nil).summary
        let row = try XCTUnwrap(PortfolioRenderer().markdown(summary).split(separator: "\n")
            .first { $0.hasPrefix("| Executive investment |") }).description

        XCTAssertEqual(markdownCells(row), ["Executive investment", "0", "1", "—", "—", "—", "—", "—", "—", "0", "0", "0", "0"],
                       "no client assessed it: six dashes and zero counts, never 0.00")
    }

    func testMarkdownEscapesHostileText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csm-portfolio-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try HostileFixture.write(in: folder, strings: MarkdownRendererTests.hostile)
        let hostile = try Runner.run(RunOptions(assessmentPath: paths.path, rulePaths: [paths.pack]))
        let failure = PortfolioFixture.Failure(input: "evil | <b>name</b>\n# heading.json", status: "invalid",
                                               messages: ["<script>alert(1)</script> | cell", "[link](javascript:alert(1))"])
        let summary = try PortfolioFixture(records: [hostile], failures: [failure], rankingLimit: nil).summary
        let text = PortfolioRenderer().markdown(summary)

        XCTAssertTrue(MarkdownRendererTests.tablesKeepShape(text), "pipes and newlines in names do not change any table's shape")
        XCTAssertFalse(MarkdownRendererTests.hasUnescaped("<", in: text), "no raw HTML")
        XCTAssertFalse(MarkdownRendererTests.hasUnescaped("](", in: text), "no link syntax")
        XCTAssertEqual(text.split(separator: "\n").filter { $0.hasPrefix("# ") }.count, 1, "a newline in a name cannot start a heading")
        XCTAssertTrue(text.contains("\\<script\\>alert(1)\\</script\\> \\| a \\| b \\|"), "the organization name survives, escaped")
        XCTAssertTrue(text.contains("evil \\| \\<b\\>name\\</b\\> # heading.json"), "the input name survives on one line")
    }

    // MARK: - HTML

    func testHTMLSectionsInOrder() throws {
        let html = PortfolioRenderer().html(try portfolio().summary)
        var previous = html.startIndex

        for section in ["clients", "dimensions", "initiatives", "ranking", "failures"] {
            let range = html.range(of: "<section id=\"\(section)\"")
            XCTAssertNotNil(range, "expected a section with id '\(section)'")
            guard let range else { continue }
            XCTAssertLessThan(previous, range.lowerBound, "section '\(section)' comes after the one before it")
            previous = range.lowerBound
        }
        for section in ["clients", "dimensions", "initiatives", "ranking", "failures"] {
            XCTAssertTrue(html.contains("<a href=\"#\(section)\">"), "the contents link to '\(section)'")
        }
    }

    func testHTMLHeadlineCounts() throws {
        let html = PortfolioRenderer().html(try portfolio().summary)
        let clients = try XCTUnwrap(portfolioBlocks(in: html, from: "<section id=\"clients\"", to: "</section>").first)
        let values = portfolioBlocks(in: String(clients), from: "<div class=\"value\">", to: "</div>")

        XCTAssertEqual(values, ["<div class=\"value\">6</div>", "<div class=\"value\">5</div>", "<div class=\"value\">1</div>",
                                "<div class=\"value\">0</div>", "<div class=\"value\">0</div>"],
                       "inputs, evaluated, invalid, rule failures, skipped")
        XCTAssertTrue(clients.contains("<div class=\"label\">Rule failures</div>"), "each count has a label")
    }

    func testHTMLBoxPlotPerDimension() throws {
        let summary = try portfolio().summary
        let html = PortfolioRenderer().html(summary)
        let plots = portfolioBlocks(in: html, from: "<svg class=\"chart box-plot\"", to: "</svg>")
        let journey = try dimension(summary, "Codified journey")
        let plot = try XCTUnwrap(plots.first { $0.contains("<title id=\"distribution-1-box\">Codified journey:") })
        let median = Formatting.fixed(DistributionChart.x(try XCTUnwrap(journey.median)), 1)
        let boxStart = Formatting.fixed(DistributionChart.x(try XCTUnwrap(journey.p25)), 1)

        XCTAssertEqual(plots.count, summary.dimensions.count, "one box plot per dimension")
        XCTAssertTrue(plot.contains("role=\"img\""), "the box plot is announced as an image")
        XCTAssertTrue(plot.contains("5 clients scored from 0.50 to 3.00, the middle half from 0.50 to 1.50, median 1.30, mean 1.36."),
                      "its title gives the numbers it draws")
        XCTAssertTrue(plot.contains("<line x1=\"\(median)\" y1=\"7\" x2=\"\(median)\" y2=\"27\""), "the median line sits at the median")
        XCTAssertTrue(plot.contains("<rect x=\"\(boxStart)\" y=\"9\""), "the box starts at P25")
    }

    func testHTMLLevelBarPerDimension() throws {
        let summary = try portfolio().summary
        let html = PortfolioRenderer().html(summary)
        let bars = portfolioBlocks(in: html, from: "<svg class=\"chart level-bar\"", to: "</svg>")
        let bar = try XCTUnwrap(bars.first { $0.contains("Value measurement, clients per level") })

        XCTAssertEqual(bars.count, summary.dimensions.count, "one level bar per dimension")
        XCTAssertTrue(bar.contains("Value measurement, clients per level: 3 reactive, 2 adopting, 0 performing, 0 optimizing."),
                      "the title gives every count")
        XCTAssertTrue(bar.contains("<title>reactive: 3 clients</title>"), "each segment names its level and count")
        XCTAssertFalse(bar.contains("<title>performing:"), "a level without clients has no segment")
    }

    func testHTMLDistributionTableMatchesSummary() throws {
        let summary = try portfolio().summary
        let html = PortfolioRenderer().html(summary)
        let journey = try dimension(summary, "Codified journey")
        let row = try XCTUnwrap(portfolioBlocks(in: html, from: "<tr class=\"assessed\"><th scope=\"row\">Codified journey</th>", to: "</tr>").first)
        let cells = portfolioBlocks(in: String(row), from: "<td class=\"num\">", to: "</td>")
            .map { String($0.dropFirst("<td class=\"num\">".count).dropLast("</td>".count)) }
        let statistics = try [journey.minimum, journey.p25, journey.median, journey.p75, journey.maximum, journey.mean]
            .map { Formatting.fixed(try XCTUnwrap($0), 2) }

        XCTAssertEqual(cells, ["5", "0"] + statistics + journey.levelCounts.map { String($0.count) },
                       "assessed, not assessed, six statistics and four level counts")
    }

    func testHTMLUnassessedDimension() throws {
        let path = try XCTUnwrap(PortfolioFixture.samplePaths().first { $0.hasSuffix("/brightpath-early-stage.json") })
        let record = try Runner.run(RunOptions(assessmentPath: path))
        let html = PortfolioRenderer().html(try PortfolioFixture(records: [record], failures: [], rankingLimit: nil).summary)
        let row = try XCTUnwrap(portfolioBlocks(in: html, from: "<tr class=\"not-assessed\">", to: "</tr>").first)

        XCTAssertTrue(row.contains("Executive investment"), "the row is the unassessed dimension's")
        XCTAssertEqual(row.components(separatedBy: "<td class=\"num\">—</td>").count - 1, 6, "six statistics are dashes")
        XCTAssertFalse(row.contains("0.00"), "no statistic is shown as 0")
        XCTAssertTrue(html.contains("Executive investment: no client assessed it."), "the box plot says why it is empty")
    }

    func testHTMLEmptyPortfolio() throws {
        let html = PortfolioRenderer().html(try PortfolioFixture.empty().summary)

        XCTAssertTrue(html.hasSuffix("</html>\n"), "the page is complete")
        XCTAssertFalse(html.contains("<svg class=\"chart box-plot\""), "no box plots without scores")
        XCTAssertTrue(html.contains("No input had a valid assessment, so there are no scores to compare."), "the empty distribution is explained")
        XCTAssertTrue(html.contains("No initiative was proposed to any client."), "the empty initiative list is explained")
        XCTAssertTrue(html.contains("No client was evaluated."), "the empty ranking is explained")
        XCTAssertTrue(html.contains("No input failed."), "the empty failure list is explained")
    }

    func testHTMLIsSelfContained() throws {
        let html = PortfolioRenderer().html(try portfolio().summary)
        let forbidden = ["<script", "src=", "@import", "url(", "<link", "<img", "<iframe", "<object", "<embed", "javascript:"]

        for needle in forbidden {
            XCTAssertFalse(html.localizedCaseInsensitiveContains(needle), "the page contains no '\(needle)'")
        }
        XCTAssertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"),
                      "the page forbids every external resource")
        XCTAssertTrue(html.contains(".distribution-grid"), "the portfolio's own styles are inline")
        XCTAssertTrue(html.contains(".level-adopting"), "the report's style sheet is inline")
    }

    func testHTMLChartsAreWellFormedXML() throws {
        let html = PortfolioRenderer().html(try portfolio().summary)
        let charts = portfolioBlocks(in: html, from: "<svg class=\"chart", to: "</svg>")

        XCTAssertEqual(charts.count, 4 + 2 * 12, "an axis per competency, a box plot and a level bar per dimension")
        for chart in charts {
            let parser = XMLParser(data: Data(chart.utf8))
            XCTAssertTrue(parser.parse(), "chart parses as XML: \(parser.parserError.map(String.init(describing:)) ?? "")")
        }
    }

    func testHTMLIdsAreUnique() throws {
        let html = PortfolioRenderer().html(try portfolio().summary)
        let ids = portfolioBlocks(in: html, from: " id=\"", to: "\"").map(String.init)

        XCTAssertEqual(ids.count, Set(ids).count, "no id is used twice")
    }

    func testHTMLEscapesHostileText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csm-portfolio-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try HostileFixture.write(in: folder, strings: MarkdownRendererTests.hostile)
        let hostile = try Runner.run(RunOptions(assessmentPath: paths.path, rulePaths: [paths.pack]))
        let failure = PortfolioFixture.Failure(input: "evil\"><img src=x onerror=alert(1)>.json", status: "invalid",
                                               messages: ["</td></tr></table><script>alert(2)</script>"])
        let summary = try PortfolioFixture(records: [hostile], failures: [failure], rankingLimit: nil).summary
        let html = PortfolioRenderer().html(summary)

        XCTAssertFalse(html.contains("<script"), "no script element")
        XCTAssertFalse(html.contains("<img"), "no img element")
        XCTAssertFalse(html.contains("</table><script"), "an error message cannot close the table")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | a | b |"), "the organization name is shown as text")
        XCTAssertTrue(html.contains("evil&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.json"), "the input name is shown as text")
        XCTAssertTrue(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(2)&lt;/script&gt;"),
                      "the error message is shown as text")
        for chart in portfolioBlocks(in: html, from: "<svg class=\"chart", to: "</svg>") {
            XCTAssertTrue(XMLParser(data: Data(chart.utf8)).parse(), "hostile text keeps the chart well-formed: \(chart.prefix(120))")
        }
    }

    func testRenderingIsDeterministic() throws {
        let summary = try portfolio().summary
        let again = try PortfolioFixture.samples(failures: [
            PortfolioFixture.Failure(input: "clients/broken.json", status: "invalid",
                                     messages: ["broken.json:3:4: organization.name: missing", "broken.json:9:1: assessed_on: missing"]),
        ]).summary

        XCTAssertEqual(PortfolioRenderer().html(summary), PortfolioRenderer().html(again), "the same inputs give the same page")
        XCTAssertEqual(PortfolioRenderer().markdown(summary), PortfolioRenderer().markdown(again), "the same inputs give the same Markdown")
    }
}
