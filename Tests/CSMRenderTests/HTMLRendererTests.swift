@testable import CSMRender
import CSMRun
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// The package root, three levels above this file (Tests/CSMRenderTests/HTMLRendererTests.swift).
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// One sample run with the built-in model and rule pack, and its report.
private struct SampleReport: Sendable {
    let name: String
    let record: RunRecord
    let html: String
}

/// Every `samples/*.json`, run and rendered once for all tests.
private let sampleReports: Result<[SampleReport], any Error> = Result {
    let folder = packageRoot.appendingPathComponent("samples")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
    return try names.map { name in
        let record = try Runner.run(RunOptions(assessmentPath: folder.appendingPathComponent(name).path))
        return SampleReport(name: name, record: record, html: HTMLRenderer().render(record))
    }
}

private func samples() throws -> [SampleReport] {
    let reports = try sampleReports.get()
    XCTAssertGreaterThanOrEqual(reports.count, 4, "expected the four samples")
    return reports
}

private func sample(_ name: String) throws -> SampleReport {
    try XCTUnwrap(try samples().first { $0.name == name }, "expected the sample \(name)")
}

/// Returns every substring of `text` that starts with `open` and ends with the next `close`.
private func blocks(in text: String, from open: String, to close: String) -> [Substring] {
    var result: [Substring] = []
    var rest = text[...]
    while let start = rest.range(of: open) {
        guard let end = rest[start.upperBound...].range(of: close) else { break }
        result.append(rest[start.lowerBound..<end.upperBound])
        rest = rest[end.upperBound...]
    }
    return result
}

/// Returns the values of every `name="..."` attribute in `html`.
private func attributeValues(_ name: String, in html: String) -> [String] {
    blocks(in: html, from: " \(name)=\"", to: "\"").map { block in
        String(block.dropFirst(name.count + 3).dropLast())
    }
}

private func occurrences(of needle: String, in text: Substring) -> Int {
    text.components(separatedBy: needle).count - 1
}

final class HTMLRendererTests: XCTestCase {
    // MARK: - Structure on every sample

    func testSamplesHaveSectionsInOrder() throws {
        let sections = ["summary", "profile", "gaps", "dimensions", "initiatives", "roadmap", "scorecard", "method", "warnings"]
        for sample in try samples() {
            let (name, html) = (sample.name, sample.html)
            var previous = html.startIndex
            for section in sections {
                let range = html.range(of: "<section id=\"\(section)\"")
                XCTAssertNotNil(range, "\(name): expected a section with id '\(section)'")
                guard let range else { continue }
                XCTAssertLessThan(previous, range.lowerBound, "\(name): section '\(section)' comes after the one before it")
                previous = range.lowerBound
            }
        }
    }

    func testSamplesHaveDocumentHead() throws {
        for sample in try samples() {
            let (name, html) = (sample.name, sample.html)

            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(name): an HTML5 document in English")
            XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"), "\(name): the encoding is declared")
            let head = try XCTUnwrap(blocks(in: html, from: "<head>", to: "</head>").first, "\(name): expected a head")
            XCTAssertEqual(blocks(in: String(head), from: "<title>", to: "</title>").count, 1, "\(name): one document title")
            XCTAssertTrue(html.contains("@media print"), "\(name): a print style sheet")
            XCTAssertTrue(html.contains("@page"), "\(name): a page size and margins for print")
        }
    }

    func testSamplesRadarHasTwelveAxes() throws {
        for sample in try samples() {
            let (name, record, html) = (sample.name, sample.record, sample.html)
            let radar = try XCTUnwrap(blocks(in: html, from: "<svg class=\"chart radar\"", to: "</svg>").first,
                                      "\(name): expected a radar chart")
            let labels = blocks(in: String(radar), from: "<text class=\"radar-label\"", to: "</tspan>")
                .map { ($0.components(separatedBy: "<tspan font-weight=\"600\">").last ?? "").dropLast("</tspan>".count) }

            XCTAssertEqual(occurrences(of: "class=\"radar-axis\"", in: radar), 12, "\(name): twelve axes")
            XCTAssertEqual(labels.map(String.init), record.model.dimensions.map(\.label), "\(name): axis labels in model order")
            XCTAssertTrue(radar.contains("role=\"img\""), "\(name): the chart is announced as an image")
            XCTAssertTrue(radar.contains("<title id=\"radar-title\">"), "\(name): the chart has a title")
            XCTAssertTrue(radar.contains("<desc id=\"radar-desc\">"), "\(name): the chart has a description")
        }
    }

