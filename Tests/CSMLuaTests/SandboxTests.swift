import Foundation
import XCTest
@testable import CSMLua

/// Checks the rule sandbox through the driver, as the rule engine uses it:
/// what rule code can reach, what it cannot change, and how hostile code is stopped.
final class SandboxTests: XCTestCase {

    // MARK: - Absent or inert functions

    /// Each body is the inside of a Lua function that returns true when the guard is in place.
    static let sandboxCases: [(name: String, body: String)] = [
        ("io absent", "return io == nil"),
        ("debug absent", "return debug == nil"),
        ("package absent", "return package == nil"),
        ("require absent", "return require == nil"),
        ("dofile absent", "return dofile == nil"),
        ("loadfile absent", "return loadfile == nil"),
        ("os.execute absent", "return os.execute == nil"),
        ("os.getenv absent", "return os.getenv == nil"),
        ("os.exit absent", "return os.exit == nil"),
        ("os.remove absent", "return os.remove == nil"),
        ("string.dump absent", "return string.dump == nil"),
        ("string method dump absent", #"return ("").dump == nil"#),
        ("string metatable hidden", #"return type(getmetatable("")) ~= "table""#),
        ("collectgarbage stop rejected", #"return not pcall(collectgarbage, "stop") and collectgarbage("isrunning") == true"#),
        ("binary chunk literal rejected", #"local f, message = load("\27LuaT\0\25\147\r\n\26\n\4\8\8xV"); return f == nil and type(message) == "string""#),
        ("load mode b rejected", #"return load("return 1", "chunk", "b") == nil"#),
        ("load mode bt rejected", #"return load("return 1", "chunk", "bt") == nil"#),
        ("load text works", #"local f = load("return 1 + 1"); return f ~= nil and f() == 2"#),
        ("load gets fresh environment", #"marker = "outer"; local f = load("marker = 'inner'; return marker"); return f() == "inner" and marker == "outer""#),
        ("load environment sees sandbox", #"return load("return string.format('%d', 7)")() == "7" and load("return io")() == nil"#),
        ("setmetatable __gc rejected", "return not pcall(setmetatable, {}, { __gc = function() end })"),
        ("string.rep assignment rejected", "return not pcall(function() string.rep = nil end) and type(string.rep) == 'function'"),
        ("string new field rejected", "return not pcall(function() string.extra = 1 end) and string.extra == nil"),
        ("rawset on string rejected", "return not pcall(rawset, string, 'rep', nil) and type(string.rep) == 'function'"),
        ("setmetatable on string rejected", "return not pcall(setmetatable, string, {})"),
        ("math assignment rejected", "return not pcall(function() math.pi = 3 end) and math.pi > 3.14"),
        ("table assignment rejected", "return not pcall(function() table.insert = nil end) and type(table.insert) == 'function'"),
        ("os assignment rejected", "return not pcall(function() os.time = nil end) and type(os.time) == 'function'"),
        ("utf8 assignment rejected", "return not pcall(function() utf8.char = nil end) and type(utf8.char) == 'function'"),
        ("coroutine assignment rejected", "return not pcall(function() coroutine.wrap = nil end) and type(coroutine.wrap) == 'function'"),
        ("pairs over string iterates", "local count = 0; for _ in pairs(string) do count = count + 1 end; return count > 0"),
        ("pairs over string lists functions", "local seen = {}; for name in pairs(string) do seen[name] = true end; return seen.format == true and seen.rep == true and seen.sub == true and seen.dump == nil"),
        ("tostring hides table address", "return tostring({}):find('%x%x%x%x%x') == nil"),
        ("tostring hides function address", "return tostring(print):find('%x%x%x%x%x') == nil"),
    ]

    func testSandboxInRuleFiles() throws {
        for testCase in Self.sandboxCases {
            let source = """
            local function check() \(testCase.body) end
            if check() ~= true then error("sandbox check failed while the file loaded") end
            \(SandboxSupport.rule(id: "case", when: "return true"))
            """
            let vm = try LuaVM()
            let configured = try LuaTestSupport.configure(vm, files: [("rules/case.lua", source)])
            let error = configured["files"][1]["error"]
            XCTAssertTrue(error.isNil, "\(testCase.name): expected the check to hold at file level, got \(error)")
        }
    }

    func testSandboxInWhenFunctions() throws {
        for testCase in Self.sandboxCases {
            let vm = try LuaVM()
            let source = SandboxSupport.rule(id: "case", when: testCase.body)
            _ = try LuaTestSupport.configure(vm, files: [("rules/case.lua", source)])
            let result = try LuaTestSupport.evaluate(vm, count: 1).first ?? .nil
            XCTAssertEqual(result["status"], .string("fired"), "\(testCase.name): expected the check to hold inside when(), got \(result)")
        }
    }

    // MARK: - Isolation and determinism

    func testGlobalsStayInTheirFile() throws {
        let writer = """
        shared_value = 42
        string = nil
        \(SandboxSupport.rule(id: "writer", when: "return shared_value == 42"))
        """
        let reader = """
        assert(shared_value == nil, "a global from another file is visible while this file loads")
        assert(type(string.format) == "function", "another file's string = nil leaked into this file")
        \(SandboxSupport.rule(id: "reader", when: "return shared_value == nil and type(string.format) == 'function'"))
        """
        let vm = try LuaVM()
        let configured = try LuaTestSupport.configure(vm, files: [("rules/a.lua", writer), ("rules/b.lua", reader)])
        XCTAssertTrue(configured["files"][2]["error"].isNil, "expected file b to load cleanly, got \(configured["files"][2]["error"])")

        let results = try LuaTestSupport.evaluate(vm, count: 2)
        XCTAssertEqual(results[0]["status"], .string("fired"), "expected the writer to see its own global, got \(results[0])")
        XCTAssertEqual(results[1]["status"], .string("fired"), "expected the reader not to see the writer's global, got \(results[1])")
    }

    func testGlobalsResetBetweenEvaluations() throws {
        let source = """
        local calls = 0
        \(SandboxSupport.rule(id: "global", when: "counter = (counter or 0) + 1; return counter == 1"))
        \(SandboxSupport.rule(id: "upvalue", when: "calls = calls + 1; return calls == 1"))
        """
        let vm = try LuaVM()
        _ = try LuaTestSupport.configure(vm, files: [("rules/state.lua", source)])
        for round in 1...3 {
            let results = try LuaTestSupport.evaluate(vm, count: 2)
            XCTAssertEqual(results[0]["status"], .string("fired"), "evaluation \(round): expected a fresh global, got \(results[0])")
            XCTAssertEqual(results[1]["status"], .string("fired"), "evaluation \(round): expected a fresh file local, got \(results[1])")
        }
    }

    func testOSTimeIsAssessmentDate() throws {
        let vm = try LuaVM()
        let source = SandboxSupport.rule(id: "time", when: "print(os.time(), os.date('!%Y-%m-%d')); return true")
        _ = try LuaTestSupport.configure(vm, files: [("rules/time.lua", source)])
        let result = try LuaTestSupport.evaluate(vm, count: 1).first ?? .nil
        XCTAssertEqual(result["log"][1], .string("1792022400\t2026-10-15"), "expected os.time() and os.date() to use assessed_at, got \(result)")
    }

    func testMathRandomRepeatsPerRule() throws {
        let body = "print(math.random(1000000), math.random(1000000), math.random()); return true"
        let vm = try LuaVM()
        _ = try LuaTestSupport.configure(vm, files: [("rules/random.lua", SandboxSupport.rule(id: "first", when: body) + "\n"
                                                      + SandboxSupport.rule(id: "second", when: body))])
        let first = try LuaTestSupport.evaluate(vm, count: 2)
        let second = try LuaTestSupport.evaluate(vm, count: 2)

        XCTAssertFalse(first[0]["log"].isNil, "expected the rule to log its random numbers, got \(first[0])")
        XCTAssertEqual(first[0]["log"], first[1]["log"], "expected two rules to draw the same sequence")
        XCTAssertEqual(first[0]["log"], second[0]["log"], "expected the same sequence in the next evaluation")
    }

    func testPrintGoesToRuleLog() throws {
        let vm = try LuaVM()
        let source = SandboxSupport.rule(id: "printer", when: "print('csm-print-marker', 1, true, nil, {}); return true")
        _ = try LuaTestSupport.configure(vm, files: [("rules/print.lua", source)])

        var results: [LuaValue] = []
        let stdout = try SandboxSupport.capturingStandardOutput {
            results = try LuaTestSupport.evaluate(vm, count: 1)
        }

        XCTAssertEqual(results.first?["log"], .array([.string("csm-print-marker\t1\ttrue\tnil\ttable")]),
                       "expected print() to land in the rule log with hidden addresses")
        XCTAssertFalse(stdout.contains("csm-print-marker"), "expected nothing on stdout, got \(stdout.debugDescription)")
    }

    // MARK: - Hostile code

    /// Small limits so hostile cases end fast.
    static let tightLimits = LuaLimits(memoryBytes: 64 * 1024 * 1024, callMemoryBytes: 8 * 1024 * 1024,
                                       instructions: 2_000_000, seconds: 1)
    /// A generous bound on how long a stopped call may take.
    static let bound = tightLimits.seconds + 2

    func testLoopInFileTopLevel() throws {
        let outcome = SandboxSupport.runBounded(limits: Self.tightLimits, seconds: Self.bound) { vm in
            try LuaTestSupport.configure(vm, files: [("rules/loop.lua", "while true do end")])["files"][1]
        }
        XCTAssertTrue(outcome.finished, "expected configure to stop the loop within \(Self.bound) s")
        XCTAssertEqual(outcome.value?["error"]["kind"], .string("instructions"), "expected an instruction limit error, got \(String(describing: outcome))")
        XCTAssertEqual(outcome.value?["error"]["file"], .string("rules/loop.lua"), "expected the error to name the file")
    }

    /// Hostile bodies of `when`, with the failure kinds each may end with.
    static let hostileCases: [(name: String, body: String, kinds: Set<String>)] = [
        ("loop", "while true do end", ["instructions"]),
        ("loop swallowed by pcall", "while true do pcall(function() while true do end end) end", ["instructions"]),
        ("single pcall then return", "pcall(function() while true do end end); return true", ["instructions"]),
        ("loop in coroutine.wrap", "coroutine.wrap(function() while true do end end)(); return true", ["instructions"]),
        ("loop in coroutine.resume", "coroutine.resume(coroutine.create(function() while true do end end)); return true", ["instructions"]),
        ("resume in a loop", "while true do coroutine.resume(coroutine.create(function() while true do end end)) end", ["instructions"]),
        ("xpcall after limit", "xpcall(function() while true do end end, function(m) return m end); return true", ["instructions"]),
        ("xpcall looping handler", "xpcall(error, function() while true do end end); return true", ["instructions"]),
        ("xpcall looping body and handler", "xpcall(function() while true do end end, function() while true do end end); return true", ["instructions"]),
        ("string doubling", "local s = 'x'; while true do s = s .. s end", ["memory"]),
        ("table filling", "local t = {}; for i = 1, math.maxinteger do t[i] = 'item ' .. i end", ["memory"]),
        ("error with table value", "error({ code = 42 })", ["error"]),
        ("throwing __index result", "return setmetatable({}, { __index = function() error('boom') end })", ["error"]),
        ("looping __index result", "return setmetatable({}, { __index = function() while true do end end })", ["error"]),
        ("looping __eq result", "return setmetatable({}, { __eq = function() while true do end end })", ["error"]),
    ]

    func testHostileWhenStopped() {
        for testCase in Self.hostileCases {
            let outcome = SandboxSupport.evaluateBounded(when: testCase.body, limits: Self.tightLimits, seconds: Self.bound)
            XCTAssertTrue(outcome.finished, "\(testCase.name): expected the rule to stop within \(Self.bound) s")
            guard let result = outcome.value else {
                if outcome.finished { XCTFail("\(testCase.name): expected a rule result, got host error \(outcome.error ?? "none")") }
                continue
            }
            XCTAssertEqual(result["status"], .string("error"), "\(testCase.name): expected status error, got \(result)")
            let kind = result["error"]["kind"].stringValue ?? "none"
            XCTAssertTrue(testCase.kinds.contains(kind), "\(testCase.name): expected kind \(testCase.kinds.sorted()), got \(result)")
        }
    }

    func testErrorTableValueMessage() {
        let outcome = SandboxSupport.evaluateBounded(when: "error({ code = 42 })", limits: Self.tightLimits, seconds: Self.bound)
        let message = outcome.value?["error"]["message"].stringValue ?? ""
        XCTAssertTrue(message.contains("table"), "expected the message to say the error value is a table, got \(message.debugDescription)")
    }

    func testNonBooleanWhenMessage() {
        let outcome = SandboxSupport.evaluateBounded(when: "return setmetatable({}, { __index = function() error('boom') end })",
                                                     limits: Self.tightLimits, seconds: Self.bound)
        let message = outcome.value?["error"]["message"].stringValue ?? ""
        XCTAssertTrue(message.contains("when() must return true or false"), "expected a message about when()'s result, got \(message.debugDescription)")
    }

    func testMemoryBombThenNextRule() throws {
        let limits = LuaLimits(memoryBytes: 64 * 1024 * 1024, callMemoryBytes: 8 * 1024 * 1024, instructions: 50_000_000, seconds: 2)
        let bombs = [
            ("string doubling", "local s = 'x'; while true do s = s .. s end"),
            ("table filling", "local t = {}; for i = 1, math.maxinteger do t[i] = 'item ' .. i end"),
        ]
        for (name, body) in bombs {
            let outcome = SandboxSupport.runBounded(limits: limits, seconds: limits.seconds + 2) { vm in
                let source = SandboxSupport.rule(id: "bomb", when: body) + "\n"
                    + SandboxSupport.rule(id: "after", when: "local t = {}; for i = 1, 1000 do t[i] = i end; return #t == 1000")
                _ = try LuaTestSupport.configure(vm, files: [("rules/bomb.lua", source)])
                let first = try LuaTestSupport.evaluate(vm, count: 2)
                let second = try LuaTestSupport.evaluate(vm, count: 2)
                return .array(first + second)
            }
            XCTAssertTrue(outcome.finished, "\(name): expected the bomb to stop within \(limits.seconds + 2) s")
            let results = outcome.value?.arrayValue ?? []
            XCTAssertEqual(results.count, 4, "\(name): expected two evaluations of two rules, got \(String(describing: outcome))")
            guard results.count == 4 else { continue }
            XCTAssertEqual(results[0]["error"]["kind"], .string("memory"), "\(name): expected a memory error, got \(results[0])")
            XCTAssertEqual(results[1]["status"], .string("fired"), "\(name): expected the next rule to run normally, got \(results[1])")
            XCTAssertEqual(results[2]["error"]["kind"], .string("memory"), "\(name): expected the memory error again, got \(results[2])")
            XCTAssertEqual(results[3]["status"], .string("fired"), "\(name): expected the next rule in the next evaluation to run normally, got \(results[3])")
        }
    }

    func testDeepRecursionStopped() {
        let body = "local function dive(n) return 1 + dive(n + 1) end; return dive(1) > 0"
        let outcome = SandboxSupport.evaluateBounded(when: body, limits: Self.tightLimits, seconds: Self.bound)
        XCTAssertTrue(outcome.finished, "expected deep recursion to stop within \(Self.bound) s")
        let result = outcome.value ?? .nil
        XCTAssertEqual(result["status"], .string("error"), "expected status error, got \(result)")
        let message = result["error"]["message"].stringValue ?? ""
        XCTAssertTrue(message.contains("stack overflow") || message.contains("memory"),
                      "expected a stack overflow or memory message, got \(message.debugDescription)")
    }

    /// Table functions that would loop in C over a huge range: rejected at once, with the function named.
    static let hugeTableSpanCases: [(name: String, body: String)] = [
        ("table.move", "table.move({}, 1, 2^40, 1); return true"),
        ("table.move integer", "table.move({}, 1, 1 << 40, 2); return true"),
        ("table.insert with __len", "table.insert(setmetatable({}, { __len = function() return 1 << 40 end }), 1, 'x'); return true"),
        ("table.remove with __len", "table.remove(setmetatable({}, { __len = function() return 1 << 40 end }), 1); return true"),
    ]

    func testHugeTableSpansRejected() {
        for testCase in Self.hugeTableSpanCases {
            let outcome = SandboxSupport.evaluateBounded(when: testCase.body, limits: Self.tightLimits, seconds: Self.bound)
            XCTAssertTrue(outcome.finished, "\(testCase.name): expected the call to return within \(Self.bound) s")
            XCTAssertEqual(outcome.value?["status"], .string("error"), "\(testCase.name): expected an error, got \(String(describing: outcome))")
            let message = outcome.value?["error"]["message"].stringValue ?? ""
            XCTAssertTrue(message.contains("too long"), "\(testCase.name): expected the range to be named, got \(message)")
        }
    }

    func testTableFunctionsStillWork() {
        let body = """
            local t = { 1, 2, 3 }
            table.insert(t, 4); table.insert(t, 1, 0); local removed = table.remove(t, 1); table.remove(t)
            local moved = table.move(t, 1, 3, 2, {})
            return removed == 0 and #t == 3 and t[3] == 3 and moved[4] == 3 and table.concat(t, ",") == "1,2,3"
            """
        let outcome = SandboxSupport.evaluateBounded(when: body, limits: Self.tightLimits, seconds: Self.bound)
        XCTAssertEqual(outcome.value?["status"], .string("fired"), "expected the table calls to work, got \(String(describing: outcome))")
    }

    /// Huge repetition counts: the call must return quickly, and with a non-empty string it must fail.
    static let hugeRepCases: [(name: String, expression: String, mustFail: Bool)] = [
        ("integer count", "string.rep('x', 1 << 40)", true),
        ("float count", "string.rep('x', 2^40)", true),
        ("with separator", "string.rep('x', 1 << 40, ',')", true),
        ("method call", "('x'):rep(1 << 40)", true),
        ("empty string integer count", "string.rep('', 1 << 62)", false),
        ("empty string float count", "string.rep('', 2^62)", false),
        ("empty string method call", "(''):rep(1 << 62)", false),
        ("empty string empty separator", "string.rep('', 1 << 62, '')", false),
    ]

    func testHugeStringRepStopped() {
        for testCase in Self.hugeRepCases {
            let body = "local s = \(testCase.expression); return #s >= 0"
            let outcome = SandboxSupport.evaluateBounded(when: body, limits: Self.tightLimits, seconds: Self.bound)
            XCTAssertTrue(outcome.finished, "\(testCase.name): expected \(testCase.expression) to return within \(Self.bound) s")
            if testCase.mustFail {
                XCTAssertEqual(outcome.value?["status"], .string("error"), "\(testCase.name): expected an error, got \(String(describing: outcome))")
            }
        }
    }

    // MARK: - Error reports

    func testLongErrorMessageTruncated() {
        let outcome = SandboxSupport.evaluateBounded(when: "error(string.rep('a', 5000))", limits: Self.tightLimits, seconds: Self.bound)
        let message = outcome.value?["error"]["message"].stringValue ?? ""
        XCTAssertLessThanOrEqual(message.utf8.count, 1040, "expected the message cut near 1000 bytes, got \(message.utf8.count) bytes")
        XCTAssertTrue(message.hasSuffix("(message truncated)"), "expected a truncation marker, got \(message.suffix(40).debugDescription)")
    }

    func testErrorLocationInRuleFile() throws {
        // Line numbers matter here: error() is on line 4 and the call to score() on line 8.
        let source = """
        local function helper()
          return 1
        end
        local function fail() error("boom") end
        rule { id = "direct", title = "t", dimensions = { "lifecycle.journey" }, toward = "adopting",
               initiative = { id = "i" }, when = function() fail() end }
        rule { id = "api", title = "t", dimensions = { "lifecycle.journey" }, toward = "adopting",
               initiative = { id = "i" }, when = function() return score("nope") ~= nil end }
        """
        let vm = try LuaVM()
        _ = try LuaTestSupport.configure(vm, files: [("rules/where.lua", source)])
        let results = try LuaTestSupport.evaluate(vm, count: 2)

        XCTAssertEqual(results[0]["error"]["file"], .string("rules/where.lua"), "expected the rule file, got \(results[0])")
        XCTAssertEqual(results[0]["error"]["line"], .integer(4), "expected the line of error(), got \(results[0])")
        XCTAssertEqual(results[1]["error"]["file"], .string("rules/where.lua"), "expected the rule file, got \(results[1])")
        XCTAssertEqual(results[1]["error"]["line"], .integer(8), "expected the line that called score(), got \(results[1])")
    }

    func testLoadErrorLocationInRuleFile() throws {
        let source = "local x = 1\n\nlocal y = nil + x\n"
        let vm = try LuaVM()
        let configured = try LuaTestSupport.configure(vm, files: [("rules/broken.lua", source)])
        let error = configured["files"][1]["error"]
        XCTAssertEqual(error["kind"], .string("error"), "expected a runtime error, got \(error)")
        XCTAssertEqual(error["file"], .string("rules/broken.lua"), "expected the rule file, got \(error)")
        XCTAssertEqual(error["line"], .integer(3), "expected line 3, got \(error)")
    }
}

/// Helpers for running rule code, including code that may hang, on a worker thread.
enum SandboxSupport {
    /// Builds a rule declaration whose `when` runs `body`.
    static func rule(id: String, when body: String) -> String {
        """
        rule { id = "\(id)", title = "t", dimensions = { "lifecycle.journey" }, toward = "adopting", initiative = { id = "i" },
               when = function() \(body)
               end }
        """
    }

    struct Outcome: CustomStringConvertible {
        var finished: Bool
        var value: LuaValue?
        var error: String?

        var description: String {
            "finished: \(finished), value: \(value.map { "\($0)" } ?? "none"), error: \(error ?? "none")"
        }
    }

    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var value: LuaValue?
        var error: String?
    }

    /// Runs `work` with a fresh VM on a thread with an 8 MiB stack and waits at most `seconds`.
    /// A call that does not return in time is left running and reported as not finished.
    static func runBounded(limits: LuaLimits, seconds: Double,
                           _ work: @escaping @Sendable (LuaVM) throws -> LuaValue) -> Outcome {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                let vm = try LuaVM(limits: limits)
                let value = try work(vm)
                box.lock.withLock { box.value = value }
            } catch {
                box.lock.withLock { box.error = "\(error)" }
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let finished = done.wait(timeout: .now() + seconds) == .success
        return box.lock.withLock { Outcome(finished: finished, value: box.value, error: box.error) }
    }

    /// Evaluates one rule whose `when` runs `body` and returns its result.
    static func evaluateBounded(when body: String, limits: LuaLimits, seconds: Double) -> Outcome {
        runBounded(limits: limits, seconds: seconds) { vm in
            _ = try LuaTestSupport.configure(vm, files: [("rules/hostile.lua", rule(id: "hostile", when: body))])
            return try LuaTestSupport.evaluate(vm, count: 1).first ?? .nil
        }
    }

    /// Runs `work` with file descriptor 1 sent to a temporary file and returns what was written there.
    static func capturingStandardOutput(_ work: () throws -> Void) throws -> String {
        let path = NSTemporaryDirectory() + "csm-stdout-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let capture = open(path, O_WRONLY)
        guard capture >= 0 else { throw CocoaError(.fileWriteUnknown) }
        fflush(nil)
        let saved = dup(1)
        dup2(capture, 1)
        close(capture)
        defer {
            fflush(nil)
            dup2(saved, 1)
            close(saved)
        }
        try work()
        fflush(nil)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// A file that keeps no state is reset by restoring its globals instead of running again;
/// every other kind of state must still be gone at the next assessment.
final class StateResetTests: XCTestCase {
    /// Evaluates rule `r.count` three times on one VM and returns what its reason reported each time.
    private func reasons(_ body: String) throws -> [String] {
        let vm = try LuaVM()
        let source = """
        \(body)
        rule { id = "r.count", title = "t", dimensions = { "lifecycle.journey" }, toward = "adopting",
               initiative = { id = "count" },
               when = function() return true end,
               reason = function() return tostring(bump()) end }
        """
        _ = try LuaTestSupport.configure(vm, files: [("rules/count.lua", source)])
        return try (1...3).map { _ in try LuaTestSupport.evaluate(vm, count: 1).first?["reason"].stringValue ?? "?" }
    }

    func testUpvalueTableDoesNotCarryOver() throws {
        XCTAssertEqual(try reasons("local seen = {}\nlocal function bump() seen[#seen + 1] = true; return #seen end"), ["1", "1", "1"])
    }

    func testUpvalueNumberDoesNotCarryOver() throws {
        XCTAssertEqual(try reasons("local n = 0\nlocal function bump() n = n + 1; return n end"), ["1", "1", "1"])
    }

    func testGlobalCounterDoesNotCarryOver() throws {
        XCTAssertEqual(try reasons("counter = 0\nfunction bump() counter = counter + 1; return counter end"), ["1", "1", "1"])
    }

    func testGlobalTableDoesNotCarryOver() throws {
        XCTAssertEqual(try reasons("seen = {}\nfunction bump() seen[#seen + 1] = 1; return #seen end"), ["1", "1", "1"])
    }

    func testGlobalHelperSurvivesReset() throws {
        XCTAssertEqual(try reasons("function helper() return 7 end\nfunction bump() return helper() end"), ["7", "7", "7"])
    }

    func testGlobalSetInRuleIsGone() throws {
        XCTAssertEqual(try reasons("function bump() late = (late or 0) + 1; return late end"), ["1", "1", "1"])
    }

    func testReassignedFunctionUpvalueIsRestored() throws {
        let body = "local step = function() return 1 end\n"
            + "local function bump() local r = step(); step = function() return r + 1 end; return r end"
        XCTAssertEqual(try reasons(body), ["1", "1", "1"])
    }

    func testLibraryTablesStayReadOnly() throws {
        XCTAssertEqual(try reasons("function bump() return (pcall(function() string.tag = 1 end)) end"), ["false", "false", "false"])
    }

    func testReplacedEnvironmentDoesNotCarryOver() throws {
        let body = "local function bump() local n = (rawget(_ENV, 'n') or 0) + 1; _ENV = setmetatable({ n = n }, { __index = _ENV }); return n end"
        XCTAssertEqual(try reasons(body), ["1", "1", "1"])
    }
}
