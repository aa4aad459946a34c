import CSMPortfolio
@testable import CSMRender
import CSMRun
import CSMSystem
import Foundation
import XCTest

/// The five samples folded into a portfolio once for all tests.
private let samplePortfolio: Result<PortfolioFixture, any Error> = Result { try PortfolioFixture.samples() }

/// BrightPath, the weakest sample, with its place among the five samples.
private func brightPath() throws -> RunRecord {
    try samplePortfolio.get().record("brightpath-early-stage.json")
}

final class PortfolioPositionTests: XCTestCase {
    // MARK: - Wording

    func testPercentileWordingCases() {
        let cases: [(value: Double, expected: String)] = [
            (72.4, "72nd percentile"), (0.4, "0th percentile"), (1, "1st percentile"), (2, "2nd percentile"),
            (3, "3rd percentile"), (4, "4th percentile"), (10, "10th percentile"), (11, "11th percentile"),
            (12, "12th percentile"), (13, "13th percentile"), (21, "21st percentile"), (22.5, "23rd percentile"),
            (50, "50th percentile"), (99.6, "100th percentile"), (100, "100th percentile"),
        ]
        for testCase in cases {
            XCTAssertEqual(PortfolioPositionText.percentile(testCase.value), testCase.expected, "percentile \(testCase.value)")
        }
    }

    func testAmongCountsClients() {
        XCTAssertEqual(PortfolioPositionText.among(1), "among 1 client")
        XCTAssertEqual(PortfolioPositionText.among(48), "among 48 clients")
    }

    // MARK: - Text

    func testTextShowsPosition() throws {
        let text = TextRenderer(style: Style(enabled: false)).render(try brightPath())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try XCTUnwrap(lines.firstIndex(of: "Portfolio position among 5 clients"), "expected the heading with the client count")
        let block = Array(lines[(start + 1)...].prefix { !$0.isEmpty })

        XCTAssertEqual(block.count, 12, "one line per dimension")
        XCTAssertEqual(block.first, "  Codified journey            0.50  20th percentile   median 1.30",
                       "two of five clients score 0.50, the lowest, so BrightPath is at the 20th percentile")
        XCTAssertTrue(block.contains("  Executive investment           –  not assessed      median 2.25 · 4 of 5 assessed it"),
                      "an unassessed dimension has no percentile and says how many clients the median counts")
    }

    func testTextPositionComesBeforeInitiatives() throws {
        let text = TextRenderer(style: Style(enabled: false)).render(try brightPath())
        let position = try XCTUnwrap(text.range(of: "Portfolio position"))
        let initiatives = try XCTUnwrap(text.range(of: "Initiatives ("))
        let lastDimension = try XCTUnwrap(text.range(of: "  CS career culture "))

        XCTAssertLessThan(lastDimension.lowerBound, position.lowerBound, "the position follows the scores")
        XCTAssertLessThan(position.lowerBound, initiatives.lowerBound, "the position comes before the initiatives")
    }

    // MARK: - Markdown

    func testMarkdownShowsPosition() throws {
        let text = MarkdownRenderer().render(try brightPath())
        let table = markdownTable(in: text, header: "| Dimension | Score | Portfolio median |")

        XCTAssertTrue(text.contains("\n## Portfolio position\n"), "the section has a heading")
        XCTAssertTrue(text.contains("The table places this client among 5 clients with a valid assessment in the same portfolio."),
                      "the section names the number of clients")
        XCTAssertEqual(table.count, 14, "a header, a rule and twelve dimensions")
        XCTAssertEqual(markdownCells(table[2]), ["Codified journey", "0.50", "1.30", "20th percentile", "5"],
                       "score, median, percentile and clients that assessed the dimension")
        XCTAssertTrue(table.map(markdownCells).contains(["Executive investment", "–", "2.25", "not assessed", "4"]),
                      "an unassessed dimension has no percentile")
        XCTAssertTrue(MarkdownRendererTests.tablesKeepShape(text), "every row has as many cells as its header")
    }

