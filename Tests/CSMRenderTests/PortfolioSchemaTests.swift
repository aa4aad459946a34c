import CSMJSON
import CSMPortfolio
import CSMRun
import Foundation
import XCTest

/// Checks schemas/portfolio.schema.json, schemas/batch-result.schema.json and
/// the "portfolio" key of schemas/run-record.schema.json against documents
/// that `PortfolioJSON` and `RunRecord.json` write for real runs of the
/// samples, and against broken copies of them that the schemas must reject.
///
/// Validation runs in a subprocess with Debian's /usr/bin/python3 and its
/// jsonschema module (package python3-jsonschema); the tests are skipped when
/// either is missing.
final class PortfolioSchemaTests: XCTestCase {
    static let python = "/usr/bin/python3"
    static let schemaFolder = PortfolioFixture.packageRoot.appendingPathComponent("schemas").path

    /// Takes the schema folder, a schema file name and instance paths, and prints a JSON object
    /// that maps each path to its validation errors. Every schema in the folder is loaded, so
    /// "$ref" between schema files resolves, with the referencing package (jsonschema 4.18 and
    /// later) or RefResolver (older releases).
    static let validatorScript = """
        import glob, json, os, sys

        import jsonschema
        from jsonschema import Draft202012Validator

        schema_dir, schema_name, *instances = sys.argv[1:]
        schemas = {}
        for path in sorted(glob.glob(os.path.join(schema_dir, "*.schema.json"))):
            with open(path, encoding="utf-8") as handle:
                loaded = json.load(handle)
            Draft202012Validator.check_schema(loaded)
            schemas[loaded["$id"]] = loaded
        with open(os.path.join(schema_dir, schema_name), encoding="utf-8") as handle:
            root = json.load(handle)
        try:
            from referencing import Registry, Resource
            registry = Registry().with_resources((key, Resource.from_contents(value)) for key, value in schemas.items())
            validator = Draft202012Validator(root, registry=registry)
        except (ImportError, TypeError):
            validator = Draft202012Validator(root, resolver=jsonschema.RefResolver.from_schema(root, store=schemas))
        report = {}
        for path in instances:
            with open(path, encoding="utf-8") as handle:
                instance = json.load(handle)
            errors = sorted(validator.iter_errors(instance), key=lambda error: [str(part) for part in error.absolute_path])
            report[path] = ["/" + "/".join(str(part) for part in error.absolute_path) + ": " + error.message[:300]
                            for error in errors]
        print(json.dumps(report))
        """

    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("csm-portfolio-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A document to validate: a name for messages and its JSON text.
    private struct Document {
        let name: String
        let text: String
    }

    /// A change to a parsed document that the schema must reject.
    private struct Mutation {
        let name: String
        let mutate: (inout [String: Any]) -> Void
    }

    // MARK: - Portfolio summary

    func testPortfolioSummariesMatchSchema() throws {
        let failures = [
            PortfolioFixture.Failure(input: "clients/broken.json", status: "invalid", messages: ["broken.json:3:4: organization.name: missing"]),
            PortfolioFixture.Failure(input: "stream.jsonl:7", status: "rule_failure", messages: ["rule core.x failed"]),
        ]
        let samples = try PortfolioFixture.samples(failures: failures, rankingLimit: 2)
        let empty = try PortfolioFixture.empty()
        var withoutPhase = PortfolioBuilder(model: samples.records[0].model, distribution: samples.distribution,
                                            rankingLimit: 0, firstPhaseName: nil)
        withoutPhase.addFailure(index: 1, input: "a.json", status: "invalid", messages: [])
        let documents = [
            Document(name: "samples", text: Self.summaryText(samples.summary)),
            Document(name: "empty", text: Self.summaryText(empty.summary)),
            Document(name: "no first phase, no ranking", text: Self.summaryText(withoutPhase.summary())),
        ]

        try assertValid(documents, against: "portfolio.schema.json")
    }

    func testPortfolioSchemaRejectsBrokenSummaries() throws {
        let summary = Self.summaryText(try PortfolioFixture.samples(failures: [
            PortfolioFixture.Failure(input: "broken.json", status: "invalid", messages: ["missing name"]),
        ]).summary)
        let mutations = [
            Mutation(name: "unknown top-level key") { $0["extra"] = 1 },
            Mutation(name: "other schema id") { $0["schema"] = "csm.portfolio/v2" },
            Mutation(name: "missing ranking") { $0["ranking"] = nil },
            Mutation(name: "negative count") { Self.edit(&$0, "clients") { $0["inputs"] = -1 } },
            Mutation(name: "median above 3") { Self.edit(&$0, "dimensions", 0) { $0["median"] = 3.5 } },
            Mutation(name: "missing level count") {
                Self.edit(&$0, "dimensions", 0) { $0["levels"] = ["reactive": 1, "adopting": 1, "performing": 1] }
            },
            Mutation(name: "share above 1") { Self.edit(&$0, "initiatives", 0) { $0["share"] = 1.5 } },
            Mutation(name: "unknown level") { Self.edit(&$0, "ranking", 0) { $0["overall_level"] = "expert" } },
            Mutation(name: "unknown failure status") { Self.edit(&$0, "failures", 0) { $0["status"] = "crashed" } },
            Mutation(name: "failure without errors") { Self.edit(&$0, "failures", 0) { $0["errors"] = nil } },
        ]

        try assertRejected(summary, mutations, against: "portfolio.schema.json")
    }

    // MARK: - Result lines

    func testResultLinesMatchSchema() throws {
        let fixture = try PortfolioFixture.samples()
        var documents: [Document] = []
        for (offset, record) in fixture.records.enumerated() {
            let client = Self.client(record, index: offset + 1)
            documents.append(Document(name: "\(client.name) with position",
                                      text: Self.line(PortfolioJSON.result(client, position: record.portfolio, outputs: ["clients/\(client.name).md"]))))
            documents.append(Document(name: "\(client.name) without position",
                                      text: Self.line(PortfolioJSON.result(client, position: nil, outputs: []))))
        }
        let failedRules = Self.client(fixture.records[0], index: 9, failedRules: ["core.failing-rule"])
        documents.append(Document(name: "rules failed, kept going",
                                  text: Self.line(PortfolioJSON.result(failedRules, position: fixture.records[0].portfolio, outputs: []))))
        documents.append(Document(name: "invalid", text: Self.line(PortfolioJSON.failedResult(
            index: 10, input: "broken.json", status: "invalid", messages: ["broken.json:3:4: organization.name: missing"]))))
        documents.append(Document(name: "rules failed, stopped", text: Self.line(PortfolioJSON.failedResult(
            index: 11, input: "stream.jsonl:4", status: "rule_failure", messages: ["rule core.x failed"]))))
        documents.append(Document(name: "skipped", text: Self.line(PortfolioJSON.skippedResult(
            index: 12, input: "clients/pack.json", reason: "not an assessment: a csm.pack/v1 document"))))

        try assertValid(documents, against: "batch-result.schema.json")
    }

    func testResultSchemaRejectsBrokenLines() throws {
        let fixture = try PortfolioFixture.samples()
        let record = fixture.records[0]
        let evaluated = Self.line(PortfolioJSON.result(Self.client(record, index: 1), position: record.portfolio, outputs: []))
        let failed = Self.line(PortfolioJSON.failedResult(index: 2, input: "broken.json", status: "invalid", messages: ["missing name"]))
        let journey = "customer_lifecycle.codified_journey"
        let evaluatedMutations = [
            Mutation(name: "missing outputs") { $0["outputs"] = nil },
            Mutation(name: "failed status with scores") { $0["status"] = "invalid" },
            Mutation(name: "errors on an evaluated client") { $0["errors"] = ["x"] },
            Mutation(name: "percentile above 100") { Self.edit(&$0, "dimensions", journey) { $0["percentile"] = 101 } },
            Mutation(name: "short dimension id") {
                var dimensions = $0["dimensions"] as? [String: Any] ?? [:]
                dimensions["journey"] = dimensions[journey]
                $0["dimensions"] = dimensions
            },
            Mutation(name: "unknown level") { Self.edit(&$0, "overall") { $0["level"] = "expert" } },
        ]
        let failedMutations = [
            Mutation(name: "ok status without scores") { $0["status"] = "ok" },
            Mutation(name: "organization on a failed input") { $0["organization"] = "Acme" },
            Mutation(name: "failed input without errors") { $0["errors"] = nil },
            Mutation(name: "skipped without reason") { $0["status"] = "skipped"; $0["errors"] = nil },
            Mutation(name: "index 0") { $0["index"] = 0 },
        ]

        try assertRejected(evaluated, evaluatedMutations, against: "batch-result.schema.json")
        try assertRejected(failed, failedMutations, against: "batch-result.schema.json")
    }

    // MARK: - Run record

    func testRunRecordsWithPositionMatchSchema() throws {
        let fixture = try PortfolioFixture.samples()
        var documents = fixture.records.map { Document(name: $0.assessment.organization.name, text: $0.jsonText) }
        var unpositioned = fixture.records[0]
        unpositioned.portfolio = nil
        documents.append(Document(name: "without portfolio", text: unpositioned.jsonText))

        XCTAssertTrue(documents[0].text.contains("\"portfolio\": {"), "a record with a position writes the portfolio key")
        XCTAssertFalse(unpositioned.jsonText.contains("\"portfolio\""), "a record without a position leaves it out")
        try assertValid(documents, against: "run-record.schema.json")
    }

    func testRunRecordSchemaRejectsBrokenPosition() throws {
        let record = try PortfolioFixture.samples().record("brightpath-early-stage.json").jsonText
        let mutations = [
            Mutation(name: "unknown portfolio key") { Self.edit(&$0, "portfolio") { $0["rank"] = 1 } },
            Mutation(name: "negative percentile") {
                Self.edit(&$0, "portfolio") { Self.edit(&$0, "dimensions", 0) { $0["percentile"] = -1 } }
            },
            Mutation(name: "missing median") {
                Self.edit(&$0, "portfolio") { Self.edit(&$0, "dimensions", 0) { $0["median"] = nil } }
            },
            Mutation(name: "clients as text") { Self.edit(&$0, "portfolio") { $0["clients"] = "5" } },
        ]

        try assertRejected(record, mutations, against: "run-record.schema.json")
    }

    // MARK: - Documents

    static func summaryText(_ summary: PortfolioSummary) -> String {
        JSONWriter.write(PortfolioJSON.summary(summary, engineVersion: CSMVersion.current), pretty: true)
    }

    static func line(_ json: JSON) -> String {
        JSONWriter.write(json, pretty: false)
    }

    static func client(_ record: RunRecord, index: Int, failedRules: [String] = []) -> ClientSummary {
        let name = URL(fileURLWithPath: record.assessment.source).deletingPathExtension().lastPathComponent
        return ClientSummary(index: index, input: record.assessment.source, name: name, evaluation: record.evaluation,
                             plan: record.plan, roadmap: record.roadmap, failedRules: failedRules)
    }

    /// Applies `change` to the object at `key`.
    static func edit(_ object: inout [String: Any], _ key: String, _ change: (inout [String: Any]) -> Void) {
        guard var inner = object[key] as? [String: Any] else { return }
        change(&inner)
        object[key] = inner
    }

    /// Applies `change` to element `index` of the array of objects at `key`.
    static func edit(_ object: inout [String: Any], _ key: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
        guard var items = object[key] as? [[String: Any]], items.indices.contains(index) else { return }
        change(&items[index])
        object[key] = items
    }

    /// Applies `change` to the object at `member` inside the object at `key`.
    static func edit(_ object: inout [String: Any], _ key: String, _ member: String, _ change: (inout [String: Any]) -> Void) {
        edit(&object, key) { inner in edit(&inner, member, change) }
    }

    // MARK: - Validation

    private func assertValid(_ documents: [Document], against schema: String,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let paths = try write(documents.map(\.text))
        let report = try validate(paths, against: schema)
        for (document, path) in zip(documents, paths) {
            XCTAssertEqual(report[path] ?? ["no result from the validator"], [], "\(document.name) matches \(schema)", file: file, line: line)
        }
    }

    /// Checks that the unchanged document passes and every mutated copy fails.
    private func assertRejected(_ text: String, _ mutations: [Mutation], against schema: String,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "a JSON object")
        var texts = [String(decoding: try JSONSerialization.data(withJSONObject: parsed), as: UTF8.self)]
        for mutation in mutations {
            var copy = parsed
            mutation.mutate(&copy)
            texts.append(String(decoding: try JSONSerialization.data(withJSONObject: copy), as: UTF8.self))
        }
        let paths = try write(texts)
        let report = try validate(paths, against: schema)

        XCTAssertEqual(report[paths[0]] ?? ["no result from the validator"], [],
                       "the unchanged document matches \(schema), so each mutation fails for its own change", file: file, line: line)
        for (mutation, path) in zip(mutations, paths.dropFirst()) {
            XCTAssertFalse((report[path] ?? []).isEmpty, "\(mutation.name): \(schema) rejects the document", file: file, line: line)
        }
    }

    private func write(_ texts: [String]) throws -> [String] {
        try texts.map { text in
            let path = scratch.appendingPathComponent("document-\(UUID().uuidString).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    private func validate(_ paths: [String], against schema: String) throws -> [String: [String]] {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw XCTSkip("\(Self.python) not found; install the Debian packages python3 and python3-jsonschema")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = ["-c", Self.validatorScript, Self.schemaFolder, schema] + paths
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if message.contains("ModuleNotFoundError") {
            throw XCTSkip("\(Self.python) has no jsonschema module; install the Debian package python3-jsonschema")
        }
        XCTAssertEqual(process.terminationStatus, 0, "the validator exits with 0; stderr: \(message)")
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: [String]], "the validator prints a report")
    }
}
