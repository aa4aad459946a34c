import Foundation
import XCTest

/// Runs hostile rule packs through the built `csm` binary. Every case checks the exit status and a
/// wall-clock bound. Standard error must name the pack, the file, the line and, inside a rule
/// function, the rule id, and standard output must stay empty. The process must stay under a
/// memory bound, and nothing in the scratch folder may change: no canary touched, and no file
/// created in the scratch folder or in the pack folder.
///
/// The sandbox rules themselves are tested on the Lua state in CSMLuaTests/SandboxTests.swift;
/// these tests check what a user of the binary sees.
final class HostilePackTests: HostilePackTestCase {

    /// Where the hostile statement sits in its rule file.
    enum Place: String {
        /// The file's top-level code, which runs while the pack loads.
        case topLevel = "load"
        case when
        case reason
        case priority
    }

    /// Which lines a failure message may name.
    enum Location {
        /// The line of the hostile statement.
        case statement
        /// The statement, or inside a rule function the line of the rule declaration or of the
        /// function. The engine reports the rule's own location when the Lua state cannot tell
        /// where the failure happened (memory errors, calls abandoned by the watchdog).
        case statementOrRule
        /// Like `statementOrRule`, and at load time the file alone: a call stuck in C before the
        /// limit hook ever ran leaves no line to report.
        case anywhereInFile
    }

    struct HostileCase {
        let name: String
        /// Folder name of the pack, which is also the pack name.
        let pack: String
        let files: [(path: String, contents: Data)]
        /// The file standard error must name, relative to the pack folder.
        let failingFile: String
        /// Lines standard error may name for that file. Empty when the whole file is rejected.
        let lines: [Int]
        /// The rule standard error must name, for failures inside a rule function.
        let ruleID: String?
        var status: Int32 = 3
        /// Standard error must contain at least one of these.
        let messages: [String]
        var arguments: [String] = []
        var namesPack = true
    }

    static let bothPlaces: [Place] = [.topLevel, .when]
    /// Options for memory bombs: a small memory cap and an instruction budget they cannot reach first.
    static let memoryArguments = ["--memory-limit", "32", "--max-instructions", "1000000000"]
    static let limitMessages = ["instruction limit exceeded", "time limit exceeded", "memory limit exceeded"]
    /// A Lua function that never returns, for metamethods.
    static let spin = "function() while true do end end"

    // MARK: - Escapes