    func testMarkdownPositionBeforeInitiatives() throws {
        let text = MarkdownRenderer().render(try brightPath())
        let position = try XCTUnwrap(text.range(of: "## Portfolio position"))
        let initiatives = try XCTUnwrap(text.range(of: "## Recommended initiatives"))
        let lastCompetency = try XCTUnwrap(text.range(of: "## Enablement"))

        XCTAssertLessThan(lastCompetency.lowerBound, position.lowerBound, "the position follows the competency sections")
        XCTAssertLessThan(position.lowerBound, initiatives.lowerBound, "the position comes before the initiatives")
    }

    // MARK: - HTML

    func testHTMLShowsPosition() throws {
        let html = HTMLRenderer().render(try brightPath())
        let section = try XCTUnwrap(portfolioBlocks(in: html, from: "<section id=\"portfolio\"", to: "</section>").first)
        let journey = try XCTUnwrap(portfolioBlocks(in: String(section), from: "<tr><th scope=\"row\">Codified journey</th>", to: "</tr>").first)

        XCTAssertTrue(html.contains("<li><a href=\"#portfolio\">Portfolio position</a></li>"), "the contents link to the section")
        XCTAssertTrue(section.contains("places this client among 5 clients"), "the section names the number of clients")
        XCTAssertTrue(journey.contains("<td class=\"num\">0.50</td><td class=\"num\">1.30</td><td class=\"nowrap\">20th percentile</td><td class=\"num\">5</td>"),
                      "score, median, percentile and clients that assessed the dimension")
        XCTAssertEqual(section.components(separatedBy: "<th scope=\"rowgroup\"").count - 1, 4, "rows are grouped under the four competencies")
        XCTAssertEqual(section.components(separatedBy: "<th scope=\"row\">").count - 1, 12, "one row per dimension")
        XCTAssertTrue(section.contains("<span class=\"muted\">not assessed</span>"), "the unassessed dimension has no percentile")
    }

    func testHTMLPositionBetweenDimensionsAndInitiatives() throws {
        let html = HTMLRenderer().render(try brightPath())
        let dimensions = try XCTUnwrap(html.range(of: "<section id=\"dimensions\""))
        let position = try XCTUnwrap(html.range(of: "<section id=\"portfolio\""))
        let initiatives = try XCTUnwrap(html.range(of: "<section id=\"initiatives\""))

        XCTAssertLessThan(dimensions.lowerBound, position.lowerBound, "the position follows the dimension tables")
        XCTAssertLessThan(position.lowerBound, initiatives.lowerBound, "the position comes before the initiatives")
        XCTAssertTrue(html.contains("</section>\n<section id=\"initiatives\""), "the sections are separated as the others are")
    }

    // MARK: - Without a portfolio and edge cases

    func testNoPortfolioNoSection() throws {
        var record = try brightPath()
        record.portfolio = nil

        XCTAssertFalse(TextRenderer(style: Style(enabled: false)).render(record).contains("Portfolio position"), "text")
        XCTAssertFalse(MarkdownRenderer().render(record).contains("Portfolio position"), "Markdown")
        XCTAssertFalse(HTMLRenderer().render(record).contains("Portfolio position"), "HTML")
        XCTAssertFalse(HTMLRenderer().render(record).contains("id=\"portfolio\""), "no HTML section")
    }

    func testPositionWithoutCountedScores() throws {
        var record = try brightPath()
        let entries = record.evaluation.dimensions.map { dimension in
            PortfolioPosition.Entry(dimensionID: dimension.id, score: dimension.score, percentile: nil, median: nil, assessedClients: 0)
        }
        record.portfolio = PortfolioPosition(clientCount: 1, dimensions: entries)
        let text = TextRenderer(style: Style(enabled: false)).render(record)
        let markdown = MarkdownRenderer().render(record)

        XCTAssertTrue(text.contains("Portfolio position among 1 client\n"), "one client is named in the singular")
        XCTAssertTrue(text.contains("  Codified journey            0.50  –                 median – · 0 of 1 assessed it"),
                      "a score that no distribution counted has neither percentile nor median")
        XCTAssertTrue(markdown.contains("| Codified journey | 0.50 | – | – | 0 |"), "Markdown shows dashes too")
        XCTAssertFalse(HTMLRenderer().render(record).contains("percentile</td>"), "HTML shows no percentile")
    }
}
