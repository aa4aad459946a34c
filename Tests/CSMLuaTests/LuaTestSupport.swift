import CSMLua

/// Builds driver requests for a two-dimension model, so sandbox tests stay short.
enum LuaTestSupport {
    static let model: LuaValue = .object([
        ("dimensions", .array([
            .object([("id", .string("lifecycle.journey")), ("short", .string("journey")), ("competency", .string("lifecycle"))]),
            .object([("id", .string("lifecycle.culture")), ("short", .string("culture")), ("competency", .string("lifecycle"))]),
        ])),
        ("competencies", .array([.object([("id", .string("lifecycle"))])])),
        ("levels", .array([
            .object([("id", .string("reactive")), ("threshold", .integer(0))]),
            .object([("id", .string("adopting")), ("threshold", .integer(1))]),
            .object([("id", .string("performing")), ("threshold", .integer(2))]),
            .object([("id", .string("optimizing")), ("threshold", .integer(3))]),
        ])),
        ("facts", .strings(["grr", "nrr"])),
    ])

    /// Configures `vm` with one pack made of `files` (path, source) and returns the driver's answer.
    static func configure(_ vm: LuaVM, files: [(String, String)], params: [(String, LuaValue)] = []) throws -> LuaValue {
        let pack: LuaValue = .object([
            ("name", .string("test")),
            ("params", .object(params)),
            ("files", .array(files.map { .object([("path", .string($0.0)), ("source", .string($0.1))]) })),
        ])
        return try vm.call("configure", .object([("model", model), ("packs", .array([pack]))]))
    }

    static func dimension(_ id: String, score: Double?, target: Double = 2) -> (String, LuaValue) {
        var fields: [(String, LuaValue)] = [("id", .string(id)), ("competency", .string("lifecycle")), ("target", .number(target)),
                                            ("target_level", .string(levelName(target))), ("assessed", .bool(score != nil))]
        if let score {
            fields += [("score", .number(score)), ("level", .string(levelName(score))), ("gap", .number(max(0, target - score)))]
        }
        return (id, .object(fields))
    }

    static func levelName(_ score: Double) -> String {
        score >= 3 ? "optimizing" : score >= 2 ? "performing" : score >= 1 ? "adopting" : "reactive"
    }

    static func view(journey: Double? = 0.5, culture: Double? = 1.5, facts: [(String, LuaValue)] = []) -> LuaValue {
        .object([
            ("dimensions", .object([dimension("lifecycle.journey", score: journey), dimension("lifecycle.culture", score: culture)])),
            ("competencies", .object([("lifecycle", .object([("id", .string("lifecycle")), ("score", .number(1.0)), ("level", .string("adopting"))]))])),
            ("overall", .object([("score", .number(1.0)), ("level", .string("adopting"))])),
            ("facts", .object(facts)),
            ("organization", .object([("name", .string("Test Co"))])),
            ("assessed_on", .string("2026-10-15")),
            ("assessed_at", .integer(1_792_022_400)),
        ])
    }

    /// Evaluates every declared rule against `view` and returns the results array.
    static func evaluate(_ vm: LuaVM, count: Int, view: LuaValue = view(), trace: Bool = false) throws -> [LuaValue] {
        let request: LuaValue = .object([
            ("view", view),
            ("rules", .array((1...count).map { .integer(Int64($0)) })),
            ("trace", .bool(trace)),
        ])
        return try vm.call("evaluate", request)["results"].arrayValue ?? []
    }
}