    func testEscapesFailCleanly() throws {
        let touch = Self.lua("touch " + forbiddenFile.path)
        let forbidden = Self.lua(forbiddenFile.path)
        let canary = Self.lua(canaryFile.path)
        let bytecode = try compiledChunk()
        let chunk = Self.luaBytes(bytecode)
        var cases: [HostileCase] = []

        cases += Self.hostile("os.execute", "os.execute(\(touch))", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (field 'execute')"])
        cases += Self.hostile("io.open", "io.open(\(forbidden), \"w\"):write(\"x\")", at: Self.bothPlaces,
                              messages: ["attempt to index a nil value (global 'io')"])
        cases += Self.hostile("io.popen", "io.popen(\(Self.lua("rm -rf " + canaryFolder.path)))", at: Self.bothPlaces,
                              messages: ["attempt to index a nil value (global 'io')"])
        cases += Self.hostile("require os", "local system = require(\"os\"); system.execute(\(touch))", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (global 'require')"])
        cases += Self.hostile("package.loadlib", "package.loadlib(\"libc.so.6\", \"system\")(\(touch))", at: Self.bothPlaces,
                              messages: ["attempt to index a nil value (global 'package')"])
        cases += Self.hostile("debug.sethook", "debug.sethook()", at: Self.bothPlaces,
                              messages: ["attempt to index a nil value (global 'debug')"])
        cases += Self.hostile("dofile", "dofile(\(canary))", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (global 'dofile')"])
        cases += Self.hostile("loadfile", "loadfile(\(canary))", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (global 'loadfile')"])
        cases += Self.hostile("os.remove", "os.remove(\(canary))", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (field 'remove')"])
        cases += Self.hostile("os.rename", "os.rename(\(canary), \(forbidden))", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (field 'rename')"])
        cases += Self.hostile("os.exit", "os.exit(0)", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (field 'exit')"])
        cases += Self.hostile("os.getenv", "local home = os.getenv(\"HOME\")", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (field 'getenv')"])
        cases += Self.hostile("string.dump", "local bytes = string.dump(function() end)", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (field 'dump')"])
        cases += Self.hostile("string.dump as method", "local bytes = (\"\").dump(function() end)", at: Self.bothPlaces,
                              messages: ["attempt to call a nil value (field 'dump')"])
        cases += Self.hostile("string metatable", "local bytes = getmetatable(\"\").__index.dump(function() end)", at: Self.bothPlaces,
                              messages: ["attempt to index a boolean value"])
        cases += Self.hostile("load binary chunk", "local run = assert(load(\(chunk)))", at: Self.bothPlaces,
                              messages: ["attempt to load a binary chunk"])
        cases += Self.hostile("load binary mode", "local run = assert(load(\(chunk), \"chunk\", \"b\"))", at: Self.bothPlaces,
                              messages: ["binary chunks are not allowed"])
        cases += Self.hostile("load text escape", "load(\"io.open(\" .. string.format(\"%q\", \(forbidden)) .. \", 'w')\")()",
                              at: Self.bothPlaces, messages: ["attempt to index a nil value (global 'io')"])
        cases += Self.hostile("setmetatable _ENV", "setmetatable(_ENV, nil); io.open(\(forbidden), \"w\")", at: Self.bothPlaces,
                              messages: ["cannot change a protected metatable"])
        cases += Self.hostile("rawset _ENV", "rawset(_ENV, \"io\", nil); rawset(_ENV, \"os\", nil); os.execute(\(touch))",
                              at: Self.bothPlaces, messages: ["attempt to call a nil value (field 'execute')"])
        cases += Self.hostile("replaced _ENV", "local _ENV = setmetatable({}, { __index = _G }); os.execute(\(touch))",
                              at: Self.bothPlaces, messages: ["attempt to call a nil value (field 'execute')"])
        cases += Self.hostile("sandbox via _ENV metatable", "getmetatable(_ENV).__index.io.open(\(forbidden), \"w\")",
                              at: Self.bothPlaces, messages: ["attempt to index a boolean value"])
        cases += Self.globalCases()
        cases.append(HostileCase(name: "precompiled rule file", pack: "precompiled", files: [("compiled.lua", bytecode)],
                                 failingFile: "compiled.lua", lines: [], ruleID: nil, status: 2,
                                 messages: ["precompiled Lua bytecode is not allowed"], namesPack: false))
        try check(cases)
    }

    /// Builds cases where one file sets globals, at load time or inside when(), and the next file
    /// reports what it sees of them.
    static func globalCases() -> [HostileCase] {
        let read = "error(\"b.lua sees \" .. tostring(LEAKED) .. \" and \" .. tostring(_G.LEAKED_G))"
        let write = "LEAKED = \"a value\"; _G.LEAKED_G = \"a value\""
        return [
            HostileCase(name: "global across files (load)", pack: "globals-load",
                        files: [("a.lua", Data((write + "\n").utf8)), ("b.lua", Data((read + "\n").utf8))],
                        failingFile: "b.lua", lines: [1], ruleID: nil, messages: ["b.lua sees nil and nil"]),
            HostileCase(name: "global across files (when)", pack: "globals-when",
                        files: [("a.lua", Data(ruleSource(id: "globals-when.a", when: write + "; return false").utf8)),
                                ("b.lua", Data(ruleSource(id: "globals-when.b", when: read).utf8))],
                        failingFile: "b.lua", lines: [5], ruleID: "globals-when.b", messages: ["b.lua sees nil and nil"]),
        ]
    }

    // MARK: - CPU

    func testCPUBombsStopped() throws {
        var cases: [HostileCase] = []
        cases += Self.hostile("infinite loop", "while true do end", at: Self.bothPlaces,
                              messages: ["instruction limit exceeded"])
        cases += Self.hostile("loop inside pcall", "while true do pcall(function() while true do end end) end", at: Self.bothPlaces,
                              messages: ["instruction limit exceeded"])
        cases += Self.hostile("loop in coroutine", "coroutine.wrap(function() while true do end end)()", at: Self.bothPlaces,
                              messages: ["instruction limit exceeded"])
        cases += Self.hostile("coroutines swallow errors",
                              "while true do coroutine.resume(coroutine.create(function() while true do end end)) end",
                              at: Self.bothPlaces, messages: ["instruction limit exceeded"])
        cases += Self.hostile("xpcall looping handler", "xpcall(function() while true do end end, \(Self.spin))",
                              at: Self.bothPlaces, messages: ["instruction limit exceeded"])
        cases += Self.hostile("looping __close", "local guard <close> = setmetatable({}, { __close = \(Self.spin) })",
                              at: Self.bothPlaces, messages: ["instruction limit exceeded"])
        cases += Self.hostile("gsub looping callback", "local text = string.gsub(\"abc\", \".\", \(Self.spin))",
                              at: Self.bothPlaces, messages: ["instruction limit exceeded"])

        // Loops that spend most of their time inside C calls.
        cases += Self.hostile("repeated big load", "while true do load(string.rep(\"x = 1 \", 100000)) end",
                              at: Self.bothPlaces, messages: Self.limitMessages)
        // One C call that backtracks for hours: only the watchdog can stop it.
        cases += Self.hostile("backtracking pattern", "local found = string.find(string.rep(\"a\", 40), string.rep(\"a*\", 40) .. \"b\")",
                              at: Self.bothPlaces, messages: ["time limit exceeded"], location: .anywhereInFile)
        // Rejected before the C loop starts, so no time limit is needed and the Lua state is kept.
        cases += Self.hostile("table.move huge range", "table.move({}, 1, 1 << 40, 1, {})",
                              at: Self.bothPlaces, messages: ["bad argument to 'move'", "too long"], location: .statementOrRule)
        cases += Self.hostile("table.insert huge __len", "table.insert(setmetatable({}, { __len = function() return 1 << 40 end }), 1, 0)",
                              at: Self.bothPlaces, messages: ["bad argument to 'insert'", "too long"], location: .statementOrRule)

        cases += Self.hostile("string.rep huge count", "local text = string.rep(\"x\", 1 << 40)", at: Self.bothPlaces,
                              messages: ["string.rep result exceeds the memory limit"])
        cases += Self.hostile("string.rep huge method", "local text = (\"ab\"):rep(1 << 40, \",\")", at: Self.bothPlaces,
                              messages: ["string.rep result exceeds the memory limit"])
        // Each element comes from a C __index, so only the call hook's clock check can stop the loop.
        cases += Self.hostile("table.concat huge table", "local text = table.concat(setmetatable({}, { __index = rawlen }), \"\", 1, 1 << 40)",
                              at: Self.bothPlaces, messages: Self.limitMessages, location: .statementOrRule)
        try check(cases)
    }

    // MARK: - Memory

    func testMemoryBombsStopped() throws {
        let bomb = ["memory limit exceeded"]
        let deep = ["memory limit exceeded", "stack overflow"]
        var cases: [HostileCase] = []
        cases += Self.hostile("string doubling", "local text = \"x\"; while true do text = text .. text end", at: Self.bothPlaces,
                              messages: bomb, location: .statementOrRule, arguments: Self.memoryArguments)
        cases += Self.hostile("table filling", "local items = {}; local i = 0; while true do i = i + 1; items[i] = { i } end",
                              at: Self.bothPlaces, messages: bomb, location: .statementOrRule, arguments: Self.memoryArguments)
        cases += Self.hostile("big strings kept", "local parts = {}; for i = 1, 64 do parts[i] = string.rep(\"x\", 8 << 20) end",
                              at: Self.bothPlaces, messages: bomb, location: .statementOrRule, arguments: Self.memoryArguments)
        cases += Self.hostile("deep recursion", "local function dive(n) return 1 + dive(n + 1) end; dive(1)",
                              at: Self.bothPlaces, messages: deep, location: .statementOrRule, arguments: Self.memoryArguments)
        cases += Self.hostile("deep C recursion", "local function dig(text) return (text:gsub(\".\", dig)) end; dig(\"x\")",
                              at: Self.bothPlaces, messages: deep, location: .statementOrRule, arguments: Self.memoryArguments)
        try check(cases)
    }

    // MARK: - Host boundary

    func testHostBoundaryErrors() throws {
        let looping = "setmetatable({}, { __index = \(Self.spin), __newindex = \(Self.spin), __eq = \(Self.spin), "
            + "__lt = \(Self.spin), __le = \(Self.spin), __len = \(Self.spin), __concat = \(Self.spin), "
            + "__call = \(Self.spin), __tostring = \(Self.spin), __pairs = \(Self.spin) })"
        let when: [Place] = [.when]
        var cases: [HostileCase] = []
        cases += Self.hostile("when returns throwing __index", "do return setmetatable({}, { __index = function() error(\"boom\") end }) end",
                              at: when, messages: ["when() must return true or false, got table"], location: .statementOrRule)
        cases += Self.hostile("when returns looping metamethods", "do return \(looping) end", at: when,
                              messages: ["when() must return true or false, got table"], location: .statementOrRule)
        cases += Self.hostile("reason returns looping metamethods", "do return \(looping) end", at: [.reason],
                              messages: ["reason must be a string, got table"], location: .statementOrRule)
        cases += Self.hostile("priority returns looping metamethods", "do return \(looping) end", at: [.priority],
                              messages: ["priority() must return a number from 0 to 10, got table"], location: .statementOrRule)
        cases += Self.hostile("priority reason looping", "do return 1.5, \(looping) end", at: [.priority],
                              messages: ["priority() must return a string as its second value, got table"], location: .statementOrRule)

        cases += Self.hostile("__gc metamethod", "setmetatable({}, { __gc = \(Self.spin) })", at: Self.bothPlaces,
                              messages: ["__gc metamethods are not allowed in rules"])
        // Lua marks an object for finalization only when its metatable has __gc at setmetatable time.
        cases += Self.hostile("__gc added later", "local mt = {}; local t = setmetatable({}, mt); mt.__gc = \(Self.spin); "
                              + "t = nil; collectgarbage(); collectgarbage(); error(\"collected without running the finalizer\")",
                              at: Self.bothPlaces, messages: ["collected without running the finalizer"])
        cases += Self.hostile("error object looping __tostring", "error(setmetatable({}, { __tostring = \(Self.spin) }))",
                              at: Self.bothPlaces, messages: ["error object is a table value"])

        // Wrong arguments to the rule API and to base functions.
        cases += Self.hostile("score with number", "local value = score(42)", at: when, messages: ["unknown dimension id 42"])
        cases += Self.hostile("needs without arguments", "local value = needs()", at: when, messages: ["unknown dimension id nil"])
        cases += Self.hostile("fact_below without limit", "local value = fact_below(\"grr\")", at: when,
                              messages: ["fact_below(name, x): x must be a number"])
        cases += Self.hostile("weakest with string", "local value = weakest(\"three\")", at: when,
                              messages: ["weakest(n): n must be a positive integer"])
        cases += Self.hostile("fact with looping name", "local value = fact(setmetatable({}, { __tostring = \(Self.spin) }))",
                              at: when, messages: ["instruction limit exceeded"])
        cases += Self.hostile("organization changed", "organization.name = \"pwned\"", at: when,
                              messages: ["organization is read-only"])
        cases += Self.hostile("rawset on number", "rawset(1, 2, 3)", at: when,
                              messages: ["bad argument #1 to 'rawset' (table expected, got number)"])
        cases += Self.hostile("score at load", "local value = score(\"customer_lifecycle.codified_journey\")", at: [.topLevel],
                              messages: ["the assessment is not available while a rule file loads"])
        cases += Self.hostile("rule inside when", "rule { id = \"sneaky\" }", at: when,
                              messages: ["can only be called while a rule file loads"])
        try check(cases)
    }

    // MARK: - Non-finite numbers

    func testNonFinitePriorityFails() throws {
        let values: [(name: String, expression: String)] = [("nan", "0/0"), ("inf", "1/0"), ("-inf", "-1/0")]
        var cases: [HostileCase] = []
        for value in values {
            cases += Self.hostile("priority \(value.name)", "do return \(value.expression) end", at: [.priority],
                                  messages: ["not finite (\(value.name))"], location: .statementOrRule)
        }
        let adjust = """
        adjust {
          id = "nan-factor.adjust", title = "Hostile adjustment", dimensions = { "customer_lifecycle.codified_journey" },
          when = function() return true end,
          factor = function() return 0/0 end,
        }

        """
        cases.append(HostileCase(name: "adjust factor nan", pack: "nan-factor", files: [("adjust.lua", Data(adjust.utf8))],
                                 failingFile: "adjust.lua", lines: [1, 4], ruleID: "nan-factor.adjust", messages: ["not finite (nan)"]))
        try check(cases)
    }

    func testNonFinitePriorityKeepGoingJSON() throws {
        let source = Self.ruleSource(id: "nan-json.rule", when: "return true",
                                     extraFields: "  priority = function() return 0/0 end,\n")
        let pack = try writePack("nan-json", sources: [("rule.lua", source)])
        let result = try spawnCSM(["run", Self.sample, "--rules", pack, "--keep-going", "--format", "json"])

        XCTAssertEqual(result.status, 3, "a failed rule exits 3 even with --keep-going; stderr: \(result.stderr)")
        let root = try jsonObject(result.stdout)
        let entry = ruleEntry(root, id: "nan-json.rule")
        XCTAssertEqual(entry?["status"] as? String, "error", "expected the rule listed with status error, got \(String(describing: entry))")
        let message = (entry?["error"] as? [String: Any])?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("not finite"), "expected the error to say the number is not finite, got \(message)")
        let initiatives = root["initiatives"] as? [[String: Any]] ?? []
        XCTAssertFalse(initiatives.contains { $0["id"] as? String == Self.initiativeID(for: "nan-json.rule") },
                       "expected no initiative from the failed rule")
        XCTAssertFalse(initiatives.isEmpty, "expected the other rules' initiatives in the output")
    }

    // MARK: - --keep-going

    /// Writes a pack with an error, an instruction bomb, a memory bomb and a call the watchdog
    /// abandons. The abandoned call comes first, so the others run on the fresh Lua state that
    /// replaces it.
    func writeFailingPack() throws -> (path: String, expected: [(id: String, status: String)]) {
        let rules: [(file: String, id: String, status: String, when: String)] = [
            ("a_stuck.lua", "keep-going.stuck", "timeout", "return string.find(string.rep('a', 40), string.rep('a*', 40) .. 'b') ~= nil"),
            ("b_error.lua", "keep-going.error", "error", "error('deliberate failure')"),
            ("c_loop.lua", "keep-going.loop", "timeout", "while true do end"),
            ("d_memory.lua", "keep-going.memory", "error", "local text = 'x'; while true do text = text .. text end"),
        ]
        let path = try writePack("keep-going", sources: rules.map { ($0.file, Self.ruleSource(id: $0.id, when: $0.when)) })
        return (path, rules.map { ($0.id, $0.status) })
    }

    func testKeepGoingListsEveryFailure() throws {
        // Two of the rules (the stuck call and the loop) each run up to their own time limit.
        let bound = 2 * (Self.timeLimit + LuaGrace.seconds) + 1 + (try measureStartup())
        let (pack, expected) = try writeFailingPack()
        let arguments = ["run", Self.sample, "--rules", pack, "--keep-going", "--time-limit", "\(Self.timeLimit)", "--memory-limit", "32"]

        let json = try spawnCSM(arguments + ["--format", "json"])
        XCTAssertEqual(json.status, 3, "JSON: failed rules exit 3 with --keep-going; stderr: \(json.stderr)")
        XCTAssertLessThanOrEqual(json.seconds, bound, "JSON: expected the run to end within \(bound) s, took \(json.seconds) s")
        XCTAssertTrue(json.stderr.contains("4 rules failed"), "JSON: expected stderr to count 4 failed rules, got \(json.stderr)")
        let root = try jsonObject(json.stdout)
        for rule in expected {
            let entry = ruleEntry(root, id: rule.id)
            XCTAssertEqual(entry?["status"] as? String, rule.status, "JSON: expected \(rule.id) with status \(rule.status), got \(String(describing: entry))")
        }
        let warnings = (root["warnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        for rule in expected {
            XCTAssertTrue(warnings.contains { $0.contains("rule '\(rule.id)'") }, "JSON: expected a warning naming \(rule.id), got \(warnings)")
        }
        let counts = (root["summary"] as? [String: Any])?["rules"] as? [String: Any]
        XCTAssertEqual(counts?["skipped"] as? Int, 0, "JSON: expected no rule skipped after the abandoned call, got \(String(describing: counts))")
        XCTAssertFalse((root["initiatives"] as? [Any] ?? []).isEmpty, "JSON: expected initiatives from the rules that worked")

        let text = try spawnCSM(arguments + ["--color", "never", "--top", "0"])
        XCTAssertEqual(text.status, 3, "text: failed rules exit 3 with --keep-going; stderr: \(text.stderr)")
        XCTAssertLessThanOrEqual(text.seconds, bound, "text: expected the run to end within \(bound) s, took \(text.seconds) s")
        let report = text.stdoutText
        let warningsStart = report.range(of: "Warnings (")
        XCTAssertNotNil(warningsStart, "text: expected a Warnings section, got \(report)")
        // Long warnings wrap onto indented lines, so join the words before searching.
        let section = String(report[(warningsStart?.lowerBound ?? report.endIndex)...])
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for rule in expected {
            XCTAssertTrue(section.contains("rule '\(rule.id)'"), "text: expected the Warnings to name \(rule.id), got \(section)")
        }
        for kind in ["deliberate failure", "instruction limit exceeded", "memory limit exceeded", "time limit exceeded"] {
            XCTAssertTrue(section.contains(kind), "text: expected the Warnings to say '\(kind)', got \(section)")
        }
    }

    // MARK: - Building and checking cases

    /// Builds one case per place, each with the hostile statement on a line of its own.
    static func hostile(_ name: String, _ code: String, at places: [Place], messages: [String],
                        location: Location = .statement, arguments: [String] = []) -> [HostileCase] {
        precondition(!code.contains("\n"), "a hostile statement must fit on one line, so its line number is known")
        let slug = String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        return places.map { place in
            let pack = "\(slug)-\(place.rawValue)"
            let ruleID = "\(pack).hostile"
            let header = """
            local D = "customer_lifecycle.codified_journey"
            rule {
              id = \(lua(ruleID)), title = "Hostile rule", dimensions = { D }, toward = "adopting",
              initiative = { id = \(lua(initiativeID(for: ruleID))), title = "Hostile", summary = "Hostile.", actions = { "Act." }, effort = "small", impact = "low" },

            """
            let source: String
            let statementLine: Int
            let ruleLines: [Int]
            switch place {
            case .topLevel:
                source = code + "\n"
                statementLine = 1
                ruleLines = []
            case .when:
                source = header + "  when = function()\n    \(code)\n    return false\n  end,\n}\n"
                statementLine = 6
                ruleLines = [2, 5]
            case .reason, .priority:
                source = header + "  when = function() return true end,\n  \(place.rawValue) = function()\n    \(code)\n  end,\n}\n"
                statementLine = 7
                ruleLines = [2, 6]
            }
            return HostileCase(name: "\(name) (\(place.rawValue))", pack: pack, files: [("hostile.lua", Data(source.utf8))],
                               failingFile: "hostile.lua",
                               lines: location == .anywhereInFile && place == .topLevel ? []
                                   : location == .statement ? [statementLine] : [statementLine] + ruleLines,
                               ruleID: place == .topLevel ? nil : ruleID, messages: messages, arguments: arguments)
        }
    }

    func check(_ cases: [HostileCase]) throws {
        let bound = Self.timeLimit + 1 + (try measureStartup())
        for testCase in cases {
            let label = testCase.name
            let pack = try writePack(testCase.pack, files: testCase.files)
            let file = pack + "/" + testCase.failingFile
            let before = try snapshot()
            let result = try spawnCSM(["run", Self.sample, "--rules", pack, "--time-limit", "\(Self.timeLimit)", "--color", "never"]
                                      + testCase.arguments)
            let after = try snapshot()
            let stderr = result.stderr

            XCTAssertEqual(result.status, testCase.status,
                           "\(label): expected exit status \(testCase.status), got signal \(result.signal ?? 0); stderr: \(stderr)")
            XCTAssertLessThanOrEqual(result.seconds, bound,
                                     "\(label): expected the run to end within \(bound) s (time limit + 1 s + process start), took \(result.seconds) s")
            XCTAssertTrue(result.stdout.isEmpty, "\(label): expected nothing on standard output, got \(result.stdoutText.prefix(200))")
            XCTAssertTrue(stderr.hasPrefix("csm: error: "), "\(label): expected a csm error message, got \(stderr)")
            if testCase.lines.isEmpty {
                XCTAssertTrue(stderr.contains(file + ":"), "\(label): expected stderr to name \(file), got \(stderr)")
            } else {
                XCTAssertTrue(testCase.lines.contains { stderr.contains("\(file):\($0):") },
                              "\(label): expected stderr to name \(file) at line \(testCase.lines.map(String.init).joined(separator: " or ")), got \(stderr)")
            }
            if testCase.namesPack {
                XCTAssertTrue(stderr.contains("pack \(testCase.pack)"), "\(label): expected stderr to name pack \(testCase.pack), got \(stderr)")
            }
            if let ruleID = testCase.ruleID {
                XCTAssertTrue(stderr.contains("rule '\(ruleID)'"), "\(label): expected stderr to name rule \(ruleID), got \(stderr)")
            }
            XCTAssertTrue(testCase.messages.contains { stderr.contains($0) },
                          "\(label): expected stderr to say one of \(testCase.messages), got \(stderr)")
            XCTAssertFalse(stderr.contains("csm-prelude"), "\(label): expected no location inside csm's prelude, got \(stderr)")
            XCTAssertFalse(stderr.contains("internal error"), "\(label): expected no internal error, got \(stderr)")
            XCTAssertLessThan(result.peakKilobytes, Self.residentLimitKilobytes,
                              "\(label): expected peak resident memory under \(Self.residentLimitKilobytes / 1024) MiB, got \(result.peakKilobytes / 1024) MiB")
            XCTAssertEqual(changes(from: before, to: after), [], "\(label): expected nothing in the scratch folder to change")
            assertCanariesIntact(label)
        }
    }

    // MARK: - Bytecode

    /// Real Lua 5.4 bytecode from luac5.4 when it is installed, else the bytecode signature and
    /// header bytes, which is all csm and Lua look at before rejecting a chunk.
    func compiledChunk() throws -> Data {
        let header = Data([0x1B, 0x4C, 0x75, 0x61, 0x54, 0x00, 0x19, 0x93, 0x0D, 0x0A, 0x1A, 0x0A, 0x04, 0x08, 0x08])
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        guard let compiler = folders.map({ "\($0)/luac5.4" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return header
        }
        let folder = scratch.appendingPathComponent("bytecode", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("chunk.lua")
        let output = folder.appendingPathComponent("chunk.luac")
        try Data("os.execute('touch \(forbiddenFile.path)')\nreturn 42\n".utf8).write(to: source)
        let result = try run(compiler, ["-o", output.path, source.path])
        XCTAssertEqual(result.status, 0, "luac5.4 compiles the chunk; stderr: \(result.stderr)")
        let bytes = try Data(contentsOf: output)
        XCTAssertEqual(bytes.prefix(4), Data([0x1B, 0x4C, 0x75, 0x61]), "expected luac5.4 output to start with the bytecode signature")
        return bytes
    }

    /// Returns a Lua string literal that contains `bytes`, each as a decimal escape.
    static func luaBytes(_ bytes: Data) -> String {
        let escapes = bytes.map { byte -> String in
            let digits = String(byte)
            return "\\" + String(repeating: "0", count: 3 - digits.count) + digits
        }
        return "\"" + escapes.joined() + "\""
    }
}

/// How long past its deadline a call stuck in C may run before the watchdog abandons it (LuaLimits.stuckGraceSeconds).
enum LuaGrace {
    static let seconds = 0.5
}
