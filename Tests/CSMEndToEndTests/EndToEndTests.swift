import CSMJSON
import Foundation
import XCTest

/// Runs the built `csm` binary as a subprocess from the package root and checks
/// its exit status, standard output and standard error.
///
/// Golden files live in Tests/CSMEndToEndTests/Golden/. To regenerate them after an
/// intended output change, run `CSM_UPDATE_GOLDEN=1 swift test --filter EndToEndTests`
/// and review the diff.
final class EndToEndTests: CSMProcessTestCase {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let explainSample = "helio-multi-respondent"
    static let escape: [UInt8] = [0x1B, 0x5B]

    // MARK: - Golden files

    func testGoldenText() throws {
        for sample in try Self.sampleNames() {
            try checkGolden("\(sample).txt", arguments: ["run", "samples/\(sample).json", "--color", "never", "--top", "0"])
        }
    }

    func testGoldenJSON() throws {
        for sample in try Self.sampleNames() {
            try checkGolden("\(sample).json", arguments: ["run", "samples/\(sample).json", "--format", "json"])
        }
    }

    func testGoldenMarkdown() throws {
        for sample in try Self.sampleNames() {
            try checkGolden("\(sample).md", arguments: ["run", "samples/\(sample).json", "--format", "markdown"])
        }
    }

    func testGoldenExplain() throws {
        try checkGolden("\(Self.explainSample).explain.txt",
                        arguments: ["run", "samples/\(Self.explainSample).json", "--explain", "--top", "3"])
    }

    func testJSONIdenticalAcrossProcesses() throws {
        let arguments = ["run", "samples/northwind-mid-market.json", "--format", "json"]
        let first = try csm(arguments)
        let second = try csm(arguments)

        XCTAssertEqual(first.status, 0, "first run succeeds; stderr: \(first.stderr)")
        XCTAssertFalse(first.stdout.isEmpty, "first run prints JSON")
        XCTAssertEqual(first.stdout, second.stdout, "two processes print byte-identical JSON")
        XCTAssertNoThrow(try JSONParser.parse(first.stdout), "the output is valid JSON")
    }

    // MARK: - Invalid usage and input

    private struct FailureCase {
        let name: String
        let arguments: [String]
        let status: Int32
        /// Texts standard error must contain.
        let messages: [String]
        /// Texts standard error must not contain.
        var absent: [String] = []
    }

    func testFailuresExitWithMessage() throws {
        let fixtures = try makeFixtures()
        let sample = "samples/northwind-mid-market.json"
        let cases: [FailureCase] = [
            FailureCase(name: "missing assessment file", arguments: ["run", "samples/no-such-client.json"], status: 2,
                        messages: ["samples/no-such-client.json", "not found"]),
            FailureCase(name: "malformed JSON", arguments: ["run", fixtures.malformed], status: 2,
                        messages: [fixtures.malformed + ":2:19:", "unexpected character '}'"]),
            FailureCase(name: "unknown option", arguments: ["run", sample, "--formt", "json"], status: 2,
                        messages: ["unknown option '--formt'", "did you mean '--format'"]),
            FailureCase(name: "unknown command", arguments: ["rnu", sample], status: 2,
                        messages: ["unknown command 'rnu'", "did you mean 'run'"]),
            FailureCase(name: "missing argument", arguments: ["run"], status: 2,
                        messages: ["missing arguments", "csm run ASSESSMENT"]),
            FailureCase(name: "too many arguments", arguments: ["run", sample, sample], status: 2,
                        messages: ["too many arguments"]),
            FailureCase(name: "invalid format", arguments: ["run", sample, "--format", "yaml"], status: 2,
                        messages: ["invalid value 'yaml' for --format", "text, json"]),
            FailureCase(name: "invalid top", arguments: ["run", sample, "--top", "many"], status: 2,
                        messages: ["invalid value 'many' for --top"]),
            FailureCase(name: "option without value", arguments: ["run", sample, "--format"], status: 2,
                        messages: ["--format needs a value"]),
            FailureCase(name: "unknown parameter", arguments: ["run", sample, "--set", "core.no_such_param=1"], status: 2,
                        messages: ["--set core.no_such_param", "has no parameter 'no_such_param'", "grr_floor"]),
            FailureCase(name: "unknown pack in set", arguments: ["run", sample, "--set", "nopack.grr_floor=1"], status: 2,
                        messages: ["unknown pack 'nopack'"]),
            FailureCase(name: "set without pack", arguments: ["run", sample, "--set", "grr_floor=0.9"], status: 2,
                        messages: ["invalid --set 'grr_floor=0.9'", "PACK.PARAM=VALUE"]),
            FailureCase(name: "missing rules directory", arguments: ["run", sample, "--rules", fixtures.missingPack], status: 2,
                        messages: [fixtures.missingPack, "rule pack directory not found"]),
            FailureCase(name: "folder instead of file", arguments: ["run", "samples"], status: 2,
                        messages: ["samples is a folder", "csm batch samples --output DIR"]),
            FailureCase(name: "JSON Lines file", arguments: ["run", "clients.jsonl"], status: 2,
                        messages: ["clients.jsonl looks like JSON Lines", "csm batch clients.jsonl --output DIR"]),
            FailureCase(name: "other csm document", arguments: ["run", "samples/acme-advisory-pack/pack.json"], status: 2,
                        messages: ["pack.json:3:13: schema: unsupported schema 'csm.pack/v1'"],
                        absent: ["organization", "assessed_on"]),
        ]
        try checkFailures(cases)
    }

