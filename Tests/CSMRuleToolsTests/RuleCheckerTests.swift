import CSMRuleTools
import CSMSystem
import XCTest

final class RuleCheckerTests: XCTestCase {
    func testBuiltinPackIsClean() throws {
        let report = try RuleChecker.check(RuleToolOptions())
        XCTAssertEqual(report.problems, [])
        XCTAssertGreaterThanOrEqual(report.ruleCount, 72)
    }

    func testUnknownPrerequisiteReported() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "a.lua": RuleToolsTestSupport.rule(id: "acme.one", initiative: "acme-one", requires: #"{ "health-score-v2" }"#, examples: "{}"),
        ])
        let report = try RuleChecker.check(RuleToolOptions(packPaths: [pack]))
        let messages = report.problems.map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("requires unknown initiative 'health-score-v2' (did you mean 'health-score-v1'?)") }, "\(messages)")
        XCTAssertEqual(report.problems.first?.line, 2)
    }

    func testPrerequisiteCycleReported() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "a.lua": RuleToolsTestSupport.rule(id: "acme.one", initiative: "acme-one", requires: #"{ "acme-two" }"#, examples: "{}"),
            "b.lua": RuleToolsTestSupport.rule(id: "acme.two", initiative: "acme-two", requires: #"{ "acme-one" }"#, examples: "{}"),
        ])
        let report = try RuleChecker.check(RuleToolOptions(packPaths: [pack]))
        XCTAssertTrue(report.problems.contains { $0.message == "cycle: acme-one → acme-two → acme-one" },
                      report.problems.map(\.description).joined(separator: "\n"))
    }

    func testDeclarationProblemsEachReported() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "syntax.lua": "rule { id = ",
            "fields.lua": """
            rule {
              id = "acme.fields",
              title = "t",
              dimensions = { "codified_journey" },
              toward = "adopting",
              initiative = { id = "acme-fields", title = "t", summary = "s", actions = { "a" }, effort = "tiny", impact = "high" },
            }
            """,
        ])
        let report = try RuleChecker.check(RuleToolOptions(packPaths: [pack]))
        let text = report.problems.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("syntax.lua:1"), text)
        XCTAssertTrue(text.contains("use the full id 'customer_lifecycle.codified_journey'"), text)
        XCTAssertTrue(text.contains("field 'when' must be a function"), text)
        XCTAssertTrue(text.contains("invalid initiative.effort 'tiny'"), text)
    }

    func testExampleWithoutScoresWarns() throws {
        let pack = try RuleToolsTestSupport.makePack([
            "a.lua": RuleToolsTestSupport.rule(id: "acme.one", initiative: "acme-one", examples: "nil"),
        ])
        let report = try RuleChecker.check(RuleToolOptions(packPaths: [pack]))
        XCTAssertEqual(report.problems, [])
        XCTAssertTrue(report.warnings.contains { $0.message.hasPrefix("has no examples") })
    }
}
