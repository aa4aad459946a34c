import Foundation
import XCTest

/// The rule tools through the built binary, on the built-in pack and the sample consultancy pack.
final class RuleCommandsTests: CSMProcessTestCase {
    static let samplePack = "samples/acme-advisory-pack"

    func testRulesTestBuiltinPack() throws {
        let result = try csm(["rules", "test", "rules"])
        XCTAssertEqual(result.status, 0, result.stdoutText + result.stderr)
        XCTAssertTrue(result.stdoutText.hasSuffix(" passed, 0 failed\n"), result.stdoutText)
    }

    func testRulesTestSamplePackWithCoverage() throws {
        let result = try csm(["rules", "test", Self.samplePack, "--coverage", "--color", "never"])
        XCTAssertEqual(result.status, 0, result.stdoutText + result.stderr)
        XCTAssertTrue(result.stdoutText.contains("Coverage: 36 of 36 dimension × level cells have a rule"), result.stdoutText)
        XCTAssertTrue(result.stdoutText.contains(" passed, 0 failed"), result.stdoutText)
    }

    func testRulesCheckSamplePack() throws {
        let result = try csm(["rules", "check", Self.samplePack, "--color", "never"])
        XCTAssertEqual(result.status, 0, result.stdoutText + result.stderr)
        XCTAssertTrue(result.stdoutText.contains("no problems"), result.stdoutText)
    }

    func testRulesListShowsStates() throws {
        let result = try csm(["rules", "list", Self.samplePack, "--color", "never"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdoutText.contains("overridden "), "the sample pack overrides a built-in rule")
        XCTAssertTrue(result.stdoutText.contains("disabled "), "the sample pack disables a built-in rule")
        XCTAssertTrue(result.stdoutText.contains("acme-advisory 1.2.0"), result.stdoutText)
    }

    func testRulesListJSONParses() throws {
        let result = try csm(["rules", "list", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
        XCTAssertGreaterThanOrEqual((object?["rules"] as? [Any])?.count ?? 0, 72)
    }

    func testRulesNewThenCheckAndTest() throws {
        let pack = scratch.appendingPathComponent("new-pack").path
        let created = try csm(["rules", "new", pack])
        XCTAssertEqual(created.status, 0, created.stderr)
        let check = try csm(["rules", "check", pack])
        XCTAssertEqual(check.status, 0, check.stdoutText)
        let test = try csm(["rules", "test", pack])
        XCTAssertEqual(test.status, 0, test.stdoutText)
        XCTAssertTrue(test.stdoutText.contains("passed, 0 failed"), test.stdoutText)
    }

    func testRulesTestFailureExitsOne() throws {
        let pack = scratch.appendingPathComponent("failing-pack")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try """
        local D = "customer_lifecycle.codified_journey"
        rule {
          id = "failing.rule", title = "t", dimensions = { D }, toward = "adopting",
          initiative = { id = "failing-rule", title = "t", summary = "s", actions = { "a" }, effort = "small", impact = "low" },
          when = function() return needs(D, "adopting") end,
          examples = { fires = { { scores = { [D] = 2.5 } } } },
        }
        """.write(to: pack.appendingPathComponent("rule.lua"), atomically: true, encoding: .utf8)
        let result = try csm(["rules", "test", pack.path, "--color", "never"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdoutText.contains("FAIL \(pack.path)/rule.lua:2: rule 'failing.rule' example fires[1]"), result.stdoutText)
        XCTAssertTrue(result.stdoutText.contains("expected: the rule fires"), result.stdoutText)
        XCTAssertTrue(result.stdoutText.hasSuffix("0 passed, 1 failed\n"), result.stdoutText)
    }

    func testRulesCheckProblemsExitOne() throws {
        let pack = scratch.appendingPathComponent("broken-pack")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try "rule { id = 'broken', title = 'x' ".write(to: pack.appendingPathComponent("broken.lua"), atomically: true, encoding: .utf8)
        let result = try csm(["rules", "check", pack.path, "--color", "never"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdoutText.contains("error: \(pack.path)/broken.lua:1:"), result.stdoutText)
    }

    func testExplainInitiative() throws {
        let result = try csm(["explain", "samples/northwind-mid-market.json", "book-level-retention-report", "--color", "never"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdoutText.contains("Proposed by"), result.stdoutText)
        XCTAssertTrue(result.stdoutText.contains("× 10 = priority"), result.stdoutText)
    }

    func testWhyNotRule() throws {
        let result = try csm(["why-not", "samples/atlas-enterprise.json", "proactive_engagement.health-score-v1", "--color", "never"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdoutText.contains("First failing condition: needs(\"customer_lifecycle.proactive_engagement\", \"adopting\") = false"),
                      result.stdoutText)
    }

    func testUnknownRulesSubcommand() throws {
        let result = try csm(["rules", "tset"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("(did you mean 'test'?)"), result.stderr)
    }

    func testRunWithSamplePack() throws {
        let result = try csm(["run", "samples/northwind-mid-market.json", "--rules", Self.samplePack, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdoutText.contains("\"name\": \"acme-advisory\""), "the run record lists the sample pack")
        XCTAssertFalse(result.stdoutText.contains("\"id\": \"pay-benchmark-and-career-paths\""), "the disabled rule's initiative is absent")
    }
}
