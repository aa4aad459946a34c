import XCTest
@testable import CSMLua

final class SmokeTests: XCTestCase {
    func testConfigureAndEvaluate() throws {
        let vm = try LuaVM()
        let source = """
        local D = "lifecycle.journey"
        rule { id = "journey.map", title = "t", dimensions = { D }, toward = "adopting",
               initiative = { id = "map" },
               when = function() return needs(D, "adopting") end,
               reason = function() return ("score %.1f"):format(score(D)) end }
        """
        let configured = try LuaTestSupport.configure(vm, files: [("rules/a.lua", source)])
        print(configured)
        let results = try LuaTestSupport.evaluate(vm, count: 1, trace: true)
        print(results)
        XCTAssertEqual(results.first?["status"], .string("fired"))
    }
}