    func testSamplesTablesHaveHeaders() throws {
        for sample in try samples() {
            let (name, html) = (sample.name, sample.html)
            let tables = blocks(in: html, from: "<table", to: "</table>")

            XCTAssertGreaterThanOrEqual(tables.count, 8, "\(name): tables for chart data, competencies, initiatives and more")
            for table in tables {
                XCTAssertTrue(table.contains("<thead><tr><th scope=\"col\""), "\(name): every table has column headers: \(table.prefix(80))")
            }
        }
    }

    func testSamplesAreSelfContained() throws {
        let forbidden = ["<script", "src=", "@import", "url(", "<link", "<img", "<iframe", "<object", "<embed", "javascript:"]
        for sample in try samples() {
            let (name, html) = (sample.name, sample.html)

            for needle in forbidden {
                XCTAssertFalse(html.localizedCaseInsensitiveContains(needle), "\(name): the report contains no '\(needle)'")
            }
            for href in attributeValues("href", in: html) {
                XCTAssertTrue(href.hasPrefix("#") || href.hasPrefix("http://") || href.hasPrefix("https://"),
                              "\(name): links go to the report itself or to an http(s) URL from the text, got '\(href)'")
            }
        }
    }

    func testSamplesInternalLinksResolve() throws {
        for sample in try samples() {
            let (name, html) = (sample.name, sample.html)
            let ids = Set(attributeValues("id", in: html))
            let targets = attributeValues("href", in: html).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }

            XCTAssertFalse(targets.isEmpty, "\(name): the report links initiatives to their details")
            for target in Set(targets) {
                XCTAssertTrue(ids.contains(target), "\(name): link target '#\(target)' exists")
            }
        }
    }

    func testSamplesChartsAreWellFormedXML() throws {
        for sample in try samples() {
            let (name, html) = (sample.name, sample.html)
            let charts = blocks(in: html, from: "<svg class=\"chart", to: "</svg>")

            XCTAssertEqual(charts.count, 5, "\(name): one radar chart and one gap chart per competency")
            for chart in charts {
                let parser = XMLParser(data: Data(chart.utf8))
                XCTAssertTrue(parser.parse(), "\(name): chart parses as XML: \(parser.parserError.map(String.init(describing:)) ?? "")")
            }
        }
    }

    func testRenderingIsDeterministic() throws {
        let report = try sample("helio-multi-respondent.json")

        XCTAssertEqual(HTMLRenderer().render(report.record), report.html, "the same record gives the same report")
    }

    // MARK: - Content

    func testSummaryNamesStrongestAndWeakest() throws {
        let html = try sample("helio-multi-respondent.json").html
        let summary = try XCTUnwrap(blocks(in: html, from: "<section id=\"summary\"", to: "</section>").first)

        XCTAssertTrue(summary.contains("The strongest competencies are <strong>Customer lifecycle</strong> and <strong>Operating model</strong> at 1.30"),
                      "both competencies tied for the highest score are named")
        XCTAssertTrue(summary.contains("the weakest is <strong>Economic model</strong> at 1.03"), "the weakest competency is named")
        XCTAssertEqual(occurrences(of: "<span class=\"mark strongest\">", in: summary), 2, "the table marks both strongest")
        XCTAssertEqual(occurrences(of: "<span class=\"mark weakest\">", in: summary), 1, "the table marks the weakest")
        XCTAssertEqual(occurrences(of: "<span class=\"rank\">", in: summary), 5, "the summary lists the top five initiatives")
    }

    func testNotAssessedDimensionIsMarked() throws {
        let html = try sample("brightpath-early-stage.json").html
        let radar = try XCTUnwrap(blocks(in: html, from: "<svg class=\"chart radar\"", to: "</svg>").first)
        let row = try XCTUnwrap(blocks(in: html, from: "<tr class=\"not-assessed\">", to: "</tr>").first,
                                "expected a table row for the dimension that is not assessed")

        XCTAssertTrue(radar.contains("Executive investment</tspan><tspan x="), "the radar labels the axis")
        XCTAssertTrue(radar.contains("not assessed · target 1.00"), "the radar marks the axis as not assessed")
        XCTAssertTrue(row.contains("Executive investment"), "the row is the dimension's")
        XCTAssertFalse(row.contains("0.00"), "a dimension that is not assessed is never shown as 0")
    }

    func testRespondentSpreadShown() throws {
        let html = try sample("helio-multi-respondent.json").html
        let gaps = try XCTUnwrap(blocks(in: html, from: "<section id=\"gaps\"", to: "</section>").first)
        let dimensions = try XCTUnwrap(blocks(in: html, from: "<section id=\"dimensions\"", to: "</section>").first)

        XCTAssertTrue(gaps.contains("5 respondents, 0.0–2.0 · disagree"), "the gap bars give the spread of proactive engagement")
        XCTAssertTrue(dimensions.contains("<strong>5</strong> · 0.0–2.0</span>"), "the table gives count and range")
        XCTAssertTrue(dimensions.contains("<li><span>Senior CSM</span><span>0.0</span></li>"), "the table lists each respondent")
    }

    func testInitiativeDetailsShowArithmetic() throws {
        let report = try sample("northwind-mid-market.json")
        let (record, html) = (report.record, report.html)
        let first = try XCTUnwrap(record.plan.initiatives.first)
        let details = try XCTUnwrap(blocks(in: html, from: "<article class=\"initiative\" id=\"initiative-1\"", to: "</article>").first)

        XCTAssertEqual(blocks(in: html, from: "<article class=\"initiative\"", to: "</article>").count,
                       record.plan.initiatives.count, "one details block per initiative")
        XCTAssertTrue(details.contains("<code>\(first.reasons[0].ruleID)</code>"), "the reason names its rule")
        XCTAssertTrue(details.contains("× 10 = priority "), "the details end with the priority arithmetic")
    }

    func testRoadmapHasLanePerPhase() throws {
        let report = try sample("atlas-enterprise.json")
        let (record, html) = (report.record, report.html)
        let lanes = blocks(in: html, from: "<div class=\"lane\">", to: "</ol></div>")

        XCTAssertEqual(lanes.count, record.roadmap.phases.count, "one lane per phase")
        for (lane, phase) in zip(lanes, record.roadmap.phases) {
            XCTAssertTrue(lane.contains("<span class=\"phase\">\(phase.definition.name)</span>"), "lane named \(phase.definition.name)")
            XCTAssertEqual(occurrences(of: "<li class=\"card\">", in: lane), phase.initiativeIDs.count,
                           "\(phase.definition.name): one card per initiative")
        }
    }

    // MARK: - Escaping

    func testEscapeCases() {
        let cases: [(name: String, input: String, expected: String)] = [
            ("plain", "Northwind Cloud", "Northwind Cloud"),
            ("markup", "<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
            ("ampersand", "R&D", "R&amp;D"),
            ("quotes", "\"a\" 'b'", "&quot;a&quot; &#39;b&#39;"),
            ("existing entity", "&amp;", "&amp;amp;"),
            ("newline kept", "a\nb", "a\nb"),
            ("control character", "a\u{0}b\u{7}c", "a\u{FFFD}b\u{FFFD}c"),
            ("non-ASCII", "Zürich · 東京", "Zürich · 東京"),
        ]
        for item in cases {
            XCTAssertEqual(HTML.escape(item.input), item.expected, item.name)
        }
    }

    func testLinkedCases() {
        let cases: [(name: String, input: String, expected: String)] = [
            ("no URL", "no link here", "no link here"),
            ("https", "see https://example.com/a now",
             "see <a href=\"https://example.com/a\" rel=\"noreferrer\">https://example.com/a</a> now"),
            ("http with query", "http://example.com/?a=1&b=2",
             "<a href=\"http://example.com/?a=1&amp;b=2\" rel=\"noreferrer\">http://example.com/?a=1&amp;b=2</a>"),
            ("trailing period", "at https://example.com/x.",
             "at <a href=\"https://example.com/x\" rel=\"noreferrer\">https://example.com/x</a>."),
            ("closing bracket", "(https://example.com/x)",
             "(<a href=\"https://example.com/x\" rel=\"noreferrer\">https://example.com/x</a>)"),
            ("balanced brackets", "https://example.com/a_(b)",
             "<a href=\"https://example.com/a_(b)\" rel=\"noreferrer\">https://example.com/a_(b)</a>"),
            ("quote ends URL", "https://example.com/\"><img src=x>",
             "<a href=\"https://example.com/\" rel=\"noreferrer\">https://example.com/</a>&quot;&gt;&lt;img src=x&gt;"),
            ("javascript scheme", "javascript:alert(1)", "javascript:alert(1)"),
            ("data scheme", "data:text/html,<b>x</b>", "data:text/html,&lt;b&gt;x&lt;/b&gt;"),
            ("vbscript scheme", "vbscript:msgbox(1)", "vbscript:msgbox(1)"),
            ("inside a word", "xhttp://example.com", "xhttp://example.com"),
            ("scheme only", "https:// and more", "https:// and more"),
            ("upper-case scheme", "HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM"),
        ]
        for item in cases {
            XCTAssertEqual(HTML.linked(item.input).markup, item.expected, item.name)
        }
    }

    func testInterpolationEscapesText() {
        let name = "<script>alert(1)</script>"
        let html: HTML = "<td title=\"\(name)\">\(name) \(1.5, decimals: 2)</td>"

        XCTAssertEqual(html.markup, "<td title=\"&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt; 1.50</td>",
                       "interpolated strings are escaped, literals and numbers are not")
    }

    // MARK: - Hostile input

    func testHostileStringsStayText() throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("\(python) is needed to parse the report; install Debian's python3")
        }
        let fixture = try HostileReportFixture()
        defer { fixture.remove() }
        let record = try Runner.run(RunOptions(assessmentPath: fixture.assessmentPath, rulePaths: [fixture.packPath], keepGoing: true))
        XCTAssertFalse(record.failures.isEmpty, "the fixture has a failing rule, so the warnings list failed rules")
        let report = try parseWithPython(HTMLRenderer().render(record), python: python, directory: fixture.directory)

        let injected = Set(report.tags).subtracting(Self.elementsTheRendererWrites)
        XCTAssertTrue(injected.isEmpty, "no element comes from the input: \(injected.sorted())")
        XCTAssertFalse(report.tags.contains("script"), "no script element")
        XCTAssertFalse(report.tags.contains("img"), "no img element")
        for attribute in report.attributes {
            XCTAssertFalse(attribute.name.hasPrefix("on"), "no event handler attribute: \(attribute.name) on <\(attribute.tag)>")
            XCTAssertNotEqual(attribute.name, "src", "no src attribute on <\(attribute.tag)>")
            XCTAssertNotEqual(attribute.name, "style", "no style attribute on <\(attribute.tag)>")
        }
        let hrefs = report.attributes.filter { $0.name == "href" }.map(\.value)
        for href in hrefs {
            XCTAssertTrue(href.hasPrefix("#") || href.hasPrefix("http://") || href.hasPrefix("https://"), "href is safe: \(href)")
        }
        XCTAssertTrue(hrefs.contains("https://example.com/path?q=1&r=2"), "the URL in the evidence is a link")
        XCTAssertTrue(hrefs.contains("https://example.org/x"), "the URL in a rule's action is a link")
        for text in HostileReportFixture.strings {
            XCTAssertTrue(report.text.contains(text), "the visible text keeps \(text.debugDescription)")
        }
        XCTAssertTrue(report.text.contains("boom " + HostileReportFixture.strings[0]), "the failed rule's message is shown as text")
    }

    /// Every element the renderer writes; anything else in a parsed report came from the input.
    static let elementsTheRendererWrites: Set<String> = [
        "a", "article", "body", "br", "caption", "circle", "code", "col", "colgroup", "dd", "desc", "details", "div", "dl",
        "dt", "em", "figcaption", "figure", "footer", "g", "h1", "h2", "h3", "h4", "head", "header", "html", "li", "line",
        "main", "meta", "nav", "ol", "p", "path", "polygon", "polyline", "rect", "section", "small", "span", "strong",
        "style", "summary", "svg", "table", "tbody", "td", "text", "th", "thead", "title", "tr", "tspan", "ul",
    ]

    private struct ParsedReport {
        var tags: [String]
        var attributes: [(tag: String, name: String, value: String)]
        var text: String
    }

    /// Parses `html` with Python's html.parser, which decodes character references as a browser does.
    private func parseWithPython(_ html: String, python: String, directory: URL) throws -> ParsedReport {
        let htmlFile = directory.appendingPathComponent("report.html")
        let scriptFile = directory.appendingPathComponent("parse.py")
        try html.write(to: htmlFile, atomically: true, encoding: .utf8)
        try Self.parserScript.write(to: scriptFile, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [scriptFile.path, htmlFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "the parser script exits with 0")

        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], "the parser prints a JSON object")
        let tags = try XCTUnwrap(json["tags"] as? [String])
        let attributes = try XCTUnwrap(json["attributes"] as? [[String]]).map { (tag: $0[0], name: $0[1], value: $0[2]) }
        let text = try XCTUnwrap(json["text"] as? String)
        return ParsedReport(tags: tags, attributes: attributes, text: text)
    }

    private static let parserScript = """
    import json, sys
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.tags, self.attributes, self.text = [], [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.attributes += [[tag, name, value or ""] for name, value in attrs]

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)

        def handle_data(self, data):
            self.text.append(data)

    collector = Collector()
    with open(sys.argv[1], encoding="utf-8") as file:
        collector.feed(file.read())
    collector.close()
    print(json.dumps({"tags": sorted(set(collector.tags)), "attributes": collector.attributes, "text": "".join(collector.text)}))

    """
}

