import CSMModel
import CSMSystem
import Foundation
import XCTest

final class AssessmentParserTests: XCTestCase {
    private typealias Location = ModelTestSupport.Location

    /// The name every test document is parsed under. Diagnostics must repeat it.
    private static let source = "clients/acme.json"

    /// A document that is rejected with exactly one diagnostic.
    private struct InvalidCase {
        let name: String
        let bytes: [UInt8]
        /// The document as text, used to find the expected line and column.
        let text: String
        let subject: String?
        let location: Location
        let fragments: [String]
        let absent: [String]

        init(_ name: String, _ text: String, subject: String?, _ location: Location, _ fragments: [String], absent: [String] = []) {
            self.init(name, bytes: Array(text.utf8), text: text, subject: subject, location, fragments, absent: absent)
        }

        init(_ name: String, bytes: [UInt8], text: String, subject: String?, _ location: Location, _ fragments: [String],
             absent: [String] = []) {
            self.name = name
            self.bytes = bytes
            self.text = text
            self.subject = subject
            self.location = location
            self.fragments = fragments
            self.absent = absent
        }
    }


    // MARK: - Documents

    /// A valid assessment, one top-level member per line: line 1 is "{", then schema (2),
    /// organization (3), assessed_on (4), dimensions (5), then added members in order.
    private static let baseMembers: [(key: String, value: String)] = [
        ("schema", #""csm.assessment/v1""#),
        ("organization", #"{"name": "Acme Analytics"}"#),
        ("assessed_on", #""2026-10-15""#),
        ("dimensions", #"{"customer_lifecycle.codified_journey": {"score": 1.5}}"#),
    ]

    private static func document(
        _ replacing: [String: String] = [:], removing: Set<String> = [], adding: [(String, String)] = []
    ) -> String {
        var members = baseMembers
            .filter { !removing.contains($0.key) }
            .map { (key: $0.key, value: replacing[$0.key] ?? $0.value) }
        members += adding.map { (key: $0.0, value: $0.1) }
        let lines = members.map { "  \"\($0.key)\": \($0.value)" }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    private static func dimensions(_ body: String) -> String {
        document(["dimensions": body])
    }

    private static func facts(_ body: String) -> String {
        document(adding: [("facts", body)])
    }

    private static func respondents(_ body: String) -> String {
        document(adding: [("respondents", body)])
    }

    /// Returns the document's UTF-8 bytes with every "@" replaced by `byte`.
    private static func bytes(_ text: String, replacingAt byte: UInt8) -> [UInt8] {
        Array(text.utf8).map { $0 == UInt8(ascii: "@") ? byte : $0 }
    }


    // MARK: - Helpers

    private func model() throws -> MaturityModel {
        try ModelLoader.builtin()
    }

    private func parse(_ text: String) throws -> Assessment {
        try AssessmentParser.parse(bytes: Array(text.utf8), source: Self.source, model: model())
    }

    /// Returns the error that parsing `bytes` throws, or nil when they parse.
    private func parseError(_ bytes: [UInt8]) throws -> CSMError? {
        let model = try model()
        do {
            _ = try AssessmentParser.parse(bytes: bytes, source: Self.source, model: model)
            return nil
        } catch {
            return error
        }
    }

    private func check(_ cases: [InvalidCase], file: StaticString = #filePath, line: UInt = #line) throws {
        for testCase in cases {
            guard let error = try parseError(testCase.bytes) else {
                XCTFail("\(testCase.name): expected the document to be rejected", file: file, line: line)
                continue
            }
            XCTAssertEqual(error.kind, .input, "\(testCase.name): expected an input error", file: file, line: line)
            XCTAssertEqual(error.exitCode, 2, "\(testCase.name): expected exit status 2", file: file, line: line)
            XCTAssertEqual(error.diagnostics.count, 1, "\(testCase.name): expected one diagnostic, got:\n\(error)", file: file, line: line)
            guard let diagnostic = error.diagnostics.first else { continue }

            XCTAssertEqual(diagnostic.file, Self.source, "\(testCase.name): expected the file name", file: file, line: line)
            XCTAssertEqual(diagnostic.subject, testCase.subject, "\(testCase.name): expected the field path", file: file, line: line)
            ModelTestSupport.assertLocation(diagnostic, testCase.location, in: testCase.text, testCase.name, file: file, line: line)
            ModelTestSupport.assertMessage(diagnostic.message, contains: testCase.fragments, lacks: testCase.absent, testCase.name,
                                           file: file, line: line)
        }
    }


    // MARK: - Rejected documents

    func testSyntaxErrors() throws {
        let missingComma = """
            {
              "schema": "csm.assessment/v1",
              "organization": {"name": "Acme Analytics"}
              "assessed_on": "2026-10-15"
            }
            """
        let full = Self.document()
        let truncated = String(full[..<full.range(of: "1.5}}")!.lowerBound])
        let notUTF8 = Self.document(["organization": #"{"name": "Acme @ Analytics"}"#])
        let latin1 = Self.document(["organization": #"{"name": "Caf@ Analytics"}"#])
        let offset = Array(notUTF8.utf8).firstIndex(of: UInt8(ascii: "@"))!
        let latin1Offset = Array(latin1.utf8).firstIndex(of: UInt8(ascii: "@"))!
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "{}".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let depth = AssessmentParser.maximumDepth
        let tooDeep = Self.document(adding: [("notes", String(repeating: "[", count: depth) + String(repeating: "]", count: depth))])

        try check([
            InvalidCase("missing comma", missingComma, subject: nil, .lineColumn(4, 3),
                        [#"unexpected character '"'"#, "expected ',' or '}'"]),
            InvalidCase("trailing comma", #"{"schema": "csm.assessment/v1",}"#, subject: nil, .at("}"),
                        ["trailing comma"]),
            InvalidCase("text after document", #"{"schema": "csm.assessment/v1"} []"#, subject: nil, .at("["),
                        ["after the top-level value"]),
            InvalidCase("truncated document", truncated, subject: nil, .end,
                        ["unexpected end of file", "truncated"]),
            InvalidCase("empty file", "", subject: nil, .lineColumn(1, 1), ["file is empty"]),
            InvalidCase("whitespace only", " \n\t\r\n  ", subject: nil, .lineColumn(1, 1), ["file is empty"]),
            InvalidCase("duplicate top-level key", Self.document(adding: [("schema", #""csm.assessment/v1""#)]), subject: nil,
                        .at(#""schema""#, occurrence: 2), [#"duplicate key "schema""#, "first defined at 2:3"]),
            InvalidCase("duplicate dimension key",
                        Self.dimensions(#"{"customer_lifecycle.codified_journey": {"score": 1}, "customer_lifecycle.codified_journey": {"score": 2}}"#),
                        subject: nil, .at(#""customer_lifecycle.codified_journey""#, occurrence: 2),
                        [#"duplicate key "customer_lifecycle.codified_journey""#, "first defined at 5:18"]),
            InvalidCase("number overflow", Self.dimensions(#"{"customer_lifecycle.codified_journey": {"score": 1e400}}"#),
                        subject: nil, .at("1e400"), ["number 1e400 is out of range"]),
            InvalidCase("negative overflow", Self.facts(#"{"nps": -1e400}"#), subject: nil, .at("-1e400"),
                        ["number -1e400 is out of range"]),
            InvalidCase("number underflow", Self.dimensions(#"{"customer_lifecycle.codified_journey": {"score": 1e-400}}"#),
                        subject: nil, .at("1e-400"), ["number 1e-400 is out of range", "rounds to zero"]),
            InvalidCase("invalid UTF-8 byte", bytes: Self.bytes(notUTF8, replacingAt: 0xFF), text: notUTF8, subject: nil, .at("@"),
                        ["invalid UTF-8 byte 0xFF", "at byte offset \(offset)"]),
            InvalidCase("Latin-1 text", bytes: Self.bytes(latin1, replacingAt: 0xE9), text: latin1, subject: nil, .at("@"),
                        ["invalid UTF-8 byte 0xE9", "at byte offset \(latin1Offset)"]),
            InvalidCase("UTF-16 file", bytes: utf16, text: "", subject: nil, .lineColumn(1, 1),
                        ["invalid UTF-8 byte 0xFF", "at byte offset 0"]),
            InvalidCase("nesting too deep", tooDeep, subject: nil, .at("[", occurrence: depth),
                        ["nesting is deeper than \(depth) levels"]),
        ])
    }

    func testDocumentErrors() throws {
        try check([
            InvalidCase("top level is an array", "[]", subject: nil, .lineColumn(1, 1),
                        ["expected an object, got an array"]),
            InvalidCase("top level is a string", #""csm""#, subject: nil, .lineColumn(1, 1),
                        [#"expected an object, got string "csm""#]),
            InvalidCase("top level is null", "null", subject: nil, .lineColumn(1, 1),
                        ["expected an object, got null"]),
            InvalidCase("schema missing", Self.document(removing: ["schema"]), subject: nil, .lineColumn(1, 1),
                        ["missing required key 'schema'"]),
            InvalidCase("schema unsupported", Self.document(["schema": #""csm.assessment/v2""#]), subject: "schema",
                        .at(#""csm.assessment/v2""#), ["unsupported schema 'csm.assessment/v2'", "expected 'csm.assessment/v1'"]),
            InvalidCase("schema not a string", Self.document(["schema": "1"]), subject: "schema", .lineColumn(2, 13),
                        ["expected a string, got number 1"]),
            InvalidCase("schema null", Self.document(["schema": "null"]), subject: "schema", .lineColumn(2, 13),
                        ["must not be null"]),
            InvalidCase("organization missing", Self.document(removing: ["organization"]), subject: nil,
                        .lineColumn(1, 1), ["missing required key 'organization'"]),
            InvalidCase("organization not an object", Self.document(["organization": #""Acme""#]), subject: "organization",
                        .lineColumn(3, 19), [#"expected an object, got string "Acme""#]),
            InvalidCase("organization name missing", Self.document(["organization": #"{"segment": "smb"}"#]),
                        subject: "organization", .at(#"{"segment""#), ["missing required key 'name'"]),
            InvalidCase("organization name blank", Self.document(["organization": #"{"name": "  "}"#]),
                        subject: "organization.name", .at(#""  ""#), ["must not be empty"]),
            InvalidCase("organization unknown key", Self.document(["organization": #"{"name": "Acme", "sector": "HR"}"#]),
                        subject: "organization.sector", .at(#""sector""#),
                        ["unknown key 'sector'", "allowed keys: name, segment, industry, region"]),
            InvalidCase("segment with suggestion", Self.document(["organization": #"{"name": "Acme", "segment": "midmarket"}"#]),
                        subject: "organization.segment", .at(#""midmarket""#),
                        ["unknown segment 'midmarket'", "did you mean 'mid-market'?", "smb, mid-market, enterprise"]),
            InvalidCase("segment unknown", Self.document(["organization": #"{"name": "Acme", "segment": "startup"}"#]),
                        subject: "organization.segment", .at(#""startup""#),
                        ["unknown segment 'startup'", "smb, mid-market, enterprise"], absent: ["did you mean"]),
            InvalidCase("unknown top-level key", Self.document(adding: [("asessor", #""Jane Doe""#)]), subject: "asessor",
                        .at(#""asessor""#), ["unknown key 'asessor'", "did you mean 'assessor'?"]),
            InvalidCase("singular dimensions key", Self.document(adding: [("dimension", "{}")]), subject: "dimension",
                        .at(#""dimension""#), ["unknown key 'dimension'", "did you mean 'dimensions'?"]),
            InvalidCase("date does not exist", Self.document(["assessed_on": #""2026-02-30""#]), subject: "assessed_on",
                        .at(#""2026-02-30""#), ["invalid date '2026-02-30'", "no such day in the calendar"]),
            InvalidCase("date not in leap year", Self.document(["assessed_on": #""2026-02-29""#]), subject: "assessed_on",
                        .at(#""2026-02-29""#), ["invalid date '2026-02-29'"]),
            InvalidCase("date day first", Self.document(["assessed_on": #""15/10/2026""#]), subject: "assessed_on",
                        .at(#""15/10/2026""#), ["invalid date '15/10/2026'", "YYYY-MM-DD"]),
            InvalidCase("date as number", Self.document(["assessed_on": "20261015"]), subject: "assessed_on",
                        .at("20261015"), ["expected a string, got number 20261015"]),
            InvalidCase("date missing", Self.document(removing: ["assessed_on"]), subject: nil, .lineColumn(1, 1),
                        ["missing required key 'assessed_on'"]),
            InvalidCase("file target out of range", Self.document(adding: [("target", "4.5")]), subject: "target",
                        .at("4.5"), ["4.5 is out of range", "a target runs from 0 to 3"]),
            InvalidCase("file target unknown level", Self.document(adding: [("target", #""excellent""#)]), subject: "target",
                        .at(#""excellent""#), ["unknown level 'excellent'"]),
            InvalidCase("assessor not a string", Self.document(adding: [("assessor", "true")]), subject: "assessor",
                        .at("true"), ["expected a string, got boolean true"]),
            InvalidCase("notes not a string", Self.document(adding: [("notes", #"["a"]"#)]), subject: "notes",
                        .at(#"["a"]"#), ["expected a string, got an array"]),
        ])
    }

    func testDimensionErrors() throws {
        let role = #"dimensions["operating_model.cs_role_structure"]"#
        let crlf = Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 3.5}}"#)
            .replacingOccurrences(of: "\n", with: "\r\n")

        try check([
            InvalidCase("id with suggestion", Self.dimensions(#"{"operating_model.cs_role_structur": {"score": 1}}"#),
                        subject: #"dimensions["operating_model.cs_role_structur"]"#, .at(#""operating_model.cs_role_structur""#),
                        ["unknown dimension id 'operating_model.cs_role_structur'", "did you mean 'operating_model.cs_role_structure'?"]),
            InvalidCase("short id", Self.dimensions(#"{"codified_journey": {"score": 1}}"#),
                        subject: "dimensions.codified_journey", .at(#""codified_journey""#),
                        ["unknown dimension id 'codified_journey'", "use the full id 'customer_lifecycle.codified_journey'"]),
            InvalidCase("id far from any", Self.dimensions(#"{"foo.bar": {"score": 1}}"#),
                        subject: #"dimensions["foo.bar"]"#, .at(#""foo.bar""#),
                        ["unknown dimension id 'foo.bar'", "valid ids: customer_lifecycle.codified_journey",
                         "enablement_scale.cs_career_culture"]),
            InvalidCase("score above range", Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 3.5}}"#),
                        subject: role + ".score", .at("3.5"), ["3.5 is out of range", "a score runs from 0 to 3"]),
            InvalidCase("score below range", Self.dimensions(#"{"operating_model.cs_role_structure": {"score": -0.1}}"#),
                        subject: role + ".score", .at("-0.1"), ["-0.1 is out of range", "a score runs from 0 to 3"]),
            InvalidCase("score just above 3", Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 3.0001}}"#),
                        subject: role + ".score", .at("3.0001"), ["3.0001 is out of range"]),
            InvalidCase("score as word", Self.dimensions(#"{"operating_model.cs_role_structure": {"score": "high"}}"#),
                        subject: role + ".score", .at(#""high""#),
                        ["unknown level 'high'", "expected a number from 0 to 3 or one of reactive, adopting, performing, optimizing"]),
            InvalidCase("score boolean", Self.dimensions(#"{"operating_model.cs_role_structure": {"score": true}}"#),
                        subject: role + ".score", .at("true"),
                        ["expected a number from 0 to 3 or a level name", "got boolean true"]),
            InvalidCase("score array", Self.dimensions(#"{"operating_model.cs_role_structure": {"score": [2]}}"#),
                        subject: role + ".score", .at("[2]"), ["got an array"]),
            InvalidCase("score object", Self.dimensions(#"{"operating_model.cs_role_structure": {"score": {"value": 2}}}"#),
                        subject: role + ".score", .at(#"{"value""#), ["got an object"]),
            InvalidCase("level with suggestion", Self.dimensions(#"{"operating_model.cs_role_structure": {"score": "performin"}}"#),
                        subject: role + ".score", .at(#""performin""#),
                        ["unknown level 'performin'", "did you mean 'performing'?"]),
            InvalidCase("target above range",
                        Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 1, "target": 3.5}}"#),
                        subject: role + ".target", .at("3.5"), ["3.5 is out of range", "a target runs from 0 to 3"]),
            InvalidCase("target below range",
                        Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 1, "target": -1}}"#),
                        subject: role + ".target", .at("-1}"), ["-1 is out of range", "a target runs from 0 to 3"]),
            InvalidCase("target unknown level",
                        Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 1, "target": "expert"}}"#),
                        subject: role + ".target", .at(#""expert""#), ["unknown level 'expert'"]),
            InvalidCase("entry not an object", Self.dimensions(#"{"operating_model.cs_role_structure": 2.5}"#),
                        subject: role, .at("2.5"), ["expected an object, got number 2.5"]),
            InvalidCase("entry unknown key", Self.dimensions(#"{"operating_model.cs_role_structure": {"scroe": 2}}"#),
                        subject: role + ".scroe", .at(#""scroe""#), ["unknown key 'scroe'", "did you mean 'score'?"]),
            InvalidCase("evidence not a string",
                        Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 1, "evidence": 5}}"#),
                        subject: role + ".evidence", .at("5}"), ["expected a string, got number 5"]),
            InvalidCase("dimensions not an object", Self.dimensions("[]"), subject: "dimensions", .at("[]"),
                        ["expected an object, got an array"]),
            InvalidCase("CRLF line endings", crlf, subject: role + ".score", .at("3.5"), ["3.5 is out of range"]),
        ])
    }

    func testFactErrors() throws {
        try check([
            InvalidCase("unknown fact with suggestion", Self.facts(#"{"arr_usdd": 1000}"#), subject: "facts.arr_usdd",
                        .lineOf(#""arr_usdd""#),
                        ["unknown fact 'arr_usdd'", "did you mean 'arr_usd'?", "custom facts start with 'x_'"]),
            InvalidCase("unknown fact", Self.facts(#"{"headcount_total": 5}"#), subject: "facts.headcount_total",
                        .lineOf(#""headcount_total""#), ["unknown fact 'headcount_total'", "known facts: arr_usd, arr_growth"]),
            InvalidCase("ratio as percent", Self.facts(#"{"grr": 88}"#), subject: "facts.grr", .at("88"),
                        ["88 is out of range", "from 0 to 1", "0.88"]),
            InvalidCase("wide ratio as percent", Self.facts(#"{"nrr": 97}"#), subject: "facts.nrr", .at("97"),
                        ["97 is out of range", "0.97"]),
            InvalidCase("ratio below range", Self.facts(#"{"grr": -0.1}"#), subject: "facts.grr", .at("-0.1"),
                        ["-0.1 is out of range", "from 0 to 1"], absent: ["ratios are decimals"]),
            InvalidCase("number out of range", Self.facts(#"{"nps": 150}"#), subject: "facts.nps", .at("150"),
                        ["150 is out of range", "from -100 to 100"], absent: ["ratios are decimals"]),
            InvalidCase("integer with fraction", Self.facts(#"{"customers": 850.5}"#), subject: "facts.customers",
                        .at("850.5"), ["850.5 is not a whole number"]),
            InvalidCase("integer below range", Self.facts(#"{"customers": -1}"#), subject: "facts.customers",
                        .at("-1}"), ["-1 is out of range"]),
            InvalidCase("integer as string", Self.facts(#"{"customers": "850"}"#), subject: "facts.customers",
                        .at(#""850""#), [#"expected a number, got string "850""#]),
            InvalidCase("boolean given a number", Self.facts(#"{"usage_telemetry": 1}"#), subject: "facts.usage_telemetry",
                        .at("1}"), ["expected true or false, got number 1"]),
            InvalidCase("boolean given a word", Self.facts(#"{"cs_platform": "yes"}"#), subject: "facts.cs_platform",
                        .at(#""yes""#), [#"expected true or false, got string "yes""#]),
            InvalidCase("choice invalid value", Self.facts(#"{"pricing_model": "seats"}"#), subject: "facts.pricing_model",
                        .at(#""seats""#),
                        ["unknown value 'seats'", "did you mean 'seat'?", "expected one of seat, tier, usage, hybrid"]),
            InvalidCase("choice given a number", Self.facts(#"{"pricing_model": 2}"#), subject: "facts.pricing_model",
                        .at("2}"), ["expected one of seat, tier, usage, hybrid, got number 2"]),
            InvalidCase("custom fact object", Self.facts(#"{"x_segment_mix": {"smb": 0.5}}"#), subject: "facts.x_segment_mix",
                        .at(#"{"smb""#), ["expected a number, a string or true/false, got an object"]),
            InvalidCase("custom fact array", Self.facts(#"{"x_regions": ["EMEA"]}"#), subject: "facts.x_regions",
                        .at(#"["EMEA"]"#), ["expected a number, a string or true/false, got an array"]),
            InvalidCase("facts not an object", Self.facts("[]"), subject: "facts", .at("[]"),
                        ["expected an object, got an array"]),
        ])
    }

    func testRespondentErrors() throws {
        let duplicate = """
            [
                {"id": "vp-cs", "role": "VP Customer Success", "scores": {}},
                {"id": "vp-cs", "role": "Senior CSM", "scores": {}}
              ]
            """
        let codified = #"respondents[0].scores["customer_lifecycle.codified_journey"]"#

        try check([
            InvalidCase("duplicate id", Self.respondents(duplicate), subject: "respondents[1].id",
                        .at(#""vp-cs""#, occurrence: 2), ["respondent id 'vp-cs' is used twice", "first at line 7"]),
            InvalidCase("role missing", Self.respondents(#"[{"id": "cfo", "scores": {}}]"#), subject: "respondents[0]",
                        .at(#"{"id": "cfo""#), ["missing required key 'role'"]),
            InvalidCase("role blank", Self.respondents(#"[{"id": "cfo", "role": "", "scores": {}}]"#),
                        subject: "respondents[0].role", .at(#""""#), ["must not be empty"]),
            InvalidCase("id missing", Self.respondents(#"[{"role": "CFO", "scores": {}}]"#), subject: "respondents[0]",
                        .at(#"{"role""#), ["missing required key 'id'"]),
            InvalidCase("scores missing", Self.respondents(#"[{"id": "cfo", "role": "CFO"}]"#), subject: "respondents[0]",
                        .at(#"{"id""#), ["missing required key 'scores'"]),
            InvalidCase("unknown dimension",
                        Self.respondents(#"[{"id": "cfo", "role": "CFO", "scores": {"operating_model.cs_role_structur": 2}}]"#),
                        subject: #"respondents[0].scores["operating_model.cs_role_structur"]"#,
                        .at(#""operating_model.cs_role_structur""#),
                        ["unknown dimension id 'operating_model.cs_role_structur'", "did you mean 'operating_model.cs_role_structure'?"]),
            InvalidCase("short dimension id",
                        Self.respondents(#"[{"id": "cfo", "role": "CFO", "scores": {"tool_leverage": 2}}]"#),
                        subject: "respondents[0].scores.tool_leverage", .at(#""tool_leverage""#),
                        ["use the full id 'enablement_scale.tool_leverage'"]),
            InvalidCase("score out of range",
                        Self.respondents(#"[{"id": "cfo", "role": "CFO", "scores": {"customer_lifecycle.codified_journey": 4.5}}]"#),
                        subject: codified, .at("4.5"), ["4.5 is out of range", "a score runs from 0 to 3"]),
            InvalidCase("score unknown level",
                        Self.respondents(#"[{"id": "cfo", "role": "CFO", "scores": {"customer_lifecycle.codified_journey": "sometimes"}}]"#),
                        subject: codified, .at(#""sometimes""#), ["unknown level 'sometimes'"]),
            InvalidCase("unknown key",
                        Self.respondents(#"[{"id": "cfo", "role": "CFO", "title": "Finance", "scores": {}}]"#),
                        subject: "respondents[0].title", .at(#""title""#),
                        ["unknown key 'title'", "allowed keys: id, role, name, scores, notes"]),
            InvalidCase("respondents not an array", Self.respondents("{}"), subject: "respondents", .at("{}"),
                        ["expected an array, got an object"]),
            InvalidCase("respondent not an object", Self.respondents("[42]"), subject: "respondents[0]", .at("42"),
                        ["expected an object, got number 42"]),
        ])
    }

    func testNothingScoredRejected() throws {
        let unscored = #"{"customer_lifecycle.codified_journey": {"score": null, "reason": "Not discussed"}}"#
        let unknownOnly = #"[{"id": "cfo", "role": "CFO", "scores": {"customer_lifecycle.codified_journey": null}}]"#
        let fragments = ["no dimension has a score"]

        try check([
            InvalidCase("empty dimensions", Self.dimensions("{}"), subject: nil, .lineColumn(1, 1), fragments),
            InvalidCase("no dimensions key", Self.document(removing: ["dimensions"]), subject: nil,
                        .lineColumn(1, 1), fragments),
            InvalidCase("only null scores", Self.dimensions(unscored), subject: nil, .lineColumn(1, 1), fragments),
            InvalidCase("respondents all unknown", Self.document(["dimensions": "{}"], adding: [("respondents", unknownOnly)]),
                        subject: nil, .lineColumn(1, 1), fragments),
            InvalidCase("respondents without scores",
                        Self.document(["dimensions": "{}"], adding: [("respondents", #"[{"id": "cfo", "role": "CFO", "scores": {}}]"#)]),
                        subject: nil, .lineColumn(1, 1), fragments),
        ])
    }

    func testSeveralProblemsAllReported() throws {
        let text = Self.document(
            [
                "assessed_on": #""2026-02-30""#,
                "dimensions": #"{"operating_model.cs_role_structure": {"score": 3.5}, "codified_journey": {"score": 1}}"#,
            ],
            adding: [
                ("facts", #"{"grr": 88, "customers": 850.5}"#),
                ("respondents", #"[{"id": "cfo", "scores": {}}]"#),
                ("assesor", #""Jane Doe""#),
            ])
        guard let error = try parseError(Array(text.utf8)) else {
            XCTFail("expected the document to be rejected")
            return
        }
        let subjects = Set(error.diagnostics.compactMap(\.subject))

        XCTAssertEqual(error.kind, .input, "expected an input error")
        XCTAssertEqual(error.diagnostics.count, 7, "expected seven diagnostics, got:\n\(error)")
        XCTAssertEqual(subjects, [
            "assesor", "assessed_on", #"dimensions["operating_model.cs_role_structure"].score"#,
            "dimensions.codified_journey", "facts.grr", "facts.customers", "respondents[0]",
        ], "expected one diagnostic per problem")
        XCTAssertTrue(error.diagnostics.allSatisfy { $0.file == Self.source }, "expected every diagnostic to name the file")
        XCTAssertTrue(error.diagnostics.allSatisfy { $0.line != nil }, "expected every diagnostic to have a line")
        XCTAssertTrue(error.diagnostics.allSatisfy { $0.column != nil }, "expected every diagnostic to have a column")
    }

    func testDiagnosticDescription() throws {
        let text = Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 3.5}}"#)
        let position = try XCTUnwrap(ModelTestSupport.location(of: "3.5", in: text))
        let error = try XCTUnwrap(try parseError(Array(text.utf8)), "expected the document to be rejected")

        XCTAssertEqual(
            error.description,
            #"clients/acme.json:\#(position.line):\#(position.column): dimensions["operating_model.cs_role_structure"].score: 3.5 is out of range; a score runs from 0 to 3"#,
            "expected FILE:LINE:COLUMN: PATH: MESSAGE")
    }


    // MARK: - Accepted documents

    func testScoreForms() throws {
        let forms: [(name: String, json: String, value: Double)] = [
            ("zero", "0", 0),
            ("three", "3", 3),
            ("decimal", "1.75", 1.75),
            ("exponent", "2.5e0", 2.5),
            ("reactive", #""reactive""#, 0),
            ("adopting", #""adopting""#, 1),
            ("performing", #""performing""#, 2),
            ("optimizing", #""optimizing""#, 3),
            ("capitalized level", #""Performing""#, 2),
        ]
        let id = "operating_model.cs_role_structure"

        for form in forms {
            let dimensions = #"{"\#(id)": {"score": \#(form.json), "target": \#(form.json)}}"#
            let respondents = #"[{"id": "cfo", "role": "CFO", "scores": {"\#(id)": \#(form.json)}}]"#
            let assessment = try parse(Self.document(["dimensions": dimensions], adding: [("respondents", respondents)]))
            let respondentScore = assessment.respondents.first?.scores.first

            XCTAssertEqual(assessment.dimensions[id]?.score, form.value, "\(form.name): expected the score \(form.value)")
            XCTAssertEqual(assessment.dimensions[id]?.target, form.value, "\(form.name): expected the target \(form.value)")
            XCTAssertEqual(respondentScore?.dimensionID, id, "\(form.name): expected the respondent's dimension")
            XCTAssertEqual(respondentScore?.score, form.value, "\(form.name): expected the respondent's score \(form.value)")
        }
    }

    func testFactValuesAccepted() throws {
        let text = Self.facts("""
            {"x_regions": 3, "x_crm": "Salesforce", "x_has_qbr": true, "nrr": null, "grr": 0.88, "arr_usd": 42000000,
             "customers": 850, "arr_growth": -0.5, "nps": -20, "usage_telemetry": false, "pricing_model": "usage"}
            """)
        let assessment = try parse(text)
        let ids = assessment.facts.map(\.id)

        XCTAssertEqual(ids, ["arr_usd", "arr_growth", "customers", "grr", "nps", "usage_telemetry", "pricing_model",
                             "x_crm", "x_has_qbr", "x_regions"], "expected model facts in model order, then custom facts by name")
        XCTAssertEqual(assessment.fact("arr_usd"), .number(42_000_000), "expected a number fact")
        XCTAssertEqual(assessment.fact("grr"), .number(0.88), "expected a ratio as a decimal")
        XCTAssertEqual(assessment.fact("customers"), .number(850), "expected an integer fact")
        XCTAssertEqual(assessment.fact("arr_growth"), .number(-0.5), "expected a negative ratio within range")
        XCTAssertEqual(assessment.fact("nps"), .number(-20), "expected a negative number within range")
        XCTAssertEqual(assessment.fact("usage_telemetry"), .bool(false), "expected a boolean fact")
        XCTAssertEqual(assessment.fact("pricing_model"), .text("usage"), "expected a choice fact")
        XCTAssertEqual(assessment.fact("x_regions"), .number(3), "expected a custom number fact")
        XCTAssertEqual(assessment.fact("x_crm"), .text("Salesforce"), "expected a custom string fact")
        XCTAssertEqual(assessment.fact("x_has_qbr"), .bool(true), "expected a custom boolean fact")
        XCTAssertNil(assessment.fact("nrr"), "expected a null fact to be left out")
    }

    func testRespondentNullScoreKept() throws {
        let text = Self.respondents("""
            [{"id": "cfo", "role": "CFO", "name": "Ana Silva",
              "scores": {"enablement_scale.tool_leverage": null, "customer_lifecycle.codified_journey": "adopting"}}]
            """)
        let respondent = try XCTUnwrap(try parse(text).respondents.first, "expected one respondent")

        XCTAssertEqual(respondent.id, "cfo", "expected the respondent id")
        XCTAssertEqual(respondent.role, "CFO", "expected the role")
        XCTAssertEqual(respondent.name, "Ana Silva", "expected the name")
        XCTAssertEqual(respondent.scores.count, 2, "expected both scores, the null one included")
        XCTAssertEqual(respondent.scores.first?.dimensionID, "enablement_scale.tool_leverage", "expected file order")
        XCTAssertNil(respondent.scores.first?.score ?? nil, "expected null to stay \"don't know\"")
        XCTAssertEqual(respondent.scores.last?.score, 1, "expected the level name as its threshold")
    }

    func testRespondentsAloneScoreDocument() throws {
        let respondents = #"[{"id": "cfo", "role": "CFO", "scores": {"customer_lifecycle.codified_journey": 2}}]"#
        let assessment = try parse(Self.document(removing: ["dimensions"], adding: [("respondents", respondents)]))

        XCTAssertTrue(assessment.dimensions.isEmpty, "expected no dimension entries")
        XCTAssertEqual(assessment.respondents.count, 1, "expected one respondent")
    }

    func testFullDocumentFields() throws {
        let text = """
            {
              "$schema": "../schemas/assessment.schema.json",
              "schema": "csm.assessment/v1",
              "organization": {"name": "Northwind Cloud", "segment": "mid-market", "industry": "HR software", "region": "EMEA"},
              "assessed_on": "2026-10-15",
              "assessor": "Jane Doe, Acme Advisory",
              "target": "optimizing",
              "notes": "Workshop on site",
              "dimensions": {
                "customer_lifecycle.codified_journey": {"score": 1.5, "target": 3, "evidence": "Journey map for enterprise only", "notes": "Draft"},
                "economic_model.customer_paid_success": {"score": null, "reason": "Not discussed in the workshop"}
              },
              "respondents": [
                {"id": "vp-cs", "role": "VP Customer Success", "notes": "Joined in March", "scores": {"customer_lifecycle.codified_journey": 2}},
                {"id": "cfo", "role": "CFO", "scores": {"customer_lifecycle.codified_journey": 1}}
              ]
            }
            """
        let assessment = try parse(text)
        let journey = assessment.dimensions["customer_lifecycle.codified_journey"]
        let paid = assessment.dimensions["economic_model.customer_paid_success"]

        XCTAssertEqual(assessment.source, Self.source, "expected the source as given")
        XCTAssertEqual(assessment.organization, Organization(name: "Northwind Cloud", segment: .midMarket, industry: "HR software",
                                                             region: "EMEA"), "expected every organization field")
        XCTAssertEqual(assessment.assessedOn.description, "2026-10-15", "expected the assessment date")
        XCTAssertEqual(assessment.assessor, "Jane Doe, Acme Advisory", "expected the assessor")
        XCTAssertEqual(assessment.target, 3, "expected the file target as a number")
        XCTAssertEqual(journey, DimensionInput(score: 1.5, target: 3, evidence: "Journey map for enterprise only", notes: "Draft"),
                       "expected every field of a scored dimension")
        XCTAssertEqual(paid, DimensionInput(reason: "Not discussed in the workshop"), "expected a null score with its reason")
        XCTAssertEqual(assessment.dimensions.count, 2, "expected two dimension entries")
        XCTAssertEqual(assessment.respondents.map(\.id), ["vp-cs", "cfo"], "expected respondents in file order")
        XCTAssertEqual(assessment.sha256.count, 64, "expected a SHA-256 hex digest")
        XCTAssertTrue(assessment.sha256.allSatisfy { "0123456789abcdef".contains($0) }, "expected a lowercase hex digest")
    }

    func testByteOrderMarkAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.document().utf8)
        let assessment = try AssessmentParser.parse(bytes: bytes, source: Self.source, model: model())

        XCTAssertEqual(assessment.organization.name, "Acme Analytics", "expected the document after the mark to parse")
    }

    func testByteOrderMarkKeepsPositions() throws {
        let text = Self.dimensions(#"{"operating_model.cs_role_structure": {"score": 3.5}}"#)
        let position = try XCTUnwrap(ModelTestSupport.location(of: "3.5", in: text))
        let error = try XCTUnwrap(try parseError([0xEF, 0xBB, 0xBF] + Array(text.utf8)), "expected the document to be rejected")

        XCTAssertEqual(error.diagnostics.first?.line, position.line, "expected the line as without the mark")
        XCTAssertEqual(error.diagnostics.first?.column, position.column, "expected the column as without the mark")
    }

    func testNestingAtLimitParses() throws {
        let depth = AssessmentParser.maximumDepth - 1
        let text = Self.document(adding: [("notes", String(repeating: "[", count: depth) + String(repeating: "]", count: depth))])
        let error = try XCTUnwrap(try parseError(Array(text.utf8)), "expected notes of arrays to be rejected")

        XCTAssertEqual(error.diagnostics.count, 1, "expected one diagnostic, got:\n\(error)")
        XCTAssertEqual(error.diagnostics.first?.subject, "notes", "expected the type check on notes, not a syntax error")
        XCTAssertFalse(error.description.contains("nesting"), "expected no nesting error at the limit, got \(error)")
    }

    func testSamplesParse() throws {
        let directory = ModelTestSupport.packageRoot.appendingPathComponent("samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        XCTAssertFalse(names.isEmpty, "expected sample assessments in \(directory.path)")

        for name in names {
            let path = directory.appendingPathComponent(name).path
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path), "\(name): expected a readable file")
            do {
                let assessment = try AssessmentParser.parse(bytes: Array(bytes), source: path, model: model())
                XCTAssertFalse(assessment.organization.name.isEmpty, "\(name): expected an organization name")
                XCTAssertEqual(assessment.source, path, "\(name): expected the source path as given")
            } catch {
                XCTFail("\(name): expected the sample to parse, got:\n\(error)")
            }
        }
    }
}
