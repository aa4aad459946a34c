import CSMEvaluator
import CSMLua
import CSMModel
import CSMSystem
import Foundation
import XCTest
@testable import CSMRules

/// Replays the fuzzer's saved rule files (Tests/Fuzz/Regressions/rules) through
/// `RuleEngine.load` and `evaluate` with the limits of the FuzzRulePack target.
/// Each file must load or be rejected, and its rules must run or fail with a diagnostic.
final class FuzzRegressionTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Regressions/rules")

    /// Limits of the FuzzRulePack target, small so that hostile files finish quickly.
    static let limits = LuaLimits(memoryBytes: 64 * 1024 * 1024, callMemoryBytes: 16 * 1024 * 1024,
                                  instructions: 200_000, seconds: 0.5)

    /// Assessment of the FuzzRulePack target, with a few facts, one scored dimension and one with a target.
    static let assessment = """
    {"schema": "csm.assessment/v1", "organization": {"name": "Fuzz"}, "assessed_on": "2026-01-01",
     "facts": {"grr": 0.8, "nrr": 1.05, "usage_telemetry": false, "pricing_model": "usage"},
     "dimensions": {"customer_lifecycle.codified_journey": {"score": 0.5},
                    "operating_model.data_driven_insights": {"score": 2.5, "target": 3}}}
    """

    func testRuleRegressionsLoadAndEvaluate() throws {
        let model = try ModelLoader.builtin()
        let parsed = try AssessmentParser.parse(bytes: Array(Self.assessment.utf8), source: "fuzz.json", model: model)
        let evaluation = Evaluator.evaluate(parsed, model: model)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
        XCTAssertFalse(names.isEmpty, "expected reproducer files in \(Self.directory.path)")

        for name in names {
            let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            // Every file is loaded as rule.lua, as the fuzz target does, whatever its name.
            let source = RulePackSource(origin: "regression", files: [(path: "rule.lua", bytes: bytes)])
            let (engine, report) = RuleEngine.load(sources: [source], model: model, limits: Self.limits)
            guard let engine else {
                XCTAssertFalse(report.isClean, "\(name): expected a problem or a failure when the pack does not load")
                continue
            }
            do {
                let run = try engine.evaluate(evaluation, options: EvaluationOptions(trace: true, stopOnFailure: false))
                XCTAssertEqual(run.outcomes.count, engine.catalog.active.count,
                               "\(name): expected one outcome per active rule")
            } catch {
                XCTAssertFalse(error.diagnostics.isEmpty, "\(name): expected at least one diagnostic, got \(error)")
            }
        }
    }
}
