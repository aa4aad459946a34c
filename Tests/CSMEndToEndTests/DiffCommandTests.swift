import Foundation
import XCTest

/// `csm diff` and `csm run --previous` through the built binary.
final class DiffCommandTests: CSMProcessTestCase {
    static let q3 = "samples/northwind-2026-q3.json"
    static let q4 = "samples/northwind-mid-market.json"

    func testAssessmentsDiffGolden() throws {
        for (format, fileName) in [("text", "diff-northwind.txt"), ("json", "diff-northwind.json"), ("markdown", "diff-northwind.md")] {
            let result = try csm(["diff", Self.q3, Self.q4, "--format", format, "--color", "never"])
            XCTAssertEqual(result.status, 1, "differences found exit 1; stderr: \(result.stderr)")
            try compareGolden(fileName, result.stdout)
        }
    }

    func testRunRecordsDiffMatchesAssessmentsDiff() throws {
        let old = scratch.appendingPathComponent("q3.run.json").path
        let new = scratch.appendingPathComponent("q4.run.json").path
        XCTAssertEqual(try csm(["run", Self.q3, "--format", "json", "--output", old]).status, 0)
        XCTAssertEqual(try csm(["run", Self.q4, "--format", "json", "--output", new]).status, 0)
        let fromRecords = try csm(["diff", old, new, "--format", "json"])
        XCTAssertEqual(fromRecords.status, 1)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(fromRecords.stdout)) as? [String: Any])
        let initiatives = try XCTUnwrap(object["initiatives"] as? [String: Any])
        XCTAssertEqual((initiatives["resolved"] as? [Any])?.count, 3)
        XCTAssertEqual((initiatives["added"] as? [Any])?.count, 3)
    }

    func testRulePackChangeGolden() throws {
        let result = try csm(["diff", Self.q4, "--old-rules", "samples/acme-advisory-pack",
                              "--new-rules", "samples/acme-advisory-pack-1.3.0", "--color", "never"])
        XCTAssertEqual(result.status, 1, result.stderr)
        try compareGolden("diff-acme-1.3.0.txt", result.stdout)
        XCTAssertTrue(result.stdoutText.contains("rules changed: pack acme-advisory 1.2.0 → 1.3.0"), result.stdoutText)
    }

    func testNoDifferencesExitZero() throws {
        let result = try csm(["diff", Self.q4, Self.q4])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdoutText.contains("No differences."), result.stdoutText)
    }

    func testFailOnNarrowsExitStatus() throws {
        let ignored = try csm(["diff", Self.q4, "--old-rules", "samples/acme-advisory-pack",
                               "--new-rules", "samples/acme-advisory-pack-1.3.0", "--fail-on", "added,resolved,level-down"])
        XCTAssertEqual(ignored.status, 0, "only text and reasons changed, which --fail-on leaves out")
        let counted = try csm(["diff", Self.q3, Self.q4, "--fail-on", "level-down"])
        XCTAssertEqual(counted.status, 1, "CS role structure fell a level")
    }

    func testBadInputs() throws {
        let truncated = scratch.appendingPathComponent("truncated.json")
        let full = try csm(["run", Self.q4, "--format", "json"])
        try Data(full.stdout.prefix(400)).write(to: truncated)
        let future = scratch.appendingPathComponent("future.json")
        try Data(full.stdoutText.replacingOccurrences(of: "\"csm.run/v1\"", with: "\"csm.run/v2\"").utf8).write(to: future)
        let otherModel = scratch.appendingPathComponent("other-model.json")
        try Data(full.stdoutText.replacingOccurrences(of: "\"id\": \"cs-maturity\"", with: "\"id\": \"other-model\"").utf8).write(to: otherModel)
        let cases: [(name: String, arguments: [String], message: String)] = [
            ("truncated record", ["diff", truncated.path, Self.q4], truncated.path + ":"),
            ("newer schema", ["diff", future.path, Self.q4], "unsupported run record schema 'csm.run/v2'"),
            ("different model", ["diff", otherModel.path, Self.q4], "different models"),
            ("missing file", ["diff", "no-such.json", Self.q4], "no-such.json: file not found"),
            ("not a run or assessment", ["diff", "rules/pack.json", Self.q4], "neither a run record"),
            ("one file without rules", ["diff", Self.q4], "--old-rules"),
            ("unknown kind", ["diff", Self.q3, Self.q4, "--fail-on", "addded"], "(did you mean 'added'?)"),
        ]
        for testCase in cases {
            let result = try csm(testCase.arguments)
            XCTAssertEqual(result.status, 2, "\(testCase.name): exit 2; stderr: \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(testCase.name): nothing on standard output")
            XCTAssertTrue(result.stderr.contains(testCase.message), "\(testCase.name): \(result.stderr)")
        }
    }

    func testRunPreviousShowsTrends() throws {
        let previous = scratch.appendingPathComponent("q3.run.json").path
        XCTAssertEqual(try csm(["run", Self.q3, "--format", "json", "--output", previous]).status, 0)
        let text = try csm(["run", Self.q4, "--previous", previous, "--color", "never"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdoutText.contains("▲1.00 (was reactive)"), text.stdoutText)
        XCTAssertTrue(text.stdoutText.contains("No longer recommended since 2026-07-15"), text.stdoutText)
        let markdown = try csm(["run", Self.q4, "--previous", previous, "--format", "markdown"])
        XCTAssertTrue(markdown.stdoutText.contains("| Trend |"), "the initiative table gains a trend column")
        let json = try csm(["run", Self.q4, "--previous", previous, "--format", "json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        XCTAssertEqual((object["previous"] as? [String: Any])?["schema"] as? String, "csm.diff/v1")
    }

    private func compareGolden(_ fileName: String, _ actual: [UInt8]) throws {
        let url = Self.packageRoot.appendingPathComponent("Tests/CSMEndToEndTests/Golden").appendingPathComponent(fileName)
        if ProcessInfo.processInfo.environment["CSM_UPDATE_GOLDEN"] == "1" {
            try Data(actual).write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        XCTAssertEqual(Array(expected), actual, "\(fileName) differs from the golden file; run CSM_UPDATE_GOLDEN=1 swift test --filter DiffCommandTests and review the diff")
    }
}
