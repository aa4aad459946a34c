import Foundation
import XCTest

/// Base class for end-to-end tests that run hostile rule packs through the built `csm` binary.
///
/// Each test gets canaries in its scratch folder: a folder with files, and a single file, that no
/// run may change. The spawn helper reports the exit status, the wall-clock time and the peak
/// resident memory of the child. Snapshots of the scratch folder show that nothing outside the
/// process changed.
class HostilePackTestCase: CSMProcessTestCase {
    static let sample = "samples/northwind-mid-market.json"
    /// Seconds passed with --time-limit.
    static let timeLimit = 1.0
    /// Peak resident memory a csm process may reach on a hostile pack, well under 1 GiB.
    static let residentLimitKilobytes = 512 * 1024
    static let canaryText = "canary: nothing may change this file\n"

    var canaryFolder: URL { scratch.appendingPathComponent("canary", isDirectory: true) }
    var canaryFile: URL { scratch.appendingPathComponent("canary.txt") }
    /// A file that hostile code tries to create. It must never exist.
    var forbiddenFile: URL { scratch.appendingPathComponent("pwned") }
    /// Standard output and error of spawned processes go here, outside the scratch folder, so
    /// they never show up in snapshots.
    private var captureFolder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let manager = FileManager.default
        try manager.createDirectory(at: canaryFolder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try Data(Self.canaryText.utf8).write(to: canaryFolder.appendingPathComponent("keep.txt"))
        try Data(Self.canaryText.utf8).write(to: canaryFolder.appendingPathComponent("nested/deep.txt"))
        try Data(Self.canaryText.utf8).write(to: canaryFile)
        captureFolder = manager.temporaryDirectory.appendingPathComponent("csm-capture-\(UUID().uuidString)", isDirectory: true)
        try manager.createDirectory(at: captureFolder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let captureFolder { try? FileManager.default.removeItem(at: captureFolder) }
        try super.tearDownWithError()
    }

    // MARK: - Rule packs

    /// Writes a pack folder under scratch/packs and returns its path. Without a pack.json the
    /// pack is named after the folder.
    func writePack(_ name: String, files: [(path: String, contents: Data)]) throws -> String {
        let folder = scratch.appendingPathComponent("packs/\(name)", isDirectory: true)
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url)
        }
        return folder.path
    }

    func writePack(_ name: String, sources: [(path: String, source: String)]) throws -> String {
        try writePack(name, files: sources.map { (path: $0.path, contents: Data($0.source.utf8)) })
    }

    /// Returns a Lua string literal for `text`.
    static func lua(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// Returns the source of a rule file with one proposing rule. The rule declaration starts on
    /// line 2 and `when` on line 5.
    static func ruleSource(id: String, when: String, extraFields: String = "") -> String {
        """
        local D = "customer_lifecycle.codified_journey"
        rule {
          id = \(lua(id)), title = "Hostile rule", dimensions = { D }, toward = "adopting",
          initiative = { id = \(lua(initiativeID(for: id))), title = "Hostile", summary = "Hostile.", actions = { "Act." }, effort = "small", impact = "low" },
          when = function() \(when) end,
        \(extraFields)}

        """
    }

    /// Derives an initiative id from a rule id, so every hostile rule proposes its own initiative.
    static func initiativeID(for ruleID: String) -> String {
        "hostile-" + String(ruleID.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    // MARK: - Processes

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    struct SpawnResult {
        /// Exit status, or nil when a signal ended the process.
        let status: Int32?
        let signal: Int32?
        let stdout: [UInt8]
        let stderr: String
        let seconds: Double
        /// Peak resident set size of the child in kilobytes, from wait4.
        let peakKilobytes: Int

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `csm` with posix_spawn and reaps it with wait4, which gives the child's peak memory.
    /// With `killWhen`, sends SIGKILL once that closure returns true. The closure runs every 0.2 ms
    /// with the seconds since the start. The child stays a zombie until it is reaped here, so its
    /// process id cannot be reused by another process before the kill.
    /// Relative paths in `arguments` are resolved against the package root.
    func spawnCSM(_ arguments: [String], killWhen: ((_ elapsed: Double) -> Bool)? = nil) throws -> SpawnResult {
        let binary = try Self.binary()
        let stamp = UUID().uuidString
        let stdoutPath = captureFolder.appendingPathComponent("stdout-\(stamp)").path
        let stderrPath = captureFolder.appendingPathComponent("stderr-\(stamp)").path

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let resolved = arguments.map { argument in
            argument.hasPrefix("samples/") ? Self.packageRoot.appendingPathComponent(argument).path : argument
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([binary] + resolved).map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        var environment: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment
            .filter { $0.key != "NO_COLOR" && $0.key != "CSM_UPDATE_GOLDEN" }
            .map { strdup("\($0.key)=\($0.value)") }
        environment.append(nil)
        defer { for pointer in environment { free(pointer) } }

        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environment)
        guard spawned == 0 else {
            throw SpawnError(description: "cannot start \(binary): \(String(cString: strerror(spawned)))")
        }

        var killed = false
        var status: Int32 = 0
        var usage = rusage()
        // A generous bound that only stops a hung process, because hostile runs take a few seconds at most.
        let hangDeadline = started.addingTimeInterval(60)
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR {
                throw SpawnError(description: "wait4 failed for process \(pid): \(String(cString: strerror(errno)))")
            }
            let now = Date()
            if let killWhen, !killed, killWhen(now.timeIntervalSince(started)) {
                kill(pid, SIGKILL)
                killed = true
            }
            if now > hangDeadline && !killed {
                kill(pid, SIGKILL)
                killed = true
                XCTFail("csm \(arguments.joined(separator: " ")) did not finish within 60 s")
            }
            usleep(killWhen == nil ? 2_000 : 200)
        }
        let seconds = Date().timeIntervalSince(started)

        // Linux reports ru_maxrss in kilobytes and macOS in bytes.
        #if canImport(Darwin)
        let peakKilobytes = Int(usage.ru_maxrss) / 1024
        #else
        let peakKilobytes = Int(usage.ru_maxrss)
        #endif
        let signal = status & 0x7F
        let stdout = (try? Data(contentsOf: URL(fileURLWithPath: stdoutPath))) ?? Data()
        let stderr = (try? Data(contentsOf: URL(fileURLWithPath: stderrPath))) ?? Data()
        try? FileManager.default.removeItem(atPath: stdoutPath)
        try? FileManager.default.removeItem(atPath: stderrPath)
        return SpawnResult(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
                           stdout: Array(stdout), stderr: String(decoding: stderr, as: UTF8.self),
                           seconds: seconds, peakKilobytes: peakKilobytes)
    }

    /// Measures the seconds a clean run of the sample takes. Time bounds use it for process start.
    func measureStartup() throws -> Double {
        let result = try spawnCSM(["run", Self.sample, "--color", "never"])
        XCTAssertEqual(result.status, 0, "a clean run of the sample succeeds; stderr: \(result.stderr)")
        return result.seconds
    }

    // MARK: - Snapshots

    struct FileState: Equatable {
        let isDirectory: Bool
        let size: Int
        let modified: Date?
        let content: Data?
    }

    /// Records every entry under the scratch folder, hidden ones included, by relative path.
    func snapshot() throws -> [String: FileState] {
        let manager = FileManager.default
        let root = scratch.path
        var states: [String: FileState] = [:]
        guard let enumerator = manager.enumerator(atPath: root) else { return states }
        while let relative = enumerator.nextObject() as? String {
            let path = root + "/" + relative
            let attributes = try manager.attributesOfItem(atPath: path)
            let isDirectory = attributes[.type] as? FileAttributeType == .typeDirectory
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let content = isDirectory || size > 1 << 20 ? nil : manager.contents(atPath: path)
            states[relative] = FileState(isDirectory: isDirectory, size: size,
                                         modified: attributes[.modificationDate] as? Date, content: content)
        }
        return states
    }

    /// Lists entries added, removed or changed between two snapshots.
    func changes(from before: [String: FileState], to after: [String: FileState]) -> [String] {
        var found: [String] = []
        for path in after.keys.sorted() where before[path] == nil { found.append("added \(path)") }
        for path in before.keys.sorted() {
            guard let old = before[path] else { continue }
            if let new = after[path] {
                if new != old { found.append("changed \(path)") }
            } else {
                found.append("removed \(path)")
            }
        }
        return found
    }

    /// Checks the canaries by content, and that the forbidden file does not exist.
    func assertCanariesIntact(_ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let manager = FileManager.default
        XCTAssertFalse(manager.fileExists(atPath: forbiddenFile.path),
                       "\(label): expected no file at \(forbiddenFile.path)", file: file, line: line)
        for url in [canaryFile, canaryFolder.appendingPathComponent("keep.txt"), canaryFolder.appendingPathComponent("nested/deep.txt")] {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing>"
            XCTAssertEqual(text, Self.canaryText, "\(label): expected \(url.path) unchanged", file: file, line: line)
        }
    }

    // MARK: - JSON

    func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes))
        return try XCTUnwrap(value as? [String: Any], "expected a JSON object")
    }

    /// Finds the entry for a rule id in the run record's "rules" array.
    func ruleEntry(_ root: [String: Any], id: String) -> [String: Any]? {
        let rules = root["rules"] as? [[String: Any]] ?? []
        return rules.first { $0["id"] as? String == id }
    }
}

/// A fixed-seed SplitMix64 generator, so "random" delays repeat from run to run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
