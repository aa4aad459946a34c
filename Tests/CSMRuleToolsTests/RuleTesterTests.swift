import CSMRuleTools
import XCTest

final class RuleTesterTests: XCTestCase {
    func testBuiltinPackExamplesPass() throws {
        let report = try RuleTester.run(RuleToolOptions(packPaths: [RuleToolsTestSupport.packageRoot + "/rules"]), coverage: true)
        XCTAssertEqual(report.failed, 0, report.failures.map { "\($0.location) \($0.subject): \($0.actual)" }.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(report.passed, 144, "every built-in rule carries a fires and a quiet example")
        XCTAssertEqual(report.coverage?.uncovered.count, 0, "every dimension × level cell has a rule")
        XCTAssertEqual(report.coverage?.unexercised.count, 0, "every built-in rule is exercised by an example")
    }

    func testExamplesPassAndFail() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "pack.json": RuleToolsTestSupport.manifest("acme"),
            "a.lua": RuleToolsTestSupport.rule(id: "acme.good", initiative: "acme-good", examples: """
                { fires = { { scores = { [D] = 0.5 } } }, quiet = { { scores = { [D] = 1.5 } } } }
                """),
            "b.lua": RuleToolsTestSupport.rule(id: "acme.bad", initiative: "acme-bad", examples: """
                { fires = { { scores = { [D] = 1.5 } } }, quiet = { { scores = { [D] = 0.5 } } } }
                """),
        ])
        let report = try RuleTester.run(RuleToolOptions(packPaths: [pack]))
        XCTAssertEqual(report.passed, 2)
        XCTAssertEqual(report.failed, 2)
        let firesFailure = report.failures.first { $0.subject == "rule 'acme.bad' example fires[1]" }
        XCTAssertEqual(firesFailure?.expected, "the rule fires")
        XCTAssertTrue(firesFailure?.actual.contains("score 1.50 already reaches adopting") == true, firesFailure?.actual ?? "")
        XCTAssertTrue(firesFailure?.location.hasSuffix("b.lua:2") == true, firesFailure?.location ?? "")
        let quietFailure = report.failures.first { $0.subject == "rule 'acme.bad' example quiet[1]" }
        XCTAssertEqual(quietFailure?.expected, "the rule stays quiet")
    }

    func testInvalidFragmentIsFailure() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "a.lua": RuleToolsTestSupport.rule(id: "acme.typo", initiative: "acme-typo", examples: """
                { fires = { { score = { [D] = 0.5 } } } }
                """),
        ])
        let report = try RuleTester.run(RuleToolOptions(packPaths: [pack]))
        XCTAssertEqual(report.failed, 1)
        XCTAssertTrue(report.failures.first?.actual.contains("unknown key 'score' (did you mean 'scores'?)") == true,
                      report.failures.first?.actual ?? "")
    }

    func testExampleParametersAndFactor() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "pack.json": RuleToolsTestSupport.manifest("acme", parameters: #"{ "floor": { "type": "number", "default": 0.9 } }"#),
            "a.lua": """
            adjust {
              id = "acme.low-grr",
              title = "Low GRR",
              dimensions = { "customer_lifecycle.codified_journey" },
              when = function() return fact_below("grr", param("floor")) end,
              factor = 1.5,
              examples = {
                fires = { { facts = { grr = 0.8 }, factor = 1.5 } },
                quiet = { { facts = { grr = 0.8 }, params = { floor = 0.7 } }, { facts = {} } },
              },
            }
            """,
        ])
        let report = try RuleTester.run(RuleToolOptions(packPaths: [pack]))
        XCTAssertEqual(report.failed, 0, report.failures.map(\.actual).joined(separator: "\n"))
        XCTAssertEqual(report.passed, 3)
    }

    func testPackTestFileExpectations() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "pack.json": RuleToolsTestSupport.manifest("acme"),
            "a.lua": RuleToolsTestSupport.rule(id: "acme.first", initiative: "acme-first", examples: "{}"),
            "tests/fixture/client.json": RuleToolsTestSupport.assessment,
            "tests/basic.json": """
            {
              "schema": "csm.rule-test/v1",
              "description": "basic",
              "assessment": "fixture/client.json",
              "expect": {
                "present": ["acme-first", "journey-mapping-workshop"],
                "absent": ["health-score-v1"],
                "ranked_above": [["journey-mapping-workshop", "acme-first"]],
                "fired": ["acme.first"],
                "not_fired": ["proactive_engagement.health-score-v1"]
              }
            }
            """,
        ])
        let report = try RuleTester.run(RuleToolOptions(packPaths: [pack]))
        let failures = report.failures.map { "\($0.subject): expected \($0.expected), actual \($0.actual)" }
        XCTAssertEqual(report.passed, 5, failures.joined(separator: "\n"))
        XCTAssertEqual(report.failed, 1, "acme-first ties on priority and loses on id order")
        XCTAssertEqual(report.failures.first?.subject, "test 'basic' expect.ranked_above[0]")
    }

    func testUnknownIdInTestFile() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "a.lua": RuleToolsTestSupport.rule(id: "acme.first", initiative: "acme-first", examples: "{}"),
            "tests/typo.json": """
            { "schema": "csm.rule-test/v1", "assessment": \(RuleToolsTestSupport.assessment),
              "expect": { "present": ["acme-frist"] } }
            """,
        ])
        let report = try RuleTester.run(RuleToolOptions(packPaths: [pack]))
        XCTAssertEqual(report.failed, 1)
        XCTAssertTrue(report.failures.first?.actual.contains("did you mean 'acme-first'?") == true, report.failures.first?.actual ?? "")
    }
}
