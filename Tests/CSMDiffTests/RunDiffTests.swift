import CSMDiff
import CSMJSON
import CSMRun
import CSMSystem
import Foundation
import XCTest

final class RunDiffTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func snapshot(_ sample: String, rules: [String] = []) throws -> RunSnapshot {
        let record = try Runner.run(RunOptions(assessmentPath: packageRoot + "/samples/" + sample,
                                               rulePaths: rules.map { packageRoot + "/samples/" + $0 }))
        return try RunSnapshot(record: record, label: sample)
    }

    func testSameRunHasNoDifferences() throws {
        let snapshot = try Self.snapshot("northwind-mid-market.json")
        let diff = try RunDiff.compare(snapshot, snapshot)
        XCTAssertFalse(diff.hasDifferences)
        XCTAssertEqual(diff.unchangedCount, snapshot.initiatives.count)
        XCTAssertEqual(diff.inputSummary, "same assessment; same rules")
    }

    func testQuarterOverQuarter() throws {
        let diff = try RunDiff.compare(try Self.snapshot("northwind-2026-q3.json"), try Self.snapshot("northwind-mid-market.json"))
        let journey = try XCTUnwrap(diff.dimensions.first { $0.id == "customer_lifecycle.codified_journey" })
        XCTAssertEqual(journey.delta, 1.0)
        XCTAssertEqual(journey.levelCrossing, 1, "reactive to adopting is a crossing up")
        let role = try XCTUnwrap(diff.dimensions.first { $0.id == "operating_model.cs_role_structure" })
        XCTAssertEqual(role.levelCrossing, -1, "performing to adopting is a crossing down")
        XCTAssertTrue(diff.kinds.contains(.levelUp))
        XCTAssertTrue(diff.kinds.contains(.levelDown))
        XCTAssertEqual(diff.resolved.map(\.id).contains("journey-mapping-workshop"), true, "adopting-level journey work is resolved")
        XCTAssertTrue(diff.inputSummary.hasPrefix("different assessments"))
    }

    func testPackVersionChangeNamesPack() throws {
        let diff = try RunDiff.compare(try Self.snapshot("northwind-mid-market.json", rules: ["acme-advisory-pack"]),
                                       try Self.snapshot("northwind-mid-market.json", rules: ["acme-advisory-pack-1.3.0"]))
        XCTAssertEqual(diff.inputSummary, "same assessment; rules changed: pack acme-advisory 1.2.0 → 1.3.0")
        let reworded = try XCTUnwrap(diff.changed.first { $0.id == "book-level-retention-report" })
        XCTAssertEqual(reworded.kinds, [.text], "a wording-only change is one text change")
        XCTAssertTrue(diff.added.isEmpty)
        XCTAssertTrue(diff.resolved.isEmpty)
    }

    func testReorderedPackFilesShowNoChange() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csm-diff-\(UUID().uuidString)")
        let original = URL(fileURLWithPath: Self.packageRoot + "/samples/acme-advisory-pack")
        try FileManager.default.copyItem(at: original, to: folder)
        let rules = folder.appendingPathComponent("rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules.path) {
            try FileManager.default.moveItem(at: rules.appendingPathComponent(name), to: folder.appendingPathComponent("zz_" + name))
        }
        let moved = try Runner.run(RunOptions(assessmentPath: Self.packageRoot + "/samples/northwind-mid-market.json", rulePaths: [folder.path]))
        let diff = try RunDiff.compare(try Self.snapshot("northwind-mid-market.json", rules: ["acme-advisory-pack"]),
                                       try RunSnapshot(record: moved, label: "moved"))
        XCTAssertFalse(diff.hasDifferences, "renamed and moved rule files change nothing")
        XCTAssertEqual(diff.inputSummary, "same assessment; same rules", "the pack hash ignores file names")
    }

    func testDifferentModelsRejected() throws {
        var other = try Self.snapshot("northwind-mid-market.json")
        let snapshot = other
        other.provenance.modelID = "another-model"
        XCTAssertThrowsError(try RunDiff.compare(snapshot, other)) { error in
            XCTAssertEqual((error as? CSMError)?.exitCode, 2)
            XCTAssertTrue("\(error)".contains("different models"), "\(error)")
        }
    }

    func testReadRejectsOtherSchemas() throws {
        let cases: [(name: String, text: String, message: String)] = [
            ("future schema", #"{"schema": "csm.run/v2"}"#, "unsupported run record schema 'csm.run/v2'"),
            ("assessment", #"{"schema": "csm.assessment/v1"}"#, "this is not a run record"),
            ("truncated", #"{"schema": "csm.run/v1", "engine": {"#, "unexpected end of file"),
            ("missing keys", #"{"schema": "csm.run/v1"}"#, "missing required key 'engine'"),
        ]
        for testCase in cases {
            XCTAssertThrowsError(try RunSnapshot.read(bytes: Array(testCase.text.utf8), label: "old.json"), testCase.name) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(testCase.message), "\(testCase.name): \(text)")
                XCTAssertTrue(text.hasPrefix("old.json:"), "\(testCase.name): names the file: \(text)")
            }
        }
    }

    func testParseKinds() throws {
        XCTAssertEqual(try RunDiff.parseKinds("added,level-down"), [.added, .levelDown])
        XCTAssertThrowsError(try RunDiff.parseKinds("addded")) { error in
            XCTAssertTrue("\(error)".contains("(did you mean 'added'?)"), "\(error)")
        }
    }
}
