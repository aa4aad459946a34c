import CSMBatch
import CSMSystem
import Foundation
import XCTest

final class BatchInputsTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("csm-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a/deeper"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("b"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        for name in ["a/acme.json", "a/deeper/zeta.json", "a/notes.txt", "b/acme.json", "stream.jsonl", "more.NDJSON", "single.json"] {
            try Data("{}".utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func testFoldersFilesStreamsAndStandardInput() throws {
        let sources = try BatchInputs.expand([path("a"), path("single.json"), path("stream.jsonl"), "-", path("more.NDJSON")])
        XCTAssertEqual(sources, [
            .file(path: path("a") + "/acme.json", name: "acme", inFolder: true),
            .file(path: path("a") + "/deeper/zeta.json", name: "zeta", inFolder: true),
            .file(path: path("single.json"), name: "single", inFolder: false),
            .jsonLines(path: path("stream.jsonl"), name: "stream"),
            .standardInput(name: "stdin"),
            .jsonLines(path: path("more.NDJSON"), name: "more"),
        ])
    }

    func testSharedBaseNamesGetSuffixes() throws {
        let names = try BatchInputs.expand([path("a"), path("b"), path("b/acme.json")]).map { source -> String in
            if case let .file(_, name, _) = source { return name }
            return "?"
        }
        XCTAssertEqual(names, ["acme", "zeta", "acme-2", "acme-3"])
    }

    func testBadInputsAreAllReported() {
        XCTAssertThrowsError(try BatchInputs.expand([path("missing.json"), path("empty"), "-", "-"])) { error in
            let error = error as! CSMError
            XCTAssertEqual(error.exitCode, 2)
            let text = error.description
            XCTAssertTrue(text.contains(path("missing.json") + ": no such file or folder"), text)
            XCTAssertTrue(text.contains(path("empty") + ": folder contains no assessment"), text)
            XCTAssertTrue(text.contains("'-' (standard input) is given more than once"), text)
        }
    }

    func testOutputNamesAreSafe() {
        XCTAssertEqual(BatchInputs.outputName("../etc/passwd"), "etc-passwd")
        XCTAssertEqual(BatchInputs.outputName(".hidden"), "hidden")
        XCTAssertEqual(BatchInputs.slug("Acme Corp. (EMEA) / Ünïcode"), "acme-corp-emea-ünïcode")
        XCTAssertEqual(BatchInputs.slug("日本語 株式会社"), "日本語-株式会社")
        XCTAssertEqual(BatchInputs.slug("../../etc"), "etc")
        XCTAssertEqual(BatchInputs.slug("  "), "")
        XCTAssertLessThanOrEqual(BatchInputs.outputName(String(repeating: "a", count: 500)).count, 80)
    }
}
