import CSMJSON
import Foundation
import XCTest

/// `csm batch` end to end: folders, file lists, JSON Lines on files and standard
/// input, bad inputs, rule failures, usage errors, and the same output for any --jobs.
final class BatchCommandTests: CSMProcessTestCase {
    static let sampleClients = ["atlas-enterprise", "brightpath-early-stage", "helio-multi-respondent",
                                "northwind-2026-q3", "northwind-mid-market"]

    // MARK: - Helpers

    private func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The samples as one JSON Lines text, each assessment on one line.
    private func sampleLines() throws -> [String] {
        try Self.sampleClients.map { name in
            let data = try Data(contentsOf: Self.packageRoot.appendingPathComponent("samples/\(name).json"))
            let object = try JSONSerialization.jsonObject(with: data)
            let line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: line, as: UTF8.self)
        }
    }

    private func resultLines(_ file: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// Every file under `folder`, by relative path, with its bytes.
    private func tree(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: folder)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    // MARK: - Folders and files

    func testSampleFolderGivesReportsResultsAndSummary() throws {
        let out = path("portfolio")
        let result = try csm(["batch", "samples", "--output", out, "--format", "json,markdown,html,text"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("5 evaluated, 0 invalid, 0 with failed rules, 6 skipped (not assessments)"), result.stderr)
        XCTAssertTrue(result.stdout.isEmpty, "nothing on standard output without --results -")

        for name in ["summary.json", "summary.md", "summary.html", "results.jsonl"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(name)"), "\(name) written")
        }
        for client in Self.sampleClients {
            for ext in ["run.json", "md", "html", "txt"] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/clients/\(client).\(ext)"), "\(client).\(ext) written")
            }
        }
        let lines = try resultLines("\(out)/results.jsonl")
        XCTAssertEqual(lines.count, 11, "one line per input, skipped ones included")
        XCTAssertEqual(lines.map { $0["index"] as? Int }, Array(1...11).map { $0 })
        XCTAssertEqual(lines.filter { $0["status"] as? String == "ok" }.count, 5)
        XCTAssertEqual(lines.filter { $0["status"] as? String == "skipped" }.count, 6)
        for line in lines { XCTAssertEqual(line["schema"] as? String, "csm.batch-result/v1") }

        // The client's own report places it in the portfolio.
        let record = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(out)/clients/northwind-mid-market.run.json"))) as? [String: Any])
        let portfolio = try XCTUnwrap(record["portfolio"] as? [String: Any])
        XCTAssertEqual(portfolio["clients"] as? Int, 5)
        let dimensions = try XCTUnwrap(portfolio["dimensions"] as? [[String: Any]])
        XCTAssertEqual(dimensions.count, 12)
        XCTAssertNotNil(dimensions[0]["percentile"] as? Double)

        let summary = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(out)/summary.json"))) as? [String: Any])
        XCTAssertEqual(summary["schema"] as? String, "csm.portfolio/v1")
        let clients = try XCTUnwrap(summary["clients"] as? [String: Any])
        XCTAssertEqual(clients["evaluated"] as? Int, 5)
        XCTAssertEqual(clients["skipped"] as? Int, 6)
        XCTAssertEqual((summary["ranking"] as? [Any])?.count, 5)
        XCTAssertEqual((summary["dimensions"] as? [Any])?.count, 12)
    }

    /// The summary and result lines of the sample folder, against golden files. Regenerate with
    /// `CSM_UPDATE_GOLDEN=1 swift test --filter BatchCommandTests` and review the diff.
    func testSampleSummaryMatchesGoldenFiles() throws {
        let out = path("golden")
        let result = try csm(["batch", "samples", "--output", out, "--format", "none"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for (written, golden) in [("summary.json", "portfolio-samples.summary.json"), ("summary.md", "portfolio-samples.summary.md"),
                                  ("results.jsonl", "portfolio-samples.results.jsonl")] {
            let actual = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(written)"))
            let goldenURL = EndToEndTests.goldenFolder.appendingPathComponent(golden)
            if ProcessInfo.processInfo.environment["CSM_UPDATE_GOLDEN"] == "1" {
                try actual.write(to: goldenURL)
                continue
            }
            let expected = try XCTUnwrap(FileManager.default.contents(atPath: goldenURL.path),
                                         "golden file \(golden) is missing; create it with CSM_UPDATE_GOLDEN=1")
            XCTAssertTrue(expected == actual, """
                \(written) differs from Golden/\(golden):
                \(EndToEndTests.firstDifference(expected: Array(expected), actual: Array(actual)))
                """)
        }
    }

    func testOutputIsTheSameForAnyNumberOfJobs() throws {
        let lines = try sampleLines()
        var stream = ""
        for round in 0..<12 { stream += lines[round % lines.count] + "\n" }
        stream += "{\"schema\": \"csm.assessment/v1\"}\n"
        let input = try write("clients.jsonl", stream)
        var trees: [[String: Data]] = []
        for jobs in ["1", "2", "5"] {
            let out = path("out-\(jobs)")
            let result = try csm(["batch", input, "samples/northwind-mid-market.json", "--output", out, "--jobs", jobs,
                                  "--format", "json,markdown"])
            XCTAssertEqual(result.status, 2, "one invalid line; stderr: \(result.stderr)")
            trees.append(try tree(out))
        }
        XCTAssertEqual(trees[0].count, 4 + 13 * 2, "summaries, results and two reports per valid client")
        XCTAssertEqual(trees[0], trees[1], "--jobs 2 writes the same files as --jobs 1")
        XCTAssertEqual(trees[0], trees[2], "--jobs 5 writes the same files as --jobs 1")
    }

    // MARK: - JSON Lines and bad input

    func testBadLinesAreListedAndTheRestEvaluated() throws {
        let lines = try sampleLines()
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let stream = [lines[0], "", "not json", lines[1], "{\"schema\": \"csm.assessment/v1\", \"organization\": {\"name\": \"X\"}}",
                      deep, "   ", lines[2], "{\"schema\": \"csm.assessment/v1\", \"organization\": {"].joined(separator: "\n") + "\n"
        let input = try write("mixed.jsonl", stream)
        let out = path("out")
        let result = try csm(["batch", input, "--output", out])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("\(input):9:"), "names the line that ends early: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("unexpected end of line"), "a cut line is not a truncated file: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("\(input):3:1: "), "names the line of the bad JSON: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("\(input):5:"), "names the line of the incomplete assessment: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("\(input):6:"), "names the line of the too-deep document: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("3 evaluated, 4 invalid"), result.stderr)

        let results = try resultLines("\(out)/results.jsonl")
        XCTAssertEqual(results.map { $0["input"] as? String }, [1, 3, 4, 5, 6, 8, 9].map { "\(input):\($0)" })
        XCTAssertEqual(results.map { $0["status"] as? String }, ["ok", "invalid", "ok", "invalid", "invalid", "ok", "invalid"])
        XCTAssertNotNil(results[1]["errors"] as? [String])
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(out)/clients"), "JSON Lines input writes no client reports by default")
    }

    func testStandardInputStreamsResultLines() throws {
        let lines = try sampleLines()
        let input = try write("stdin.jsonl", lines.joined(separator: "\n") + "\n")
        let out = path("out")
        let result = try csm(["batch", "-", "--output", out, "--results", "-"], standardInput: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        let printed = result.stdoutText.split(separator: "\n")
        XCTAssertEqual(printed.count, lines.count)
        XCTAssertTrue(printed[0].contains("\"input\":\"stdin:1\""), String(printed[0]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(out)/results.jsonl"), "results went to standard output")
        let left = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        XCTAssertEqual(left, ["summary.html", "summary.json", "summary.md"], "the copy of standard input is removed")
    }

    func testBadFilesInAListDoNotStopTheBatch() throws {
        let broken = try write("broken.json", "{\"schema\": \"csm.assessment/v1\",")
        let wrong = try write("scores.json", "{\"schema\": \"csm.assessment/v1\", \"organization\": {\"name\": \"Y\"}, "
            + "\"assessed_on\": \"2026-01-01\", \"dimensions\": {\"customer_lifecycle.codified_journey\": {\"score\": 9}}}")
        let pack = "samples/acme-advisory-pack/pack.json"
        let out = path("out")
        let result = try csm(["batch", broken, "samples/northwind-mid-market.json", wrong, pack, "--output", out])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains(broken + ":1:"), result.stderr)
        XCTAssertTrue(result.stderr.contains(wrong + ":1:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("score"), result.stderr)
        XCTAssertTrue(result.stderr.contains(pack), "a file named on the command line is never skipped: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("1 evaluated, 3 invalid"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/clients/northwind-mid-market.run.json"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(out)/clients/broken.run.json"))
    }

    func testManyFailuresAreCountedNotAllListed() throws {
        let stream = Array(repeating: "{}", count: 30).joined(separator: "\n")
        let input = try write("empty-objects.jsonl", stream)
        let result = try csm(["batch", input, "--output", path("out")])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("10 more failed inputs are not listed here; see \(path("out"))/results.jsonl"), result.stderr)
        XCTAssertTrue(result.stderr.contains("0 evaluated, 30 invalid"), result.stderr)
    }

    // MARK: - Rules

    func testFailingRuleGivesExitThreeAndKeepGoingWritesReports() throws {
        let pack = scratch.appendingPathComponent("pack")
        _ = try write("pack/pack.json", """
            {"schema": "csm.pack/v1", "name": "broken", "version": "1.0.0", "api_version": 1}
            """)
        _ = try write("pack/rules/fails.lua", """
            rule {
              id = "broken.fails",
              title = "Always fails",
              dimensions = { "customer_lifecycle.codified_journey" },
              toward = "performing",
              initiative = {
                id = "broken-initiative",
                title = "An initiative that never gets proposed",
                summary = "The rule that proposes it raises an error.",
                actions = { "First action.", "Second action.", "Third action." },
                effort = "small",
                impact = "low",
                kpis = { "GRR" },
              },
              when = function() error("no data for this client") end,
            }
            """)
        let out = path("out")
        let stopped = try csm(["batch", "samples/northwind-mid-market.json", "--rules", pack.path, "--output", out])
        XCTAssertEqual(stopped.status, 3, stopped.stderr)
        XCTAssertTrue(stopped.stderr.contains("csm: error: samples/northwind-mid-market.json: "), "names the client: \(stopped.stderr)")
        XCTAssertTrue(stopped.stderr.contains("broken.fails"), stopped.stderr)
        XCTAssertTrue(stopped.stderr.contains("no data for this client"), stopped.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(out)/clients/northwind-mid-market.run.json"))
        XCTAssertEqual(try resultLines("\(out)/results.jsonl").first?["status"] as? String, "rule_failure")

        let kept = try csm(["batch", "samples/northwind-mid-market.json", "--rules", pack.path, "--output", out, "--keep-going"])
        XCTAssertEqual(kept.status, 3, kept.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/clients/northwind-mid-market.run.json"))
        let line = try XCTUnwrap(try resultLines("\(out)/results.jsonl").first)
        XCTAssertEqual(line["status"] as? String, "rule_failure")
        XCTAssertEqual(line["failed_rules"] as? [String], ["broken.fails"])
        let errors = try XCTUnwrap(line["errors"] as? [String])
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("fails.lua"), errors[0])
        XCTAssertTrue(errors[0].contains("no data for this client"), errors[0])
    }

    // MARK: - Output folders

    func testResultsGoIntoNewOutputFolder() throws {
        let out = path("fresh")
        let result = try csm(["batch", "samples/atlas-enterprise.json", "--output", out, "--results", "\(out)/lines.jsonl",
                              "--format", "none"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try resultLines("\(out)/lines.jsonl").count, 1)
    }

    func testReusedOutputFolderWarns() throws {
        let out = path("reused")
        let first = try csm(["batch", "samples/atlas-enterprise.json", "samples/helio-multi-respondent.json", "--output", out])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(first.stderr.contains("warning"), first.stderr)

        let second = try csm(["batch", "samples/atlas-enterprise.json", "--output", out])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("csm: warning: \(out)/clients already contains 2 files"), second.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/clients/helio-multi-respondent.run.json"),
                      "a batch never deletes files")
    }

    // MARK: - Usage errors write nothing

    func testUsageErrorsWriteNothing() throws {
        let sample = "samples/northwind-mid-market.json"
        let file = try write("existing.txt", "x")
        let cases: [(arguments: [String], message: String)] = [
            (["batch", sample], "needs --output DIR"),
            (["batch", sample, "--output", file], "is not a folder"),
            (["batch", sample, "--output", path("o"), "--format", "pdf"], "invalid format 'pdf'"),
            (["batch", sample, "--output", path("o"), "--format", "json,none"], "none cannot be combined"),
            (["batch", sample, "--output", path("o"), "--jobs", "0"], "--jobs"),
            (["batch", path("missing.json"), "--output", path("o")], "missing.json: no such file or folder"),
            (["batch", "-", "-", "--output", path("o")], "given more than once"),
            (["batch", "samples", "--output", "samples/out"], "inside the input folder samples"),
            (["batch", sample, "--output", path("o"), "--rules", path("no-pack")], "no-pack"),
            (["batch", sample, "--output", path("o"), "--progress", "sometimes"], "--progress"),
            (["batch", "--output", path("o")], "'csm batch' takes at least 1 argument (usage: csm batch INPUT..."),
            (["batch", sample, "--output", "\(file)/sub"], "--output \(file)/sub cannot be created: \(file) is not a folder"),
            (["batch", sample, "--output", path("o"), "--model", path("o/model.json")], "\(path("o/model.json")): file not found"),
            (["batch", sample, "--output", path("o"), "--results", path("no-folder/r.jsonl")], "--results \(path("no-folder/r.jsonl")): folder"),
            (["batch", sample, "--output", path("o"), "--results", scratch.path], "--results \(scratch.path) is a directory"),
            (["batch", sample, "--output", path("o"), "--results", sample], "--results \(sample) is also an input"),
        ]
        for (arguments, message) in cases {
            let result = try csm(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): expected '\(message)' in \(result.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: path("o")), "\(arguments) created the output folder")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.packageRoot.appendingPathComponent("samples/out").path))
    }

    func testHelpDescribesInputsAndOutputs() throws {
        let result = try csm(["batch", "--help"])
        XCTAssertEqual(result.status, 0)
        for text in ["--output DIR", "--jobs N", "JSON Lines", "results.jsonl", "summary.json", "Exit status"] {
            XCTAssertTrue(result.stdoutText.contains(text), "help mentions \(text)")
        }
    }
}
