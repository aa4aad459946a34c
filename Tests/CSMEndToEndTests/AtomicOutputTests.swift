import Foundation
import XCTest

/// `csm run --output FILE` through the built binary: a failed or killed run never leaves a
/// partial FILE, and an output path that is also an input is rejected.
final class AtomicOutputTests: HostilePackTestCase {
    static let oldContent = Data("{\"previous\": \"run\"}\n".utf8)

    /// Names in `folder` that look like csm's temporary output files (".NAME.csm-XXXXXX").
    func temporaryFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") && $0.contains(".csm-") }
    }

    func testFailedRunKeepsPreviousOutput() throws {
        let failing = Self.ruleSource(id: "output.failing", when: "error('deliberate failure')")
        let stuck = Self.ruleSource(id: "output.stuck", when: "return string.find(string.rep('a', 40), string.rep('a*', 40) .. 'b') ~= nil")
        let cases: [(name: String, source: String, status: Int32)] = [
            ("rule error", failing, 3),
            ("load error", "error('deliberate failure while loading')\n", 3),
            ("abandoned call", stuck, 3),
            ("syntax error", "rule {\n", 2),
        ]
        for testCase in cases {
            let label = testCase.name
            let slug = String(label.map { $0.isLetter ? $0 : "-" })
            let pack = try writePack("output-\(slug)", sources: [("rule.lua", testCase.source)])
            let folder = scratch.appendingPathComponent("out-\(slug)", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let output = folder.appendingPathComponent("report.json")
            try Self.oldContent.write(to: output)

            let result = try spawnCSM(["run", Self.sample, "--rules", pack, "--format", "json", "--output", output.path,
                                       "--time-limit", "\(Self.timeLimit)"])

            XCTAssertEqual(result.status, testCase.status, "\(label): expected exit status \(testCase.status); stderr: \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(label): expected nothing on standard output")
            XCTAssertEqual(try Data(contentsOf: output), Self.oldContent, "\(label): expected \(output.path) to keep its old content")
            XCTAssertEqual(try temporaryFiles(in: folder), [], "\(label): expected no temporary file left next to the output")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["report.json"],
                           "\(label): expected only the old output in its folder")
        }
    }

    /// Kills runs with SIGKILL at moments spread over a whole run, then right after the
    /// temporary output file appears. Delays come from a fixed seed and span 0 to 60 ms, or a
    /// little more than one complete run when that is longer, so slow (debug) builds are
    /// sometimes killed after they finish too.
    func testKilledRunLeavesOldOrNewOutput() throws {
        let folder = scratch.appendingPathComponent("killed", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("report.json")
        let arguments = ["run", "samples/helio-multi-respondent.json", "--format", "json", "--explain", "--output", output.path]

        let complete = try spawnCSM(arguments)
        XCTAssertEqual(complete.status, 0, "an uninterrupted run succeeds; stderr: \(complete.stderr)")
        let newContent = try Data(contentsOf: output)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: newContent), "the complete output is valid JSON")
        XCTAssertGreaterThan(newContent.count, 100_000, "expected a large output, so the write takes a while")

        let window = max(0.060, complete.seconds * 1.25)
        var generator = SeededGenerator(seed: 0x5EED_CAFE)
        var kills: [(label: String, trigger: (Double) -> Bool)] = []
        for iteration in 1...20 {
            let delay = Double.random(in: 0...window, using: &generator)
            kills.append(("kill \(iteration) after \(Int(delay * 1000)) ms", { $0 >= delay }))
        }
        for iteration in 1...10 {
            kills.append(("kill \(iteration) once the temporary file exists", { [self] _ in
                (try? temporaryFiles(in: folder))?.isEmpty == false
            }))
        }

        for kill in kills {
            // A killed run cannot remove its temporary file. Remove it here, so the next trigger fires on a new one only.
            for name in try temporaryFiles(in: folder) {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
            try Self.oldContent.write(to: output)
            let result = try spawnCSM(arguments, killWhen: kill.trigger)
            let content = try Data(contentsOf: output)

            let label = "\(kill.label) (signal \(result.signal ?? 0), status \(result.status ?? -1))"
            XCTAssertTrue(content == Self.oldContent || content == newContent,
                          "\(label): expected the old or the complete new output, got \(content.count) bytes")
            if content != Self.oldContent {
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: content), "\(label): expected valid JSON")
            }
        }
    }

    func testOutputOverInputRejected() throws {
        let pack = try writePack("inputs", sources: [
            ("rules/rule.lua", Self.ruleSource(id: "inputs.rule", when: "return false")),
            ("pack.json", #"{ "schema": "csm.pack/v1", "name": "inputs", "version": "1.0.0", "api_version": 1 }"#),
        ])
        let assessment = scratch.appendingPathComponent("client.json")
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent(Self.sample), to: assessment)
        let symbolicLink = scratch.appendingPathComponent("client-link.json")
        try FileManager.default.createSymbolicLink(at: symbolicLink, withDestinationURL: assessment)
        let hardLink = scratch.appendingPathComponent("client-hard.json")
        try FileManager.default.linkItem(at: assessment, to: hardLink)

        let cases: [(name: String, output: String, input: String)] = [
            ("assessment", assessment.path, assessment.path),
            ("assessment by symbolic link", symbolicLink.path, assessment.path),
            ("assessment by hard link", hardLink.path, assessment.path),
            ("rule file", pack + "/rules/rule.lua", pack + "/rules/rule.lua"),
            ("rule file through ..", pack + "/rules/../rules/rule.lua", pack + "/rules/rule.lua"),
            ("pack manifest", pack + "/pack.json", pack + "/pack.json"),
        ]
        for testCase in cases {
            let label = testCase.name
            let before = try snapshot()
            let original = try Data(contentsOf: URL(fileURLWithPath: testCase.input))

            let result = try spawnCSM(["run", assessment.path, "--rules", pack, "--format", "json", "--output", testCase.output])

            XCTAssertEqual(result.status, 2, "\(label): expected writing over an input to be invalid usage; stderr: \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(label): expected nothing on standard output")
            XCTAssertTrue(result.stderr.contains("is also an input"), "\(label): expected the message to say why, got \(result.stderr)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: testCase.input)), original, "\(label): expected the input untouched")
            XCTAssertEqual(changes(from: before, to: try snapshot()), [], "\(label): expected nothing in the scratch folder to change")
        }
    }
}
