import CSMRuleTools
import CSMRun
import CSMSystem
import Foundation
import XCTest

final class ScaffoldAndExplainTests: XCTestCase {
    func testScaffoldPassesCheckAndTest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csm-new-\(UUID().uuidString)").path
        let written = try PackScaffold.create(at: directory, name: "acme_advisory")
        XCTAssertTrue(written.contains { $0.hasSuffix(".luarc.json") })
        let check = try RuleChecker.check(RuleToolOptions(packPaths: [directory]))
        XCTAssertEqual(check.problems, [])
        XCTAssertEqual(check.warnings, [])
        let test = try RuleTester.run(RuleToolOptions(packPaths: [directory]))
        XCTAssertEqual(test.failed, 0, test.failures.map(\.actual).joined(separator: "\n"))
        XCTAssertEqual(test.passed, 6)
    }

    func testScaffoldRefusesNonEmptyDirectory() throws {
        let directory = try RuleToolsTestSupport.makePack(["existing.txt": "x"])
        XCTAssertThrowsError(try PackScaffold.create(at: directory)) { error in
            XCTAssertEqual((error as? CSMError)?.exitCode, 2)
        }
    }

    func testWhyNotNamesFailedCheck() throws {
        let path = try RuleToolsTestSupport.makePack(["client.json": RuleToolsTestSupport.assessment]) + "/client.json"
        let explanation = try Explainer.whyNot(assessmentPath: path, ruleID: "proactive_engagement.health-score-v1", options: RuleToolOptions())
        let text = Explainer.render(explanation, style: Style(enabled: false))
        XCTAssertTrue(text.contains("did not fire"), text)
        XCTAssertTrue(text.contains(#"First failing condition: needs("customer_lifecycle.proactive_engagement", "adopting") = false (score 1.50 already reaches adopting (1))"#), text)
    }

    func testWhyNotUnknownRuleSuggests() throws {
        let path = try RuleToolsTestSupport.makePack(["client.json": RuleToolsTestSupport.assessment]) + "/client.json"
        XCTAssertThrowsError(try Explainer.whyNot(assessmentPath: path, ruleID: "proactive_engagement.health-score-v2", options: RuleToolOptions())) { error in
            XCTAssertTrue((error as? CSMError)?.description.contains("did you mean 'proactive_engagement.health-score-v1'?") == true, "\(error)")
        }
    }

    func testExplainShowsArithmetic() throws {
        let path = try RuleToolsTestSupport.makePack(["client.json": RuleToolsTestSupport.assessment]) + "/client.json"
        let explanation = try Explainer.explain(assessmentPath: path, initiativeID: "journey-mapping-workshop", options: RuleToolOptions())
        let text = Explainer.render(explanation, style: Style(enabled: false))
        XCTAssertTrue(text.contains("rule codified_journey.journey-mapping-workshop"), text)
        XCTAssertTrue(text.contains("gap 1.50 on customer_lifecycle.codified_journey"), text)
        XCTAssertTrue(text.contains("× 10 = priority"), text)
    }

    func testExplainNotRecommendedListsRules() throws {
        let path = try RuleToolsTestSupport.makePack(["client.json": RuleToolsTestSupport.assessment]) + "/client.json"
        let explanation = try Explainer.explain(assessmentPath: path, initiativeID: "health-score-v1", options: RuleToolOptions())
        XCTAssertNil(explanation.initiative)
        XCTAssertEqual(explanation.candidates.map(\.rule.id), ["proactive_engagement.health-score-v1"])
    }

    func testBuiltinPackPassesLuacheck() throws {
        let luacheck = ["/usr/bin/luacheck", "/usr/local/bin/luacheck"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let luacheck else {
            throw XCTSkip("luacheck is not installed; .ci/install-deps installs it (Debian package lua-check)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: luacheck)
        process.arguments = ["--no-color", "rules", "samples"]
        process.currentDirectoryURL = URL(fileURLWithPath: RuleToolsTestSupport.packageRoot)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
    }
}

/// The built-in pack must stay on the fast path between assessments: none of its
/// files may keep state, or every assessment would run them all again.
final class BuiltinPackStateTests: XCTestCase {
    func testBuiltinFilesKeepNoState() throws {
        let session = try Session(modelPath: nil, rulePaths: [])
        XCTAssertEqual(try session.engine.statefulFiles(), [])
    }
}