    func testRuleErrorsNameFileLine() throws {
        // The scratch paths are longer than LUA_IDSIZE (60 in Lua 5.4's luaconf.h), so Lua shortens
        // them to "..." plus their end in its messages. Many real project paths are as long.
        let fixtures = try makeFixtures()
        let sample = "samples/northwind-mid-market.json"
        try checkFailures([
            FailureCase(name: "rule syntax error", arguments: ["run", sample, "--rules", fixtures.syntaxPack], status: 2,
                        messages: [fixtures.syntaxPack + "/broken.lua:3:", "unexpected symbol"],
                        absent: ["..."]),
            FailureCase(name: "rule runtime error", arguments: ["run", sample, "--rules", fixtures.failingPack], status: 3,
                        messages: [fixtures.failingPack + "/failing.lua:9:", "rule 'codified_journey.failing-plan'",
                                   "deliberate failure"],
                        absent: ["..."]),
        ])
    }

    private func checkFailures(_ cases: [FailureCase]) throws {
        for testCase in cases {
            let result = try csm(testCase.arguments)
            XCTAssertEqual(result.status, testCase.status, "\(testCase.name): exit status; stderr: \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(testCase.name): nothing on standard output, got \(result.stdoutText)")
            XCTAssertTrue(result.stderr.hasPrefix("csm: error: "), "\(testCase.name): message shape, got \(result.stderr)")
            for message in testCase.messages {
                XCTAssertTrue(result.stderr.contains(message), "\(testCase.name): stderr mentions '\(message)', got \(result.stderr)")
            }
            for text in testCase.absent {
                XCTAssertFalse(result.stderr.contains(text), "\(testCase.name): stderr has no '\(text)', got \(result.stderr)")
            }
        }
    }

    func testKeepGoingListsFailedRule() throws {
        let fixtures = try makeFixtures()
        let result = try csm(["run", "samples/northwind-mid-market.json", "--rules", fixtures.failingPack, "--keep-going",
                              "--color", "never"])

        XCTAssertEqual(result.status, 3, "a failed rule still exits 3 with --keep-going; stderr: \(result.stderr)")
        XCTAssertTrue(result.stdoutText.contains("Initiatives ("), "the report is printed")
        XCTAssertTrue(result.stdoutText.contains("codified_journey.failing-plan"), "the report names the failed rule")
        XCTAssertTrue(result.stdoutText.contains("failing.lua:9"), "the report gives the failed rule's file and line")
        XCTAssertTrue(result.stderr.contains("1 rule failed"), "stderr counts the failed rules, got \(result.stderr)")
    }

    func testKeepGoingJSONRecordsFailure() throws {
        let fixtures = try makeFixtures()
        let result = try csm(["run", "samples/northwind-mid-market.json", "--rules", fixtures.failingPack, "--keep-going",
                              "--format", "json"])
        XCTAssertEqual(result.status, 3, "a failed rule still exits 3 with --keep-going; stderr: \(result.stderr)")

        let root = try JSONParser.parse(result.stdout).value.asObject
        let rules = root?["rules"]?.value.asArray ?? []
        let failed = rules.first { $0.value.asObject?["id"]?.value.asString == "codified_journey.failing-plan" }?.value.asObject
        XCTAssertEqual(failed?["status"]?.value.asString, "error", "the rule is recorded with status error")
        XCTAssertEqual(failed?["error"]?.value.asObject?["line"]?.value.asNumber?.int64, 9, "the error gives the line")
        let warnings = root?["warnings"]?.value.asArray ?? []
        let codes = warnings.compactMap { $0.value.asObject?["code"]?.value.asString }
        XCTAssertTrue(codes.contains("rule_failed"), "a rule_failed warning lists the failure, got \(codes)")
    }

    // MARK: - Output files

