import CSMRender
import CSMRun
import Foundation
import XCTest

final class MarkdownRendererTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Strings that try to break out of their place in a Markdown document.
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "| a | b |",
        "line one\nline two\n# heading",
        "**bold** _em_ `code` ~~strike~~ &amp; &copy;",
        "- list item",
        "1. numbered",
        "trailing ###",
    ]

    func testEscapingTable() {
        let cases: [(name: String, input: String, expected: String)] = [
            ("pipe", "a | b", "a \\| b"),
            ("newline", "a\nb", "a b"),
            ("html", "<b>x</b>", "\\<b\\>x\\</b\\>"),
            ("emphasis", "*x* _y_", "\\*x\\* \\_y\\_"),
            ("link", "[a](b)", "\\[a\\](b)"),
            ("entity", "&copy;", "\\&copy;"),
            ("backslash", "a\\b", "a\\\\b"),
            ("control", "a\u{7}b", "ab"),
        ]
        for testCase in cases {
            XCTAssertEqual(MarkdownText.inline(testCase.input), testCase.expected, testCase.name)
        }
    }

    func testParagraphEscapesLeadingMarkers() {
        let cases: [(String, String)] = [("# x", "\\# x"), ("- x", "\\- x"), ("> x", "\\> x"), ("12. x", "12\\. x"), ("3) x", "3\\) x"), ("plain", "plain")]
        for (input, expected) in cases {
            XCTAssertEqual(MarkdownText.paragraph(input), expected, input)
        }
    }

    func testHeadingEscapesClosingHashes() {
        XCTAssertEqual(MarkdownText.heading("Done ##"), "Done #\\#")
    }

    func testSampleReportSections() throws {
        let record = try Runner.run(RunOptions(assessmentPath: Self.packageRoot + "/samples/northwind-mid-market.json"))
        let text = MarkdownRenderer().render(record)
        for heading in ["# Customer Success maturity: Northwind Cloud", "## Executive summary", "## Customer lifecycle",
                        "## Recommended initiatives", "## Roadmap", "## Scorecard", "## How scores and priorities are computed"] {
            XCTAssertTrue(text.contains("\n" + heading + "\n") || text.hasPrefix(heading + "\n"), "missing heading \(heading)")
        }
        XCTAssertTrue(Self.tablesKeepShape(text), "every table row has as many cells as its header")
    }

    func testHostileStringsCannotChangeStructure() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csm-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let assessment = try HostileFixture.write(in: folder, strings: Self.hostile)
        let record = try Runner.run(RunOptions(assessmentPath: assessment.path, rulePaths: [assessment.pack]))
        let text = MarkdownRenderer().render(record)

        XCTAssertTrue(Self.tablesKeepShape(text), "hostile pipes and newlines do not change table shape")
        XCTAssertFalse(Self.hasUnescaped("<", in: text), "no raw HTML: every < is escaped")
        XCTAssertFalse(Self.hasUnescaped("](", in: text), "no link syntax: every ] is escaped")
        XCTAssertFalse(Self.hasUnescaped("&", in: text), "no entity references")
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }
        XCTAssertFalse(headings.contains { $0.hasPrefix("# heading") }, "a newline in a text cannot start a heading")
        XCTAssertEqual(headings.filter { $0.hasPrefix("# ") }.count, 1, "exactly one top-level heading")
        XCTAssertTrue(text.contains("\\<script\\>alert(1)\\</script\\>"), "the text survives, escaped")
    }

    /// Checks that each table row has the same number of unescaped pipes as its header row.
    static func tablesKeepShape(_ text: String) -> Bool {
        var expected: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                expected = nil
                continue
            }
            let pipes = unescapedPipes(String(line))
            if let expected {
                if pipes != expected { return false }
            } else {
                expected = pipes
            }
        }
        return true
    }

    /// Reports whether `pattern` occurs in `text` with its first character not escaped by a backslash.
    static func hasUnescaped(_ pattern: String, in text: String) -> Bool {
        let characters = Array(text)
        let target = Array(pattern)
        guard characters.count >= target.count else { return false }
        for start in 0...(characters.count - target.count) where Array(characters[start..<(start + target.count)]) == target {
            var backslashes = 0
            var index = start - 1
            while index >= 0 && characters[index] == "\\" {
                backslashes += 1
                index -= 1
            }
            if backslashes % 2 == 0 { return true }
        }
        return false
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                count += 1
            }
        }
        return count
    }
}

/// An assessment and a rule pack whose texts are all hostile strings.
enum HostileFixture {
    struct Paths {
        let path: String
        let pack: String
    }

    static func write(in folder: URL, strings: [String]) throws -> Paths {
        func json(_ text: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [text], options: [])
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
        let joined = strings.joined(separator: " ")
        let assessment = """
        {
          "schema": "csm.assessment/v1",
          "organization": { "name": \(json(strings[0] + " " + strings[3])), "industry": \(json(strings[4])), "region": \(json(strings[2])) },
          "assessed_on": "2026-10-15",
          "assessor": \(json(strings[5])),
          "target": "performing",
          "dimensions": {
            "customer_lifecycle.codified_journey": { "score": 0.5, "evidence": \(json(joined)) },
            "customer_lifecycle.proactive_engagement": { "score": 1, "evidence": \(json(strings[1] + " https://example.com/a?b=1&c=<2>")) },
            "operating_model.cs_role_structure": { "reason": \(json(strings[3] + strings[4])) }
          },
          "respondents": [
            { "id": "r1", "role": \(json(strings[0])), "scores": { "economic_model.value_measurement": 1 } },
            { "id": "r2", "role": \(json(strings[3])), "scores": { "economic_model.value_measurement": 2.5 } }
          ]
        }
        """
        let path = folder.appendingPathComponent("hostile.json")
        try assessment.write(to: path, atomically: true, encoding: .utf8)
        let pack = folder.appendingPathComponent("hostile-pack")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        func lua(_ text: String) -> String {
            var escaped = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped + "\""
        }
        let rule = """
        local D = "customer_lifecycle.codified_journey"
        rule {
          id = "hostile.rule",
          title = \(lua(strings[0])),
          dimensions = { D },
          toward = "adopting",
          initiative = {
            id = "hostile-initiative",
            title = \(lua(strings[0] + " " + strings[3])),
            summary = \(lua(strings[1] + " " + strings[4])),
            actions = { \(strings.map(lua).joined(separator: ", ")) },
            effort = "small", impact = "high", kpis = { "GRR" },
          },
          reason = \(lua(joined)),
          when = function() return needs(D, "adopting") end,
        }
        """
        try rule.write(to: pack.appendingPathComponent("hostile.lua"), atomically: true, encoding: .utf8)
        return Paths(path: path.path, pack: pack.path)
    }
}