/// An assessment and a rule pack whose texts try to break out of every HTML context.
private struct HostileReportFixture {
    static let strings = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "' \" & < >",
        "| a | b |",
        "line one\nline two",
        "]]>",
        "</title>",
        "</svg>",
    ]

    let directory: URL
    var assessmentPath: String { directory.appendingPathComponent("assessment.json").path }
    var packPath: String { directory.appendingPathComponent("pack").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("csm-html-\(UUID().uuidString)")
        let rules = directory.appendingPathComponent("pack").appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: Self.assessment, options: [.sortedKeys])
            .write(to: URL(fileURLWithPath: assessmentPath))
        try #"{"schema": "csm.pack/v1", "name": "hostile", "version": "1.0.0", "api_version": 1, "description": "Texts that try to break the HTML report."}"#
            .write(to: directory.appendingPathComponent("pack").appendingPathComponent("pack.json"), atomically: true, encoding: .utf8)
        try Self.rules.write(to: rules.appendingPathComponent("hostile.lua"), atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static var all: String { strings.joined(separator: " ~ ") }

    private static var assessment: [String: Any] {
        [
            "schema": "csm.assessment/v1",
            "organization": ["name": "Org " + all, "segment": "smb", "industry": "Industry " + strings[0], "region": "Region " + strings[1]],
            "assessed_on": "2026-10-15",
            "assessor": "Assessor " + strings[8],
            "dimensions": [
                "customer_lifecycle.codified_journey": [
                    "score": 0.5, "evidence": "Evidence " + all + " see https://example.com/path?q=1&r=2.", "notes": "Notes " + all,
                ],
                "economic_model.value_measurement": ["score": NSNull(), "reason": "Reason " + all],
            ],
            "respondents": [
                ["id": "r1", "role": "Role " + all, "name": "Name " + strings[1],
                 "scores": ["operating_model.cs_role_structure": 1, "customer_lifecycle.codified_journey": 0.5]],
                ["id": "r2", "role": "Second " + strings[0], "scores": ["operating_model.cs_role_structure": 2.5]],
            ],
        ]
    }

    /// Lua long strings at level 2 (`[==[ ... ]==]`), so `]]>` and quotes need no escaping.
    private static func lua(_ text: String) -> String {
        "[==[" + text + "]==]"
    }

    private static var rules: String {
        """
        rule {
          id = "codified_journey.hostile-initiative",
          title = "Texts that try to break the report",
          dimensions = { "customer_lifecycle.codified_journey" },
          toward = "adopting",
          initiative = {
            id = "hostile-initiative",
            title = \(lua("Title " + all)),
            summary = \(lua("Summary " + all)),
            actions = { \(lua("Action " + all)), \(lua("Second action https://example.org/x")) },
            effort = "small",
            impact = "high",
            kpis = { "GRR" },
            requires = { "missing-prerequisite" },
          },
          reason = \(lua("Reason " + all)),
          when = function() return true end,
        }

        adjust {
          id = "priority.hostile-adjust",
          title = "A factor with a hostile reason",
          dimensions = { "customer_lifecycle.codified_journey" },
          when = function() return true end,
          factor = 1.5,
          reason = \(lua("Factor " + all)),
        }

        rule {
          id = "codified_journey.hostile-failure",
          title = "A rule that fails with a hostile message",
          dimensions = { "customer_lifecycle.codified_journey" },
          toward = "adopting",
          initiative = {
            id = "hostile-failure",
            title = "Never proposed",
            summary = "The condition raises an error.",
            actions = { "None." },
            effort = "small",
            impact = "low",
            kpis = { },
            requires = { },
          },
          when = function() error(\(lua("boom " + strings[0])), 0) end,
        }

        """
    }
}