    func testOutputEqualToInputRejected() throws {
        let input = scratch.appendingPathComponent("client.json")
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("samples/northwind-mid-market.json"),
                                         to: input)
        let original = try Data(contentsOf: input)
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let spellings = [
            ("same path", input.path),
            ("path through ..", scratch.appendingPathComponent("sub").path + "/../client.json"),
        ]
        for (name, output) in spellings {
            let result = try csm(["run", input.path, "--output", output])
            XCTAssertEqual(result.status, 2, "\(name): writing over the input is invalid usage; stderr: \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(name): nothing on standard output")
            XCTAssertTrue(result.stderr.contains("is also an input"), "\(name): the message explains why, got \(result.stderr)")
            XCTAssertEqual(try Data(contentsOf: input), original, "\(name): the input file is untouched")
        }
    }

    func testOutputWritesNewFile() throws {
        let output = scratch.appendingPathComponent("northwind.run.json")
        let arguments = ["run", "samples/northwind-mid-market.json", "--format", "json"]
        let result = try csm(arguments + ["--output", output.path])
        let printed = try csm(arguments)

        XCTAssertEqual(result.status, 0, "the run succeeds; stderr: \(result.stderr)")
        XCTAssertTrue(result.stdout.isEmpty, "nothing on standard output when --output is given")
        XCTAssertTrue(result.stderr.isEmpty, "nothing on standard error, got \(result.stderr)")
        XCTAssertEqual(try Data(contentsOf: output), Data(printed.stdout), "the file holds what standard output would show")
    }

    func testFailedRunWritesNoFile() throws {
        let fixtures = try makeFixtures()
        let folder = scratch.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("report.txt")
        let result = try csm(["run", "samples/northwind-mid-market.json", "--rules", fixtures.failingPack,
                              "--output", output.path])

        XCTAssertEqual(result.status, 3, "the failing rule stops the run; stderr: \(result.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "a failed run leaves no output file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "no temporary file is left behind")
    }

    func testStandardInputAssessment() throws {
        let sample = Self.packageRoot.appendingPathComponent("samples/northwind-mid-market.json").path
        let fromFile = try csm(["run", sample, "--color", "never"])
        let fromStandardInput = try csm(["run", "-", "--color", "never"], standardInput: sample)

        XCTAssertEqual(fromStandardInput.status, 0, "reading the assessment from - succeeds; stderr: \(fromStandardInput.stderr)")
        XCTAssertEqual(fromStandardInput.stdoutText, fromFile.stdoutText, "standard input gives the same report as the file")
    }

    // MARK: - Help, version, colour

    func testVersionMentionsLua() throws {
        let result = try csm(["--version"])

        XCTAssertEqual(result.status, 0, "--version succeeds")
        XCTAssertTrue(result.stdoutText.hasPrefix("csm "), "the version line starts with the program name, got \(result.stdoutText)")
        XCTAssertTrue(result.stdoutText.contains("Lua 5.4"), "the version line names Lua 5.4, got \(result.stdoutText)")
        XCTAssertTrue(result.stderr.isEmpty, "nothing on standard error")
    }

    func testHelpExitsZero() throws {
        let cases: [(name: String, arguments: [String], mentions: [String])] = [
            ("overview", ["--help"], ["Usage: csm COMMAND", "run", "Exit status"]),
            ("run help", ["run", "--help"], ["Usage: csm run ASSESSMENT", "--format", "--explain", "--output", "--top"]),
            ("run help after argument", ["run", "samples/northwind-mid-market.json", "--help"], ["Usage: csm run ASSESSMENT"]),
        ]
        for testCase in cases {
            let result = try csm(testCase.arguments)
            XCTAssertEqual(result.status, 0, "\(testCase.name): help succeeds")
            XCTAssertTrue(result.stderr.isEmpty, "\(testCase.name): nothing on standard error, got \(result.stderr)")
            for mention in testCase.mentions {
                XCTAssertTrue(result.stdoutText.contains(mention), "\(testCase.name): help mentions '\(mention)'")
            }
        }
    }

    func testNoColorWhenPiped() throws {
        let arguments = ["run", "samples/northwind-mid-market.json"]
        let withNoColor = try csm(arguments + ["--color", "auto"], environment: ["NO_COLOR": "1"])
        let autoPiped = try csm(arguments + ["--color", "auto"])
        let always = try csm(arguments + ["--color", "always"])

        XCTAssertEqual(withNoColor.status, 0, "the run succeeds")
        XCTAssertFalse(contains(withNoColor.stdout, Self.escape), "no escape codes with NO_COLOR set")
        XCTAssertFalse(contains(autoPiped.stdout, Self.escape), "no escape codes when standard output is not a terminal")
        XCTAssertTrue(contains(always.stdout, Self.escape), "--color always writes escape codes")
    }

    func testNoColorOnTerminal() throws {
        // util-linux `script` runs the command on a pseudo-terminal, so --color auto detects a terminal.
        #if os(Linux)
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw XCTSkip("\(script) is not installed; cannot give csm a terminal")
        }
        let command = "'\(try Self.binary())' run samples/northwind-mid-market.json --top 1"
        let terminal = try run(script, ["-qec", command, "/dev/null"], environment: ["TERM": "xterm"])
        let noColor = try run(script, ["-qec", command, "/dev/null"], environment: ["TERM": "xterm", "NO_COLOR": "1"])

        XCTAssertTrue(contains(terminal.stdout, Self.escape), "a terminal gets colour with --color auto")
        XCTAssertTrue(terminal.stdoutText.contains("Northwind Cloud"), "the report ran on the terminal")
        XCTAssertFalse(contains(noColor.stdout, Self.escape), "NO_COLOR turns colour off on a terminal")
        XCTAssertTrue(noColor.stdoutText.contains("Northwind Cloud"), "the report ran on the terminal with NO_COLOR")
        #else
        throw XCTSkip("the pseudo-terminal check uses util-linux script")
        #endif
    }

    // MARK: - Golden support

    private func checkGolden(_ fileName: String, arguments: [String]) throws {
        let result = try csm(arguments)
        let command = "csm " + arguments.joined(separator: " ")
        XCTAssertEqual(result.status, 0, "\(command) succeeds; stderr: \(result.stderr)")
        XCTAssertTrue(result.stderr.isEmpty, "\(command) writes nothing to stderr, got \(result.stderr)")

        let path = Self.goldenFolder.appendingPathComponent(fileName)
        if ProcessInfo.processInfo.environment["CSM_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout).write(to: path)
            return
        }
        guard let expected = FileManager.default.contents(atPath: path.path) else {
            XCTFail("golden file \(path.path) is missing; create it with: CSM_UPDATE_GOLDEN=1 swift test --filter EndToEndTests")
            return
        }
        if Array(expected) == result.stdout { return }
        XCTFail("""
            \(command) differs from golden file Golden/\(fileName):
            \(Self.firstDifference(expected: Array(expected), actual: result.stdout))
            If the change is intended, update the golden files with:
              CSM_UPDATE_GOLDEN=1 swift test --filter EndToEndTests
            and review the diff before committing.
            """)
    }

    /// Describes the first line where two outputs differ.
    static func firstDifference(expected: [UInt8], actual: [UInt8]) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let expectedLine = index < expectedLines.count ? "\"\(expectedLines[index])\"" : "(end of file)"
            let actualLine = index < actualLines.count ? "\"\(actualLines[index])\"" : "(end of file)"
            if expectedLine != actualLine {
                return "first difference at line \(index + 1):\n  expected: \(expectedLine)\n  actual:   \(actualLine)"
            }
        }
        return "the outputs differ in bytes that do not decode as UTF-8"
    }

    static func sampleNames() throws -> [String] {
        let folder = packageRoot.appendingPathComponent("samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }
            .sorted()
        XCTAssertFalse(names.isEmpty, "expected sample assessments in \(folder.path)")
        return names
    }

    // MARK: - Fixtures

    private struct Fixtures {
        let malformed: String
        let syntaxPack: String
        let failingPack: String
        let missingPack: String
    }

    /// Writes a malformed assessment and two rule packs into the scratch folder.
    private func makeFixtures() throws -> Fixtures {
        let malformed = scratch.appendingPathComponent("malformed.json")
        try "{\"schema\": \"csm.assessment/v1\",\n  \"organization\": }\n".write(to: malformed, atomically: true, encoding: .utf8)

        let syntaxPack = scratch.appendingPathComponent("syntaxpack")
        try FileManager.default.createDirectory(at: syntaxPack, withIntermediateDirectories: true)
        try "-- A rule file with a syntax error on line 3.\nlocal ok = 1\nlocal broken = = 2\n"
            .write(to: syntaxPack.appendingPathComponent("broken.lua"), atomically: true, encoding: .utf8)

        let failingPack = scratch.appendingPathComponent("failpack")
        try FileManager.default.createDirectory(at: failingPack, withIntermediateDirectories: true)
        let failing = """
            -- A rule that raises an error on line 9 whenever it runs.
            rule {
              id = "codified_journey.failing-plan",
              title = "Fails on purpose",
              dimensions = { "customer_lifecycle.codified_journey" },
              toward = "adopting",
              initiative = { id = "failing-plan", title = "Never proposed", summary = "Never proposed.", actions = { "None." }, effort = "small", impact = "low" },
              when = function()
                error("deliberate failure")
              end,
            }

            """
        try failing.write(to: failingPack.appendingPathComponent("failing.lua"), atomically: true, encoding: .utf8)

        return Fixtures(malformed: malformed.path, syntaxPack: syntaxPack.path, failingPack: failingPack.path,
                        missingPack: scratch.appendingPathComponent("no-such-pack").path)
    }

    private func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if Array(bytes[start..<(start + pattern.count)]) == pattern { return true }
        }
        return false
    }
}
