import CSMEvaluator
import CSMLua
import CSMModel
import CSMSystem
import Foundation
import XCTest
@testable import CSMRules

/// Loads rule packs from temporary directories and evaluates them on parsed assessments.
final class RuleEngineTests: XCTestCase {
    static let journey = "customer_lifecycle.codified_journey"
    static let culture = "customer_lifecycle.customer_centric_culture"

    private var directories: [String] = []
    private var model: MaturityModel!

    override func setUpWithError() throws {
        model = try ModelLoader.builtin()
    }

    override func tearDown() {
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
        directories = []
    }

    // MARK: - Helpers

    /// Creates a pack directory holding `files` (relative path, contents) and returns its path.
    private func makePack(_ files: [(String, String)], name: String = "pack") throws -> String {
        try makePack(bytes: files.map { ($0.0, Array($0.1.utf8)) }, name: name)
    }

    private func makePack(bytes files: [(String, [UInt8])], name: String = "pack") throws -> String {
        let root = NSTemporaryDirectory() + "csm-rules-\(UUID().uuidString)"
        directories.append(root)
        let directory = root + "/" + name
        for (path, contents) in files {
            let full = directory + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            XCTAssertTrue(FileManager.default.createFile(atPath: full, contents: Data(contents)), "cannot write \(full)")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func manifest(name: String, parameters: String = "{}", disable: [String] = []) -> String {
        let disabled = disable.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
        { "schema": "csm.pack/v1", "name": "\(name)", "version": "1.0.0", "api_version": 1,
          "parameters": \(parameters), "disable": [\(disabled)] }
        """
    }

    /// Builds a valid proposing rule. `fields` replaces or adds top-level fields (nil removes one),
    /// and `initiative` does the same inside the initiative table.
    private static func rule(_ id: String, initiativeID: String? = nil, when: String = "return needs(D, \"adopting\")",
                             fields: [(String, String?)] = [], initiative: [(String, String?)] = []) -> String {
        var initiativeFields: [(String, String?)] = [
            ("id", "\"\(initiativeID ?? "initiative-\(id.replacingOccurrences(of: ".", with: "-").lowercased())")\""),
            ("title", "\"Do the thing\""),
            ("summary", "\"Why the thing matters.\""),
            ("actions", "{ \"Do step one.\", \"Do step two.\" }"),
            ("effort", "\"small\""),
            ("impact", "\"high\""),
            ("kpis", "{ \"TTFV\" }"),
        ]
        merge(&initiativeFields, initiative)
        let initiativeText = "{ " + initiativeFields.compactMap { key, value in value.map { "\(key) = \($0)" } }
            .joined(separator: ", ") + " }"
        var all: [(String, String?)] = [
            ("id", "\"\(id)\""),
            ("title", "\"A test rule\""),
            ("dimensions", "{ D }"),
            ("toward", "\"adopting\""),
            ("initiative", initiativeText),
            ("when", "function() \(when) end"),
        ]
        merge(&all, fields)
        return "rule { " + all.compactMap { key, value in value.map { "\(key) = \($0)" } }.joined(separator: ", ") + " }\n"
    }

    private static func adjust(_ id: String, fields: [(String, String?)] = []) -> String {
        var all: [(String, String?)] = [
            ("id", "\"\(id)\""),
            ("title", "\"A test adjustment\""),
            ("dimensions", "{ D }"),
            ("when", "function() return true end"),
            ("factor", "1.5"),
        ]
        merge(&all, fields)
        return "adjust { " + all.compactMap { key, value in value.map { "\(key) = \($0)" } }.joined(separator: ", ") + " }\n"
    }

    private static func merge(_ fields: inout [(String, String?)], _ changes: [(String, String?)]) {
        for (key, value) in changes {
            if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
        }
    }

    /// Builds a rule file whose line 1 defines D, so declarations start on line 2.
    private static func file(_ declarations: String...) -> String {
        "local D = \"\(journey)\"\n" + declarations.joined()
    }

    private func engine(_ directories: [String], settings: [ParameterSetting] = [],
                        limits: LuaLimits = .defaults) throws -> RuleEngine {
        let sources = try directories.map { try RulePackSource(directory: $0) }
        return try RuleEngine(sources: sources, model: model, settings: settings, limits: limits)
    }

    /// Loads the packs and returns the error they are expected to raise.
    private func loadError(_ directories: [String], settings: [ParameterSetting] = [],
                           file: StaticString = #filePath, line: UInt = #line) -> CSMError? {
        do {
            _ = try engine(directories, settings: settings)
            XCTFail("expected loading to fail", file: file, line: line)
            return nil
        } catch let error as CSMError {
            return error
        } catch {
            XCTFail("expected a CSMError, got \(error)", file: file, line: line)
            return nil
        }
    }

    private func evaluation(scores: [String: Double] = [journey: 0.5], facts: String = "{}") throws -> Evaluation {
        let dimensions = scores.sorted { $0.key < $1.key }.map { "\"\($0.key)\": { \"score\": \($0.value) }" }.joined(separator: ", ")
        let json = """
        { "schema": "csm.assessment/v1", "organization": { "name": "Test Co", "segment": "mid-market" },
          "assessed_on": "2026-10-15", "facts": \(facts), "dimensions": { \(dimensions) } }
        """
        let assessment = try AssessmentParser.parse(bytes: Array(json.utf8), source: "test.json", model: model)
        return Evaluator.evaluate(assessment, model: model)
    }

    /// Evaluates a one-file pack and returns the outcome of rule `id`.
    private func outcome(of id: String, in source: String, scores: [String: Double] = [journey: 0.5], facts: String = "{}",
                         options: EvaluationOptions = EvaluationOptions()) throws -> RuleOutcome? {
        let directory = try makePack([("rules.lua", source)])
        let run = try engine([directory]).evaluate(try evaluation(scores: scores, facts: facts), options: options)
        return run.outcome(ruleID: id)
    }

    // MARK: - Loading files

    func testFilesLoadInSortedPathOrder() throws {
        let directory = try makePack([
            ("sub/c.lua", Self.file(Self.rule("r.sub-c"))),
            ("b.lua", Self.file(Self.rule("r.b"))),
            ("a.lua", Self.file(Self.rule("r.a-2"), Self.rule("r.a-1"))),
            ("m/z.lua", Self.file(Self.rule("r.m-z"))),
            ("a2/x.lua", Self.file(Self.rule("r.a2-x"))),
        ])
        let ids = try engine([directory]).catalog.entries.map(\.rule.id)
        XCTAssertEqual(ids, ["r.a-2", "r.a-1", "r.a2-x", "r.b", "r.m-z", "r.sub-c"], "expected path order, then declaration order")
    }

    func testPrecompiledFileRejected() throws {
        let directory = try makePack(bytes: [("compiled.lua", [0x1B] + Array("LuaT\0".utf8))])
        let error = loadError([directory])
        XCTAssertEqual(error?.kind, .input, "expected invalid input")
        XCTAssertEqual(error?.diagnostics.first?.file, directory + "/compiled.lua", "expected the message to name the file")
        XCTAssertTrue(error?.description.contains("precompiled") ?? false, "expected a precompiled-chunk message, got \(String(describing: error))")
    }

    func testNonUTF8FileRejected() throws {
        let bytes = Array("-- caf".utf8) + [0xE9] + Array("\n".utf8) + Array(Self.file(Self.rule("r.a")).utf8)
        let directory = try makePack(bytes: [("latin1.lua", bytes)])
        let error = loadError([directory])
        XCTAssertEqual(error?.kind, .input, "expected invalid input")
        XCTAssertEqual(error?.diagnostics.first?.file, directory + "/latin1.lua", "expected the message to name the file")
        XCTAssertTrue(error?.description.contains("UTF-8") ?? false, "expected a UTF-8 message, got \(String(describing: error))")
    }

    /// Pack folder names: a short one, and one long enough that Lua shortens it in its own messages.
    static let folderNames = ["pack", "client-packs-for-northwind-cloud-2026-q4-renewal-review/customer-success-rules"]

    func testSyntaxErrorIsInputError() throws {
        for folder in Self.folderNames {
            let directory = try makePack([("broken.lua", "local D = 1\n\nrule { id = \"x\" \n")], name: folder)
            let error = loadError([directory])
            let diagnostic = error?.diagnostics.first
            XCTAssertEqual(error?.kind, .input, "\(folder): expected invalid input")
            XCTAssertEqual(diagnostic?.file, directory + "/broken.lua", "\(folder): expected the file, got \(String(describing: diagnostic))")
            XCTAssertNotNil(diagnostic?.line, "\(folder): expected a line number, got \(String(describing: diagnostic))")
        }
    }

    func testRuntimeErrorAtLoadIsRuleFailure() throws {
        for folder in Self.folderNames {
            let source = Self.file(Self.rule("r.a")) + "\nlocal broken = nil + 1\n"
            let directory = try makePack([("boom.lua", source)], name: folder)
            let error = loadError([directory])
            let diagnostic = error?.diagnostics.first
            XCTAssertEqual(error?.kind, .ruleFailure, "\(folder): expected a rule failure")
            XCTAssertEqual(error?.exitCode, 3, "\(folder): expected exit status 3")
            XCTAssertEqual(diagnostic?.file, directory + "/boom.lua", "\(folder): expected the file, got \(String(describing: diagnostic))")
            XCTAssertEqual(diagnostic?.line, 4, "\(folder): expected line 4, got \(String(describing: diagnostic))")
            XCTAssertFalse(diagnostic?.message.contains("boom.lua:4:") ?? true,
                           "\(folder): expected the location only once, got \(String(describing: diagnostic?.message))")
        }
    }

    // MARK: - Declaration problems

    /// Declarations with one problem each: the rule id expected in the subject and a phrase of the message.
    static let declarationCases: [(name: String, source: String, subject: String, message: String)] = [
        ("missing id", rule("r.x", fields: [("id", nil)]), "rule declaration", "missing required field 'id'"),
        ("missing when", rule("r.x", fields: [("when", nil)]), "rule 'r.x'", "'when' must be a function"),
        ("unknown field", rule("r.x", fields: [("priorty", "function() end")]), "rule 'r.x'", "unknown field 'priorty' (did you mean 'priority'?)"),
        ("short dimension id", rule("r.x", fields: [("dimensions", "{ \"codified_journey\" }")]), "rule 'r.x'", "use the full id 'customer_lifecycle.codified_journey'"),
        ("misspelled dimension id", rule("r.x", fields: [("dimensions", "{ \"customer_lifecycle.codified_journy\" }")]), "rule 'r.x'", "did you mean 'customer_lifecycle.codified_journey'?"),
        ("invalid toward", rule("r.x", fields: [("toward", "\"performin\"")]), "rule 'r.x'", "invalid 'toward' level 'performin'"),
        ("toward reactive", rule("r.x", fields: [("toward", "\"reactive\"")]), "rule 'r.x'", "invalid 'toward' level 'reactive'"),
        ("invalid effort", rule("r.x", initiative: [("effort", "\"huge\"")]), "rule 'r.x'", "invalid initiative.effort 'huge'"),
        ("invalid impact", rule("r.x", initiative: [("impact", "\"extreme\"")]), "rule 'r.x'", "invalid initiative.impact 'extreme'"),
        ("unknown KPI", rule("r.x", initiative: [("kpis", "{ \"TTFV\", \"GRRR\" }")]), "rule 'r.x'", "unknown KPI code 'GRRR'"),
        ("invalid initiative id", rule("r.x", initiative: [("id", "\"Bad_Initiative\"")]), "rule 'r.x'", "invalid initiative id 'Bad_Initiative'"),
        ("adjust without scope", adjust("a.x", fields: [("dimensions", nil)]), "adjust 'a.x'", "needs 'dimensions' or 'initiatives'"),
        ("adjust factor too high", adjust("a.x", fields: [("factor", "11")]), "adjust 'a.x'", "'factor' must be a number from 0 to 10"),
        ("adjust factor negative", adjust("a.x", fields: [("factor", "-0.5")]), "adjust 'a.x'", "'factor' must be a number from 0 to 10"),
    ]

    func testDeclarationProblems() throws {
        for testCase in Self.declarationCases {
            let directory = try makePack([("decl.lua", Self.file(testCase.source))])
            let (_, report) = RuleEngine.load(sources: [try RulePackSource(directory: directory)], model: model)
            XCTAssertEqual(report.problems.count, 1, "\(testCase.name): expected one problem, got \(report.problems.map(\.description))")
            guard let problem = report.problems.first else { continue }
            XCTAssertEqual(problem.file, directory + "/decl.lua", "\(testCase.name): expected the file, got \(problem)")
            XCTAssertEqual(problem.line, 2, "\(testCase.name): expected the declaration's line, got \(problem)")
            XCTAssertEqual(problem.subject, testCase.subject, "\(testCase.name): expected the rule in the subject, got \(problem)")
            XCTAssertTrue(problem.message.contains(testCase.message), "\(testCase.name): expected \(testCase.message.debugDescription) in \(problem.message.debugDescription)")
        }
    }

    // MARK: - Layering

    func testOverrideReplacesEarlierRule() throws {
        let base = try makePack([("pack.json", Self.manifest(name: "base")), ("a.lua", Self.file(Self.rule("r.shared")))])
        let custom = try makePack([("pack.json", Self.manifest(name: "custom")),
                                   ("a.lua", Self.file(Self.rule("r.shared", fields: [("override", "true")])))])
        let entries = try engine([base, custom]).catalog.entries

        XCTAssertEqual(entries.count, 2, "expected both declarations in the catalog")
        guard entries.count == 2 else { return }
        XCTAssertEqual(entries[0].state, .overridden(by: entries[1].rule.location), "expected the base rule to be overridden")
        XCTAssertEqual(entries[1].state, .active, "expected the custom rule to be active")
        XCTAssertEqual(entries[1].rule.location.pack, "custom", "expected the active rule to come from the later pack")
    }

    func testSameIDWithoutOverrideConflicts() throws {
        let base = try makePack([("pack.json", Self.manifest(name: "base")), ("a.lua", Self.file(Self.rule("r.shared")))])
        let custom = try makePack([("pack.json", Self.manifest(name: "custom")), ("a.lua", Self.file(Self.rule("r.shared")))])
        let error = loadError([base, custom])
        XCTAssertEqual(error?.kind, .input, "expected invalid input")
        XCTAssertEqual(error?.diagnostics.count, 1, "expected one problem, got \(String(describing: error))")
        XCTAssertEqual(error?.diagnostics.first?.file, custom + "/a.lua", "expected the later file, got \(String(describing: error))")
        XCTAssertTrue(error?.description.contains("override = true") ?? false, "expected a hint to set override, got \(String(describing: error))")
    }

    func testOverrideWithoutTargetRejected() throws {
        let custom = try makePack([("a.lua", Self.file(Self.rule("r.lonely", fields: [("override", "true")])))])
        let error = loadError([custom])
        XCTAssertEqual(error?.kind, .input, "expected invalid input")
        XCTAssertTrue(error?.description.contains("no earlier pack declares") ?? false, "expected a missing-target message, got \(String(describing: error))")
    }

    func testManifestDisableTurnsRuleOff() throws {
        let base = try makePack([("pack.json", Self.manifest(name: "base")),
                                 ("a.lua", Self.file(Self.rule("r.keep"), Self.rule("r.drop")))])
        let custom = try makePack([("pack.json", Self.manifest(name: "custom", disable: ["r.drop"]))])
        let catalog = try engine([base, custom]).catalog
        let states = Dictionary(uniqueKeysWithValues: catalog.entries.map { ($0.rule.id, $0.state) })

        XCTAssertEqual(states["r.drop"], .disabled(byPack: "custom"), "expected the rule to be disabled by the custom pack")
        XCTAssertEqual(states["r.keep"], .active, "expected the other rule to stay active")
        XCTAssertEqual(catalog.active.map(\.id), ["r.keep"], "expected only r.keep to run")
    }

    func testDisableUnknownRuleSuggests() throws {
        let base = try makePack([("pack.json", Self.manifest(name: "base")), ("a.lua", Self.file(Self.rule("r.drop")))])
        let custom = try makePack([("pack.json", Self.manifest(name: "custom", disable: ["r.dorp"]))])
        let error = loadError([base, custom])
        XCTAssertEqual(error?.kind, .input, "expected invalid input")
        XCTAssertTrue(error?.description.contains("unknown rule 'r.dorp'") ?? false, "expected the unknown id, got \(String(describing: error))")
        XCTAssertTrue(error?.description.contains("did you mean 'r.drop'?") ?? false, "expected a suggestion, got \(String(describing: error))")
        XCTAssertEqual(error?.diagnostics.first?.file, custom + "/pack.json", "expected the manifest to be named, got \(String(describing: error))")
    }

    func testDuplicateIDInOnePack() throws {
        let directory = try makePack([("a.lua", Self.file(Self.rule("r.twice"))),
                                      ("b.lua", Self.file(Self.rule("r.twice", initiativeID: "other-initiative")))])
        let error = loadError([directory])
        XCTAssertEqual(error?.kind, .input, "expected invalid input")
        XCTAssertTrue(error?.description.contains("duplicate rule id") ?? false, "expected a duplicate-id message, got \(String(describing: error))")
        XCTAssertEqual(error?.diagnostics.first?.file, directory + "/b.lua", "expected the second declaration's file, got \(String(describing: error))")
    }

    func testStatefulFilesAreListed() throws {
        let directory = try makePack([
            ("pack.json", Self.manifest(name: "acme")),
            ("plain.lua", Self.file(Self.rule("acme.plain"))),
            ("counter.lua", "local seen = {}\n" + Self.file(Self.rule("acme.counter", when: "seen[#seen + 1] = 1; return true"))),
        ])
        let engine = try engine([directory])
        XCTAssertEqual(try engine.statefulFiles(), [directory + "/counter.lua"], "only the file with a table upvalue runs again")
    }

    func testTwoPacksWithSameName() throws {
        let first = try makePack([("pack.json", Self.manifest(name: "acme")), ("a.lua", Self.file(Self.rule("r.one")))])
        let second = try makePack([("pack.json", Self.manifest(name: "acme")), ("a.lua", Self.file(Self.rule("r.two")))])
        let error = loadError([first, second])
        XCTAssertEqual(error?.kind, .input, "expected invalid input")
        XCTAssertTrue(error?.description.contains("two rule packs are named 'acme'") ?? false, "expected a pack-name conflict, got \(String(describing: error))")
    }

    func testCoreDirectoryReplacesBuiltin() throws {
        let builtin = RulePackSource(builtin: [(path: "pack.json", contents: Self.manifest(name: "core")),
                                               (path: "a.lua", contents: Self.file(Self.rule("core.builtin-rule")))])
        let directory = try makePack([("pack.json", Self.manifest(name: "core")), ("a.lua", Self.file(Self.rule("core.local-rule")))])
        let engine = try RuleEngine(sources: [builtin, try RulePackSource(directory: directory)], model: model)

        XCTAssertEqual(engine.catalog.packs.map(\.origin), [directory], "expected the directory to replace the built-in pack")
        XCTAssertEqual(engine.catalog.entries.map(\.rule.id), ["core.local-rule"], "expected only the directory's rules")
    }

    // MARK: - Parameters

    static let parameters = """
    { "ratio": { "type": "number", "default": 0.5 }, "count": { "type": "integer", "default": 3 },
      "strict": { "type": "boolean", "default": false }, "label": { "type": "string", "default": "plain" } }
    """

    private func parameterPack(when: String = "return true") throws -> String {
        try makePack([("pack.json", Self.manifest(name: "custom", parameters: Self.parameters)),
                      ("a.lua", Self.file(Self.rule("r.param", when: when)))])
    }

    func testSetParsesPackAndName() throws {
        let setting = try ParameterSetting.parse("custom.ratio=0.75=x")
        XCTAssertEqual(setting, ParameterSetting(pack: "custom", name: "ratio", value: "0.75=x"), "expected the value to keep later '=' signs")
    }

    func testSetRejectsMalformedText() {
        for text in ["custom.ratio", "ratio=1", ".ratio=1", "custom.=1"] {
            XCTAssertThrowsError(try ParameterSetting.parse(text), "\(text): expected a usage error") { error in
                XCTAssertEqual((error as? CSMError)?.kind, .usage, "\(text): expected a usage error, got \(error)")
            }
        }
    }

    static let validSettings: [(text: String, name: String, value: ParameterValue)] = [
        ("custom.ratio=0.75", "ratio", .number(0.75)),
        ("custom.count=7", "count", .integer(7)),
        ("custom.strict=true", "strict", .boolean(true)),
        ("custom.label=hello world", "label", .string("hello world")),
    ]

    func testSetValidValues() throws {
        let directory = try parameterPack()
        for setting in Self.validSettings {
            let engine = try engine([directory], settings: [try ParameterSetting.parse(setting.text)])
            XCTAssertEqual(engine.catalog.pack(named: "custom")?.parameter(setting.name), setting.value, "\(setting.text): expected the value to be set")
        }
    }

    func testSetValuesReachRules() throws {
        let when = "return param('ratio') == 0.75 and param('count') == 7 and math.type(param('count')) == 'integer' "
            + "and param('strict') == true and param('label') == 'hello world'"
        let directory = try parameterPack(when: when)
        let settings = try Self.validSettings.map { try ParameterSetting.parse($0.text) }
        let run = try engine([directory], settings: settings).evaluate(try evaluation())
        XCTAssertEqual(run.outcome(ruleID: "r.param")?.status, .fired, "expected param() to return the --set values, got \(String(describing: run.outcome(ruleID: "r.param")?.failure))")
    }

    static let invalidSettings: [(name: String, text: String, message: String)] = [
        ("unknown pack", "nope.ratio=1", "unknown pack 'nope'"),
        ("unknown parameter", "custom.ratoi=1", "valid parameters: ratio (number), count (integer), strict (boolean), label (string)"),
        ("number from text", "custom.ratio=abc", "invalid value 'abc' for parameter 'ratio'"),
        ("infinite number", "custom.ratio=inf", "invalid value 'inf' for parameter 'ratio'"),
        ("integer from decimal", "custom.count=1.5", "invalid value '1.5' for parameter 'count'; expected an integer"),
        ("boolean from text", "custom.strict=maybe", "invalid value 'maybe' for parameter 'strict'; expected true or false"),
    ]

    func testSetInvalidValues() throws {
        let directory = try parameterPack()
        for setting in Self.invalidSettings {
            let error = loadError([directory], settings: [try ParameterSetting.parse(setting.text)])
            XCTAssertEqual(error?.kind, .input, "\(setting.name): expected invalid input")
            XCTAssertTrue(error?.description.contains(setting.message) ?? false,
                          "\(setting.name): expected \(setting.message.debugDescription) in \(String(describing: error))")
        }
    }

    func testParamBooleanFalse() throws {
        let directory = try parameterPack(when: "return param('strict') == false")
        let run = try engine([directory]).evaluate(try evaluation())
        XCTAssertEqual(run.outcome(ruleID: "r.param")?.status, .fired, "expected param('strict') to return false, got \(String(describing: run.outcome(ruleID: "r.param")?.failure))")
    }

    // MARK: - Evaluation

    func testFiredAndNotFired() throws {
        let source = Self.file(Self.rule("r.needs"))
        XCTAssertEqual(try outcome(of: "r.needs", in: source, scores: [Self.journey: 0.5])?.status, .fired, "expected the rule to fire at 0.5")
        XCTAssertEqual(try outcome(of: "r.needs", in: source, scores: [Self.journey: 1.5])?.status, .notFired, "expected the rule to stay quiet at 1.5")
        XCTAssertEqual(try outcome(of: "r.needs", in: source, scores: [Self.culture: 0.5])?.status, .notFired, "expected the rule to stay quiet when not assessed")
    }

    func testReasonText() throws {
        let dynamic = Self.file(Self.rule("r.reason", fields: [("reason", "function() return ('score %.1f'):format(score(D)) end")]))
        let fixed = Self.file(Self.rule("r.reason", fields: [("reason", "\"a fixed reason\"")]))
        XCTAssertEqual(try outcome(of: "r.reason", in: dynamic)?.reason, "score 0.5", "expected the reason function's text")
        XCTAssertEqual(try outcome(of: "r.reason", in: fixed)?.reason, "a fixed reason", "expected the reason string")
    }

    func testPriorityFactorAndReason() throws {
        let source = Self.file(Self.rule("r.priority", fields: [("priority", "function() return 1.3, 'early churn is high' end")]))
        let result = try outcome(of: "r.priority", in: source)
        XCTAssertEqual(result?.factor, 1.3, "expected the factor priority() returned")
        XCTAssertEqual(result?.factorReason, "early churn is high", "expected the reason priority() returned")
    }

    static let invalidFactors: [(name: String, expression: String, message: String)] = [
        ("above range", "11", "from 0 to 10"),
        ("negative", "-0.5", "from 0 to 10"),
        ("not a number", "0/0", "not finite"),
        ("infinity", "math.huge", "not finite"),
        ("negative infinity", "-math.huge", "not finite"),
        ("string", "'2'", "must return a number"),
    ]

    func testInvalidPriorityFactor() throws {
        for factor in Self.invalidFactors {
            let source = Self.file(Self.rule("r.factor", fields: [("priority", "function() return \(factor.expression) end")]))
            let result = try outcome(of: "r.factor", in: source)
            XCTAssertEqual(result?.status, .error, "\(factor.name): expected status error")
            XCTAssertEqual(result?.failure?.kind, .invalidResult, "\(factor.name): expected an invalid result, got \(String(describing: result?.failure))")
            XCTAssertTrue(result?.failure?.message.contains(factor.message) ?? false,
                          "\(factor.name): expected \(factor.message.debugDescription) in \(String(describing: result?.failure?.message))")
        }
    }

    func testWhenReturningNil() throws {
        let result = try outcome(of: "r.nil", in: Self.file(Self.rule("r.nil", when: "local x = 1")))
        XCTAssertEqual(result?.status, .error, "expected status error")
        XCTAssertTrue(result?.failure?.message.contains("when()") ?? false, "expected the message to name when(), got \(String(describing: result?.failure))")
        XCTAssertEqual(result?.failure?.ruleID, "r.nil", "expected the failure to name the rule")
    }

    func testRuntimeErrorInWhenLocation() throws {
        let source = Self.file(Self.rule("r.ok"), Self.rule("r.boom", when: "error('boom')"))
        let directory = try makePack([("rules.lua", source)])
        let run = try engine([directory]).evaluate(try evaluation())
        let failure = run.outcome(ruleID: "r.boom")?.failure

        XCTAssertEqual(failure?.file, directory + "/rules.lua", "expected the rule file")
        XCTAssertEqual(failure?.line, 3, "expected the line of error()")
        XCTAssertEqual(failure?.message, "boom", "expected the message without a repeated location")
        XCTAssertEqual(failure?.pack, "pack", "expected the pack name")
    }

    func testStopOnFailureSkipsLaterRules() throws {
        let source = Self.file(Self.rule("r.first"), Self.rule("r.broken", when: "error('boom')"), Self.rule("r.last"))
        let directory = try makePack([("rules.lua", source)])
        let engine = try engine([directory])

        let stopped = try engine.evaluate(try evaluation(), options: EvaluationOptions(stopOnFailure: true))
        XCTAssertEqual(stopped.outcomes.map(\.status), [.fired, .error, .skipped], "expected later rules to be skipped")

        let continued = try engine.evaluate(try evaluation(), options: EvaluationOptions(stopOnFailure: false))
        XCTAssertEqual(continued.outcomes.map(\.status), [.fired, .error, .fired], "expected later rules to run")
    }

    func testTraceRecordsReads() throws {
        let when = "local s = score(D); local g = fact('grr'); return needs(D, 'adopting')"
        let result = try outcome(of: "r.trace", in: Self.file(Self.rule("r.trace", when: when)), facts: "{ \"grr\": 0.8 }",
                                 options: EvaluationOptions(trace: true))
        let calls = result?.trace.map(\.call) ?? []
        XCTAssertEqual(calls, ["score(\"\(Self.journey)\")", "fact(\"grr\")", "needs(\"\(Self.journey)\", \"adopting\")"], "expected each read in order")
        XCTAssertEqual(result?.trace.last?.value, "true", "expected needs() to be traced as true")
        XCTAssertNotNil(result?.trace.last?.note, "expected needs() to carry a note")
    }

    func testTraceOffByDefault() throws {
        let result = try outcome(of: "r.trace", in: Self.file(Self.rule("r.trace")))
        XCTAssertEqual(result?.trace.count, 0, "expected no trace unless asked")
    }

    func testUnknownDimensionSuggestsClosest() throws {
        let result = try outcome(of: "r.dim", in: Self.file(Self.rule("r.dim", when: "return score('customer_lifecycle.codified_journy') > 1")))
        let message = result?.failure?.message ?? ""
        XCTAssertEqual(result?.status, .error, "expected status error")
        XCTAssertTrue(message.contains("unknown dimension id"), "expected an unknown-dimension message, got \(message.debugDescription)")
        XCTAssertTrue(message.contains("did you mean '\(Self.journey)'?"), "expected a suggestion, got \(message.debugDescription)")
    }

    func testUnknownDimensionListsValidIDs() throws {
        let result = try outcome(of: "r.dim", in: Self.file(Self.rule("r.dim", when: "return score('pricing.discounts') > 1")))
        let message = result?.failure?.message ?? ""
        XCTAssertEqual(result?.status, .error, "expected status error")
        XCTAssertTrue(message.contains("customer_lifecycle.codified_journey"), "expected the valid ids, got \(message.debugDescription)")
        XCTAssertTrue(message.contains("enablement_scale.cs_career_culture"), "expected every valid id, got \(message.debugDescription)")
    }

    func testShortDimensionSuggestsFullID() throws {
        let result = try outcome(of: "r.dim", in: Self.file(Self.rule("r.dim", when: "return score('codified_journey') > 1")))
        let message = result?.failure?.message ?? ""
        XCTAssertTrue(message.contains("did you mean '\(Self.journey)'?"), "expected the full id, got \(message.debugDescription)")
    }

    func testUnknownFactListsFacts() throws {
        let result = try outcome(of: "r.fact", in: Self.file(Self.rule("r.fact", when: "return fact('gross_retention') ~= nil")))
        let message = result?.failure?.message ?? ""
        XCTAssertEqual(result?.status, .error, "expected status error")
        XCTAssertTrue(message.contains("unknown fact 'gross_retention'"), "expected an unknown-fact message, got \(message.debugDescription)")
        XCTAssertTrue(message.contains("grr"), "expected the valid facts, got \(message.debugDescription)")
        XCTAssertTrue(message.contains("multi_year_share"), "expected the last valid fact too, got \(message.debugDescription)")
    }

    func testMissingFactIsNil() throws {
        let result = try outcome(of: "r.fact", in: Self.file(Self.rule("r.fact", when: "return fact('grr') == nil and not has_fact('grr')")))
        XCTAssertEqual(result?.status, .fired, "expected a known but absent fact to read as nil, got \(String(describing: result?.failure))")
    }

    func testHostileRuleStopped() throws {
        let limits = LuaLimits(memoryBytes: 64 * 1024 * 1024, callMemoryBytes: 8 * 1024 * 1024, instructions: 2_000_000, seconds: 1)
        let source = Self.file(Self.rule("r.loop", when: "while true do end"), Self.rule("r.after"))
        let directory = try makePack([("rules.lua", source)])
        let run = try engine([directory], limits: limits).evaluate(try evaluation(), options: EvaluationOptions(stopOnFailure: false))

        XCTAssertEqual(run.outcome(ruleID: "r.loop")?.status, .timeout, "expected the loop to time out")
        XCTAssertEqual(run.outcome(ruleID: "r.loop")?.failure?.kind, .instructions, "expected the instruction limit")
        XCTAssertEqual(run.outcome(ruleID: "r.after")?.status, .fired, "expected the next rule to run normally")
    }

    func testStuckRuleDoesNotSpoilLaterAssessments() throws {
        // A backtracking pattern runs inside one C call, so only the watchdog can stop it.
        let limits = LuaLimits(memoryBytes: 64 * 1024 * 1024, callMemoryBytes: 8 * 1024 * 1024, instructions: 2_000_000, seconds: 0.1)
        let stuck = "return string.find(string.rep('a', 40), string.rep('a*', 40) .. 'b') ~= nil"
        let directory = try makePack([("rules.lua", Self.file(Self.rule("r.after"), Self.rule("r.stuck", when: stuck)))])
        let engine = try engine([directory], limits: limits)

        // Stopping at the first failure, as csm batch does without --keep-going: the next
        // assessment gets a fresh state, and the timeout stays with the rule that caused it.
        for round in 1...2 {
            let run = try engine.evaluate(try evaluation())
            XCTAssertEqual(run.outcome(ruleID: "r.stuck")?.status, .timeout, "round \(round): the stuck rule is the one that times out")
            XCTAssertEqual(run.outcome(ruleID: "r.after")?.status, .skipped, "round \(round): the other rule is skipped, not blamed")
        }
        let kept = try engine.evaluate(try evaluation(), options: EvaluationOptions(stopOnFailure: false))
        XCTAssertEqual(kept.outcome(ruleID: "r.after")?.status, .fired, "with keep-going the other rule runs on a fresh state")
        XCTAssertEqual(engine.abandonedStates, 3)
    }

    // MARK: - Built-in pack

    private static var builtinRulesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules").path
    }

    func testBuiltinPackLoadsCleanly() throws {
        let (engine, report) = RuleEngine.load(sources: [try RulePackSource(directory: Self.builtinRulesDirectory)], model: model)
        XCTAssertTrue(report.isClean, "expected no problems, got \(report.problems.map(\.description) + report.failures.map(\.description))")
        XCTAssertNotNil(engine, "expected an engine")
    }

    func testBuiltinPackCoversEveryCell() throws {
        let engine = try engine([Self.builtinRulesDirectory])
        let proposing = engine.catalog.entries.map(\.rule).filter { $0.kind == .propose }
        XCTAssertGreaterThanOrEqual(proposing.count, 72, "expected at least 72 proposing rules")

        for dimension in model.dimensionIDs {
            for level in [Level.adopting, .performing, .optimizing] {
                let count = proposing.filter { $0.dimensions.contains(dimension) && $0.toward == level }.count
                XCTAssertGreaterThanOrEqual(count, 2, "expected at least two rules for \(dimension) toward \(level)")
            }
        }
    }

    func testBuiltinPackEvaluatesWithoutFailures() throws {
        let engine = try engine([Self.builtinRulesDirectory])
        let everyDimension = Dictionary(uniqueKeysWithValues: model.dimensionIDs.map { ($0, 0.5) })
        let facts = """
        { "arr_usd": 42000000, "customers": 850, "grr": 0.8, "nrr": 0.95, "first_year_churn": 0.2, "csm_headcount": 12,
          "cs_ops_headcount": 0, "pricing_model": "usage", "paid_success_offering": false }
        """
        for (name, evaluation) in [("every dimension low", try evaluation(scores: everyDimension, facts: facts)),
                                   ("one dimension assessed", try evaluation(scores: [Self.culture: 3]))] {
            let run = try engine.evaluate(evaluation, options: EvaluationOptions(stopOnFailure: false))
            XCTAssertEqual(run.failures.map(\.description), [], "\(name): expected no rule failures")
        }
    }
}
