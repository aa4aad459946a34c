import Foundation
import XCTest

/// `csm model` and `csm init` through the built binary.
final class ModelAndInitTests: CSMProcessTestCase {
    func testModelJSONIsTheModelFile() throws {
        let result = try csm(["model", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let file = try Data(contentsOf: Self.packageRoot.appendingPathComponent("Sources/CSMModel/BuiltinModel/cs-maturity-model.json"))
        XCTAssertEqual(result.stdout, Array(file), "csm model --format json prints the built-in model file")
    }

    func testModelJSONRoundTripsThroughModelOption() throws {
        let path = scratch.appendingPathComponent("my-model.json").path
        XCTAssertEqual(try csm(["model", "--format", "json", "--output", path]).status, 0)
        let run = try csm(["run", "samples/northwind-mid-market.json", "--model", path, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testModelTextListsEveryDimension() throws {
        let result = try csm(["model"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for id in ["customer_lifecycle.codified_journey", "operating_model.cx_metrics_alignment",
                   "economic_model.customer_paid_success", "enablement_scale.cs_career_culture"] {
            XCTAssertTrue(result.stdoutText.contains("(\(id))"), "lists \(id)")
        }
        XCTAssertTrue(result.stdoutText.contains("csm's own"), "says the descriptors are csm's own wording")
    }

    func testModelMarkdownHasDescriptorTables() throws {
        let result = try csm(["model", "--format", "markdown"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdoutText.components(separatedBy: "| Level | What an assessor sees | Evidence to ask for |").count - 1, 12)
    }

    func testInitWritesBlankAssessment() throws {
        let folder = scratch.appendingPathComponent("clients")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("acme.json").path
        let result = try csm(["init", path, "--organization", "Acme Corp", "--date", "2026-10-15"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        XCTAssertEqual(object["assessed_on"] as? String, "2026-10-15")
        XCTAssertEqual((object["dimensions"] as? [String: Any])?.count, 12, "every dimension is listed")
        let entry = (object["dimensions"] as? [String: Any])?["customer_lifecycle.codified_journey"] as? [String: Any]
        XCTAssertEqual((entry?["guidance"] as? [String: Any])?.count, 5, "a question and four level descriptors")
        XCTAssertTrue((object["$schema"] as? String)?.hasSuffix("schemas/assessment.schema.json") == true)
    }

    func testInitThenScoreThenRun() throws {
        let path = scratch.appendingPathComponent("client.json").path
        XCTAssertEqual(try csm(["init", path, "--date", "2026-10-15"]).status, 0)
        let blank = try csm(["run", path])
        XCTAssertEqual(blank.status, 2, "a blank assessment has no score yet")
        XCTAssertTrue(blank.stderr.contains("no dimension has a score"), blank.stderr)

        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"score\": null", with: "\"score\": 1.5")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let filled = try csm(["run", path])
        XCTAssertEqual(filled.status, 0, filled.stderr)
    }

    func testInitRefusesToOverwrite() throws {
        let path = scratch.appendingPathComponent("exists.json").path
        try "{}".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try csm(["init", path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--force"), result.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{}", "the file is untouched")
    }
}
