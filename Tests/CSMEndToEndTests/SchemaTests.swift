import Foundation
import XCTest

/// Checks the JSON Schemas in schemas/ against csm itself. The samples, the
/// built-in model, the rule pack files and the run records of the built binary
/// must match them, and assessments that csm rejects must fail the schema too.
///
/// Validation runs in a subprocess with Debian's /usr/bin/python3 and its
/// jsonschema module (package python3-jsonschema). Tests that need it are
/// skipped when either is missing.
final class SchemaTests: CSMProcessTestCase {
    static let python = "/usr/bin/python3"
    static let schemaFolder = "schemas"
    static let modelPath = "Sources/CSMModel/BuiltinModel/cs-maturity-model.json"
    static let acmePack = "samples/acme-advisory-pack"
    static let idPrefix = "https://csm.example/schemas/"
    static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// Schemas of files users write, which need a title and a description on every property.
    static let userSchemas = ["assessment.schema.json", "pack.schema.json", "rule-test.schema.json", "model.schema.json"]
    static let allSchemas = userSchemas + ["run-record.schema.json", "portfolio.schema.json", "batch-result.schema.json"]

    /// A Python program that takes the schema folder, a schema file name and instance paths, and
    /// prints a JSON object that maps each path to its validation errors. It checks every schema
    /// against the draft 2020-12 meta-schema and loads all of them, so "$ref" between schema files
    /// resolves. jsonschema 4.18 and later resolve references through the referencing package, and
    /// older releases (4.10 in Debian 12) through RefResolver.
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
        checker = getattr(Draft202012Validator, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
        try:
            from referencing import Registry, Resource
            registry = Registry().with_resources((key, Resource.from_contents(value)) for key, value in schemas.items())
            validator = Draft202012Validator(root, registry=registry, format_checker=checker)
        except (ImportError, TypeError):
            resolver = jsonschema.RefResolver.from_schema(root, store=schemas)
            validator = Draft202012Validator(root, resolver=resolver, format_checker=checker)
        report = {}
        for path in instances:
            with open(path, encoding="utf-8") as handle:
                instance = json.load(handle)
            errors = sorted(validator.iter_errors(instance), key=lambda error: [str(part) for part in error.absolute_path])
            report[path] = ["/" + "/".join(str(part) for part in error.absolute_path) + ": " + error.message[:300]
                            for error in errors]
        print(json.dumps(report))
        """

    // MARK: - Schema files

    func testSchemasPassMetaSchema() throws {
        // The validator checks every schema file against the meta-schema before it validates anything.
        let report = try validate([], against: "assessment.schema.json")

        XCTAssertTrue(report.isEmpty, "no files given, so no results expected; got \(report)")
    }

    func testSchemaHeaders() throws {
        for name in Self.allSchemas {
            let schema = try loadObject(Self.schemaFolder + "/" + name)

            XCTAssertEqual(schema["$schema"] as? String, Self.draft, "\(name) declares draft 2020-12")
            XCTAssertEqual(schema["$id"] as? String, Self.idPrefix + name, "\(name) has an $id ending in its file name")
            XCTAssertNotNil(schema["title"] as? String, "\(name) has a title")
            XCTAssertNotNil(schema["description"] as? String, "\(name) has a description")
        }
    }

    func testEveryPropertyIsDescribed() throws {
        for name in Self.allSchemas {
            let schema = try loadObject(Self.schemaFolder + "/" + name)
            let needsTitle = Self.userSchemas.contains(name)
            var undescribed: [String] = []
            collectUndescribed(schema, root: schema, path: "", needsTitle: needsTitle, into: &undescribed)

            XCTAssertEqual(undescribed, [], "every property in \(name) has a description\(needsTitle ? " and a title" : "")")
        }
    }

    func testAssessmentSchemaListsModelIDs() throws {
        let model = try loadObject(Self.modelPath)
        let schema = try loadObject(Self.schemaFolder + "/assessment.schema.json")
        let definitions = try XCTUnwrap(schema["$defs"] as? [String: Any], "assessment schema has $defs")
        var modelDimensions: [String] = []
        for competency in try XCTUnwrap(model["competencies"] as? [[String: Any]], "model has competencies") {
            let competencyID = try XCTUnwrap(competency["id"] as? String)
            for dimension in try XCTUnwrap(competency["dimensions"] as? [[String: Any]]) {
                modelDimensions.append(competencyID + "." + (try XCTUnwrap(dimension["id"] as? String)))
            }
        }

        for definition in ["dimensions", "respondentScores"] {
            let object = definitions[definition] as? [String: Any]
            let names = (object?["propertyNames"] as? [String: Any])?["enum"] as? [String]
            XCTAssertEqual(names, modelDimensions, "$defs.\(definition) lists the model's dimension ids in model order")
            let properties = (object?["properties"] as? [String: Any]).map { Set($0.keys) }
            XCTAssertEqual(properties, Set(modelDimensions), "$defs.\(definition) describes every dimension id")
        }
    }

    func testAssessmentSchemaMatchesModelFacts() throws {
        let model = try loadObject(Self.modelPath)
        let schema = try loadObject(Self.schemaFolder + "/assessment.schema.json")
        let facts = ((schema["$defs"] as? [String: Any])?["facts"] as? [String: Any])?["properties"] as? [String: Any]
        let schemaFacts = try XCTUnwrap(facts, "assessment schema has $defs.facts.properties")
        let modelFacts = try XCTUnwrap(model["facts"] as? [[String: Any]], "model has facts")

        XCTAssertEqual(Set(schemaFacts.keys), Set(modelFacts.compactMap { $0["id"] as? String }),
                       "the schema lists exactly the model's facts")
        for fact in modelFacts {
            let id = try XCTUnwrap(fact["id"] as? String)
            let kind = try XCTUnwrap(fact["type"] as? String)
            guard let entry = schemaFacts[id] as? [String: Any] else { continue }
            let jsonType: String
            switch kind {
            case "integer": jsonType = "integer"
            case "boolean": jsonType = "boolean"
            case "choice": jsonType = "string"
            default: jsonType = "number"
            }

            XCTAssertEqual(entry["type"] as? [String], [jsonType, "null"], "fact \(id) (\(kind)) is a \(jsonType) or null")
            XCTAssertEqual(entry["minimum"] as? Double, fact["min"] as? Double, "fact \(id) has the model's minimum")
            XCTAssertEqual(entry["maximum"] as? Double, fact["max"] as? Double, "fact \(id) has the model's maximum")
            if kind == "choice" {
                let values = (entry["enum"] as? [Any])?.compactMap { $0 as? String }
                XCTAssertEqual(values, fact["values"] as? [String], "fact \(id) lists the model's values")
            }
        }
    }

    // MARK: - Files that must match

    func testSamplesMatchAssessmentSchema() throws {
        let samples = try Self.samplePaths()
        XCTAssertFalse(samples.isEmpty, "samples/ holds assessments")

        try assertValid(samples, against: "assessment.schema.json")
    }

    func testBuiltinModelMatchesSchema() throws {
        try requireValidator()
        let result = try csm(["model", "--format", "json"])
        XCTAssertEqual(result.status, 0, "csm model succeeds; stderr: \(result.stderr)")
        let printed = scratch.appendingPathComponent("printed-model.json").path
        try Data(result.stdout).write(to: URL(fileURLWithPath: printed))

        try assertValid([Self.modelPath, printed], against: "model.schema.json")
    }

    func testPackManifestsMatchSchema() throws {
        let scaffold = try scaffoldPack()
        let samplePacks = try Self.samplePackPaths()
        XCTAssertFalse(samplePacks.isEmpty, "samples/ holds rule packs")
        let manifests = samplePacks.map { $0 + "/pack.json" } + ["rules/pack.json", scaffold + "/pack.json"]

        try assertValid(manifests, against: "pack.schema.json")
    }

    func testRuleTestFilesMatchSchema() throws {
        let scaffold = try scaffoldPack()
        var files = try jsonFiles(in: scaffold + "/tests")
        for pack in try Self.samplePackPaths() where FileManager.default.fileExists(atPath: Self.absolute(pack + "/tests")) {
            files += try jsonFiles(in: pack + "/tests")
        }
        XCTAssertGreaterThanOrEqual(files.count, 3, "the sample packs and the scaffold have test files")

        try assertValid(files, against: "rule-test.schema.json")
    }

    func testInitTemplateMatchesOnceScored() throws {
        try requireValidator()
        let blank = scratch.appendingPathComponent("blank.json").path
        let created = try csm(["init", blank, "--organization", "Fixture Co", "--date", "2026-10-15"])
        XCTAssertEqual(created.status, 0, "csm init succeeds; stderr: \(created.stderr)")
        var template = try loadObject(blank)
        var dimensions = try XCTUnwrap(template["dimensions"] as? [String: Any], "the template lists dimensions")
        var journey = try XCTUnwrap(dimensions["customer_lifecycle.codified_journey"] as? [String: Any])
        XCTAssertNotNil(journey["guidance"], "the template gives guidance for each dimension")
        journey["score"] = 1.5
        dimensions["customer_lifecycle.codified_journey"] = journey
        template["dimensions"] = dimensions
        let scored = scratch.appendingPathComponent("scored.json").path
        try JSONSerialization.data(withJSONObject: template).write(to: URL(fileURLWithPath: scored))

        let blankRun = try csm(["run", blank, "--format", "json"])
        let scoredRun = try csm(["run", scored, "--format", "json"])
        let report = try validate([blank, scored], against: "assessment.schema.json")

        XCTAssertEqual(blankRun.status, 2, "csm rejects the blank template, which has no score; stderr: \(blankRun.stderr)")
        let blankErrors = report[blank] ?? []
        XCTAssertEqual(blankErrors.count, 1, "the schema rejects the blank template for one reason, no score; errors: \(blankErrors)")
        XCTAssertTrue(blankErrors.first?.hasPrefix("/: ") == true, "that error is at the document root, where the score rule is")
        XCTAssertEqual(scoredRun.status, 0, "csm accepts the template with one score; stderr: \(scoredRun.stderr)")
        XCTAssertEqual(report[scored] ?? ["no result from the validator"], [], "the schema accepts the template with one score")
    }

    private struct RecordCase {
        let name: String
        let arguments: [String]
        var status: Int32 = 0
        var standardInput: String?
    }

    func testRunRecordsMatchSchema() throws {
        try requireValidator()
        let failingPack = try writeFailingPack()
        let minimal = scratch.appendingPathComponent("minimal.json").path
        try Self.minimalAssessment.write(toFile: minimal, atomically: true, encoding: .utf8)
        let model = scratch.appendingPathComponent("model.json").path
        try FileManager.default.copyItem(atPath: Self.packageRoot.appendingPathComponent(Self.modelPath).path, toPath: model)

        var cases: [RecordCase] = []
        for sample in try Self.samplePaths() {
            let name = URL(fileURLWithPath: sample).deletingPathExtension().lastPathComponent
            cases.append(RecordCase(name: name, arguments: ["run", sample, "--format", "json"]))
            cases.append(RecordCase(name: name + " explained", arguments: ["run", sample, "--format", "json", "--explain"]))
            cases.append(RecordCase(name: name + " with acme pack",
                                    arguments: ["run", sample, "--format", "json", "--explain", "--rules", Self.acmePack]))
        }
        cases.append(RecordCase(name: "acme pack 1.3.0",
                                arguments: ["run", "samples/northwind-mid-market.json", "--format", "json",
                                            "--rules", "samples/acme-advisory-pack-1.3.0"]))
        cases.append(RecordCase(name: "minimal from standard input", arguments: ["run", "-", "--format", "json", "--explain"],
                                standardInput: minimal))
        cases.append(RecordCase(name: "model file and set",
                                arguments: ["run", minimal, "--format", "json", "--model", model, "--set", "core.grr_floor=0.9"]))
        cases.append(RecordCase(name: "failed rules kept going",
                                arguments: ["run", "samples/brightpath-early-stage.json", "--format", "json", "--explain",
                                            "--rules", failingPack, "--keep-going", "--max-instructions", "100000"],
                                status: 3))

        var records: [(name: String, path: String)] = []
        for item in cases {
            let result = try csm(item.arguments, standardInput: item.standardInput)
            XCTAssertEqual(result.status, item.status, "\(item.name): csm exits \(item.status); stderr: \(result.stderr)")
            guard !result.stdout.isEmpty else {
                XCTFail("\(item.name): csm printed no run record")
                continue
            }
            let path = scratch.appendingPathComponent("record-\(records.count).json").path
            try Data(result.stdout).write(to: URL(fileURLWithPath: path))
            records.append((item.name, path))
        }
        let report = try validate(records.map(\.path), against: "run-record.schema.json")

        for record in records {
            let errors = report[record.path] ?? ["no result from the validator"]
            XCTAssertEqual(errors, [], "\(record.name): the run record matches run-record.schema.json")
        }
    }

    // MARK: - Files that must not match

    private struct RecordMutation {
        let name: String
        let mutate: (inout [String: Any]) -> Void
    }

    func testRunRecordSchemaRejectsBrokenRecords() throws {
        try requireValidator()
        let result = try csm(["run", "samples/helio-multi-respondent.json", "--format", "json"])
        XCTAssertEqual(result.status, 0, "csm run succeeds; stderr: \(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout))
        let record = try XCTUnwrap(parsed as? [String: Any], "the run record is a JSON object")

        // "unchanged" shows that the round trip through JSONSerialization keeps the record valid,
        // so each other case fails for its own change.
        let mutations: [RecordMutation] = [
            RecordMutation(name: "unchanged") { _ in },
            RecordMutation(name: "missing roadmap") { $0["roadmap"] = nil },
            RecordMutation(name: "unknown top-level key") { $0["extra"] = "value" },
            RecordMutation(name: "other schema id") { $0["schema"] = "csm.run/v2" },
            RecordMutation(name: "unknown level") { Self.edit(&$0, "dimensions", 0) { $0["level"] = "expert" } },
            RecordMutation(name: "score above 3") { Self.edit(&$0, "dimensions", 0) { $0["score"] = 3.5 } },
            RecordMutation(name: "unknown effort") { Self.edit(&$0, "initiatives", 0) { $0["effort"] = "huge" } },
            RecordMutation(name: "unknown impact") { Self.edit(&$0, "initiatives", 0) { $0["impact"] = "extreme" } },
            RecordMutation(name: "unknown rule status") { Self.edit(&$0, "rules", 0) { $0["status"] = "crashed" } },
            RecordMutation(name: "initiative without reasons") { Self.edit(&$0, "initiatives", 0) { $0["reasons"] = [Any]() } },
            RecordMutation(name: "null assessment hash") {
                var assessment = $0["assessment"] as? [String: Any] ?? [:]
                assessment["sha256"] = NSNull()
                $0["assessment"] = assessment
            },
        ]
        var paths: [String] = []
        for (index, mutation) in mutations.enumerated() {
            var copy = record
            mutation.mutate(&copy)
            let path = scratch.appendingPathComponent("broken-\(index).json").path
            try JSONSerialization.data(withJSONObject: copy).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let report = try validate(paths, against: "run-record.schema.json")

        for (mutation, path) in zip(mutations, paths) {
            let errors = report[path] ?? ["no result from the validator"]
            if mutation.name == "unchanged" {
                XCTAssertEqual(errors, [], "the unchanged record matches the schema")
            } else {
                XCTAssertFalse(errors.isEmpty, "\(mutation.name): the schema rejects the record")
            }
        }
    }

    private struct AssessmentCase {
        let name: String
        let json: String
        /// Whether csm accepts the file; the schema must agree.
        let valid: Bool
    }

    func testSchemaAgreesWithParser() throws {
        try requireValidator()
        let journey = "customer_lifecycle.codified_journey"
        let make = Self.assessment
        let cases: [AssessmentCase] = [
            AssessmentCase(name: "minimal", json: make("", [:]), valid: true),
            AssessmentCase(name: "every optional key", json: Self.minimalAssessment, valid: true),
            AssessmentCase(name: "level name", json: make("", ["dimensions": #"{"\#(journey)": {"score": "performing"}}"#]),
                           valid: true),
            AssessmentCase(name: "level name in capitals",
                           json: make("", ["dimensions": #"{"\#(journey)": {"score": "Performing", "target": "OPTIMIZING"}}"#]),
                           valid: true),
            AssessmentCase(name: "scores at bounds",
                           json: make("", ["dimensions": #"{"\#(journey)": {"score": 0}, "operating_model.cs_role_structure": {"score": 3}}"#]),
                           valid: true),
            AssessmentCase(name: "respondent scores only",
                           json: make("", ["dimensions": #"{"\#(journey)": {"score": null}}"#,
                                        "respondents": #"[{"id": "ceo", "role": "CEO", "scores": {"\#(journey)": 2}}]"#]),
                           valid: true),
            AssessmentCase(name: "facts at bounds",
                           json: make("", ["facts": #"{"nps": -100, "arr_growth": -1, "grr": 1, "customers": 850.0, "pricing_model": "usage", "cs_platform": false, "nrr": null}"#]),
                           valid: true),
            AssessmentCase(name: "custom facts", json: make("", ["facts": #"{"x_tier": "gold", "x_seats": 12, "x_pilot": true, "x_gone": null}"#]),
                           valid: true),
            AssessmentCase(name: "leap day", json: make("", ["assessed_on": #""2024-02-29""#]), valid: true),
            AssessmentCase(name: "dimension guidance",
                           json: make("", ["dimensions": #"{"\#(journey)": {"score": 1, "guidance": {"question": "How mapped is the journey?"}}}"#]),
                           valid: true),
            AssessmentCase(name: "optional keys null",
                           json: make(#", "assessor": null, "notes": null, "target": null"#, ["facts": "null"]), valid: true),

            AssessmentCase(name: "unknown key", json: make(#", "guidance": "top-level guidance""#, [:]), valid: false),
            AssessmentCase(name: "unknown dimension key",
                           json: make("", ["dimensions": #"{"\#(journey)": {"score": 1, "comment": "x"}}"#]), valid: false),
            AssessmentCase(name: "unknown organization key",
                           json: make("", ["organization": #"{"name": "Fixture Co", "country": "NL"}"#]), valid: false),
            AssessmentCase(name: "score 3.5", json: make("", ["dimensions": #"{"\#(journey)": {"score": 3.5}}"#]), valid: false),
            AssessmentCase(name: "negative score", json: make("", ["dimensions": #"{"\#(journey)": {"score": -0.5}}"#]), valid: false),
            AssessmentCase(name: "target 4", json: make(#", "target": 4"#, [:]), valid: false),
            AssessmentCase(name: "unknown level", json: make("", ["dimensions": #"{"\#(journey)": {"score": "expert"}}"#]), valid: false),
            AssessmentCase(name: "quoted number score", json: make("", ["dimensions": #"{"\#(journey)": {"score": "2"}}"#]), valid: false),
            AssessmentCase(name: "unknown dimension",
                           json: make("", ["dimensions": #"{"customer_lifecycle.codified_jorney": {"score": 1}}"#]), valid: false),
            AssessmentCase(name: "short dimension id", json: make("", ["dimensions": #"{"codified_journey": {"score": 1}}"#]), valid: false),
            AssessmentCase(name: "null dimension entry", json: make("", ["dimensions": #"{"\#(journey)": null}"#]), valid: false),
            AssessmentCase(name: "unknown respondent dimension",
                           json: make("", ["respondents": #"[{"id": "ceo", "role": "CEO", "scores": {"journey": 2}}]"#]), valid: false),
            AssessmentCase(name: "respondent without role",
                           json: make("", ["respondents": #"[{"id": "ceo", "scores": {"\#(journey)": 2}}]"#]), valid: false),
            AssessmentCase(name: "ratio 88", json: make("", ["facts": #"{"grr": 88}"#]), valid: false),
            AssessmentCase(name: "fractional count", json: make("", ["facts": #"{"customers": 850.5}"#]), valid: false),
            AssessmentCase(name: "unknown choice", json: make("", ["facts": #"{"pricing_model": "flat"}"#]), valid: false),
            AssessmentCase(name: "boolean as text", json: make("", ["facts": #"{"usage_telemetry": "yes"}"#]), valid: false),
            AssessmentCase(name: "unknown fact", json: make("", ["facts": #"{"churn": 0.1}"#]), valid: false),
            AssessmentCase(name: "custom fact list", json: make("", ["facts": #"{"x_tags": ["a"]}"#]), valid: false),
            AssessmentCase(name: "invalid date", json: make("", ["assessed_on": #""2026-02-30""#]), valid: false),
            AssessmentCase(name: "date before 1900", json: make("", ["assessed_on": #""1899-12-31""#]), valid: false),
            AssessmentCase(name: "other schema id", json: make("", ["schema": #""csm.assessment/v2""#]), valid: false),
            AssessmentCase(name: "blank organization name", json: make("", ["organization": #"{"name": "  "}"#]), valid: false),
            AssessmentCase(name: "unknown segment",
                           json: make("", ["organization": #"{"name": "Fixture Co", "segment": "midmarket"}"#]), valid: false),
            AssessmentCase(name: "no score anywhere",
                           json: make("", ["dimensions": #"{"\#(journey)": {"evidence": "Interviews only"}}"#]), valid: false),
        ]

        var paths: [String] = []
        var accepted: [Bool] = []
        for (index, item) in cases.enumerated() {
            let path = scratch.appendingPathComponent("case-\(index).json").path
            try item.json.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try csm(["run", path, "--format", "json"])
            XCTAssertTrue(result.status == 0 || result.status == 2,
                          "\(item.name): csm accepts (0) or rejects (2) the file, got \(result.status); stderr: \(result.stderr)")
            paths.append(path)
            accepted.append(result.status == 0)
        }
        let report = try validate(paths, against: "assessment.schema.json")

        for (index, item) in cases.enumerated() {
            let errors = report[paths[index]] ?? ["no result from the validator"]
            XCTAssertEqual(accepted[index], item.valid, "\(item.name): csm \(item.valid ? "accepts" : "rejects") the assessment")
            XCTAssertEqual(errors.isEmpty, item.valid,
                           "\(item.name): the schema \(item.valid ? "accepts" : "rejects") the assessment; errors: \(errors)")
        }
    }

    // MARK: - Fixtures

    /// An assessment with every optional key, custom facts, an unscored dimension and a null ("don't know") respondent score.
    /// NRR below GRR gives a facts_inconsistent warning.
    static let minimalAssessment = """
        {
          "$schema": "../schemas/assessment.schema.json",
          "schema": "csm.assessment/v1",
          "organization": { "name": "Fixture Co", "segment": "smb", "industry": "Software", "region": "EMEA" },
          "assessed_on": "2026-10-15",
          "assessor": "Fixture assessor",
          "target": "performing",
          "facts": { "grr": 0.91, "nrr": 0.85, "customers": 120, "arr_usd": null, "x_region_code": "EU-7", "x_pilot": true },
          "dimensions": {
            "customer_lifecycle.codified_journey": { "score": "adopting", "target": 3, "evidence": "Journey map", "notes": "Consensus" },
            "operating_model.cs_role_structure": { "reason": "Not covered in this session" }
          },
          "respondents": [
            { "id": "ceo", "role": "CEO", "name": "Ada", "notes": "Interview",
              "scores": { "customer_lifecycle.codified_journey": 2, "operating_model.cs_role_structure": null } }
          ],
          "notes": "Fixture for the schema tests"
        }
        """

    /// Builds an assessment with one scored dimension. `fields` replaces top-level values by key
    /// (as JSON text), and `extra` is appended inside the top-level object.
    static func assessment(_ extra: String, _ fields: [String: String]) -> String {
        var values: [(String, String)] = [
            ("schema", #""csm.assessment/v1""#),
            ("organization", #"{"name": "Fixture Co"}"#),
            ("assessed_on", #""2026-10-15""#),
            ("dimensions", #"{"customer_lifecycle.codified_journey": {"score": 1.5}}"#),
        ]
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            if let index = values.firstIndex(where: { $0.0 == key }) {
                values[index].1 = value
            } else {
                values.append((key, value))
            }
        }
        return "{" + values.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + extra + "}"
    }

    /// Writes a pack with a rule that raises an error, one that loops until the instruction
    /// budget stops it, and one that prints and requires an initiative no rule proposes.
    private func writeFailingPack() throws -> String {
        let pack = scratch.appendingPathComponent("failpack")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        let initiative = #"title = "Fixture", summary = "Fixture.", actions = { "None." }, effort = "small", impact = "low""#
        let rules = """
            rule {
              id = "codified_journey.failing-plan",
              title = "Fails on purpose",
              dimensions = { "customer_lifecycle.codified_journey" },
              toward = "adopting",
              initiative = { id = "failing-plan", \(initiative) },
              when = function() error("deliberate failure") end,
            }
            rule {
              id = "codified_journey.endless-plan",
              title = "Loops on purpose",
              dimensions = { "customer_lifecycle.codified_journey" },
              toward = "adopting",
              initiative = { id = "endless-plan", \(initiative) },
              when = function() while true do end end,
            }
            rule {
              id = "codified_journey.chatty-plan",
              title = "Prints on purpose",
              dimensions = { "customer_lifecycle.codified_journey" },
              toward = "adopting",
              initiative = { id = "chatty-plan", requires = { "no-such-initiative" }, \(initiative) },
              when = function() print("checking the journey") return true end,
            }

            """
        try rules.write(to: pack.appendingPathComponent("failing.lua"), atomically: true, encoding: .utf8)
        return pack.path
    }

    /// Creates a pack with `csm rules new` and returns its directory.
    private func scaffoldPack() throws -> String {
        let directory = scratch.appendingPathComponent("newpack").path
        let result = try csm(["rules", "new", directory])
        XCTAssertEqual(result.status, 0, "csm rules new succeeds; stderr: \(result.stderr)")
        return directory
    }

    // MARK: - Helpers

    /// Skips the test unless /usr/bin/python3 can import jsonschema with draft 2020-12 support.
    private func requireValidator() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw XCTSkip("\(Self.python) not found; install the Debian packages python3 and python3-jsonschema")
        }
        let probe = try run(Self.python, ["-c", "from jsonschema import Draft202012Validator"])
        guard probe.status == 0 else {
            throw XCTSkip("\(Self.python) has no jsonschema module with draft 2020-12 support; "
                + "install the Debian package python3-jsonschema (4.10 or later)")
        }
    }

    struct ValidatorFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Validates `files` (paths relative to the package root, or absolute) against one schema
    /// and returns each file's errors, keyed by the path as given.
    private func validate(_ files: [String], against schema: String) throws -> [String: [String]] {
        try requireValidator()
        let result = try run(Self.python, ["-c", Self.validatorScript, Self.schemaFolder, schema] + files)
        guard result.status == 0 else {
            throw ValidatorFailed(description: "the validator failed with status \(result.status): \(result.stderr)")
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout))
        guard let report = parsed as? [String: [String]] else {
            throw ValidatorFailed(description: "the validator printed no report: \(result.stdoutText)")
        }
        return report
    }

    private func assertValid(_ files: [String], against schema: String,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let report = try validate(files, against: schema)
        for path in files {
            let errors = report[path] ?? ["no result from the validator"]
            XCTAssertEqual(errors, [], "\(path) matches \(schema)", file: file, line: line)
        }
    }

    /// Applies `change` to element `index` of the array of objects at `key`.
    static func edit(_ record: inout [String: Any], _ key: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
        guard var items = record[key] as? [[String: Any]], items.indices.contains(index) else { return }
        change(&items[index])
        record[key] = items
    }

    /// Adds the path of every property without a description (and a title, when `needsTitle`)
    /// to `undescribed`. A property may take both from the local "$ref" it points to. Conditions
    /// (if, then, not, anyOf, allOf, contains) only restrict values, so they are not searched.
    private func collectUndescribed(_ node: Any, root: [String: Any], path: String, needsTitle: Bool,
                                    into undescribed: inout [String]) {
        if let items = node as? [Any] {
            for (index, item) in items.enumerated() {
                collectUndescribed(item, root: root, path: path + "/\(index)", needsTitle: needsTitle, into: &undescribed)
            }
            return
        }
        guard let object = node as? [String: Any] else { return }
        for key in ["properties", "patternProperties"] {
            for (name, value) in (object[key] as? [String: Any]) ?? [:] {
                guard let property = value as? [String: Any] else { continue }
                let target = resolveReference(property, root: root)
                let described = property["description"] != nil || target["description"] != nil
                let titled = property["title"] != nil || target["title"] != nil
                if !described || (needsTitle && !titled) { undescribed.append(path + "/\(key)/\(name)") }
            }
        }
        let conditions: Set<String> = ["if", "then", "else", "not", "anyOf", "allOf", "oneOf", "contains"]
        for (key, value) in object where !conditions.contains(key) {
            collectUndescribed(value, root: root, path: path + "/" + key, needsTitle: needsTitle, into: &undescribed)
        }
    }

    /// Looks up the definition a local "#/$defs/NAME" reference points to. Other references give
    /// an empty object.
    private func resolveReference(_ property: [String: Any], root: [String: Any]) -> [String: Any] {
        guard let reference = property["$ref"] as? String, reference.hasPrefix("#/$defs/") else { return [:] }
        let name = String(reference.dropFirst("#/$defs/".count))
        return ((root["$defs"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
    }

    /// Parses the JSON object at `path`, relative to the package root or absolute.
    private func loadObject(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.absolute(path)))
        let parsed = try JSONSerialization.jsonObject(with: data)
        return try XCTUnwrap(parsed as? [String: Any], "\(path) is a JSON object")
    }

    /// Lists the JSON files directly in `directory`, sorted. `directory` is relative to the package root or absolute.
    private func jsonFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.absolute(directory))
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { directory + "/" + $0 }
    }

    /// Resolves `path` against the package root unless it is absolute.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : packageRoot.appendingPathComponent(path).path
    }

    /// Lists the rule packs in samples/ (folders with a pack.json), as paths relative to the package root.
    static func samplePackPaths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: absolute("samples"))
            .sorted()
            .map { "samples/" + $0 }
            .filter { FileManager.default.fileExists(atPath: absolute($0 + "/pack.json")) }
    }

    /// Lists the sample assessments, as paths relative to the package root.
    static func samplePaths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("samples").path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { "samples/" + $0 }
    }
}
