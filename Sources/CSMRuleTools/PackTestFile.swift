import CSMJSON
import CSMModel
import CSMRules
import CSMSystem

/// A rule pack test (`tests/*.json`, "csm.rule-test/v1"): a fixture assessment
/// and the initiatives expected present, absent or ranked above one another.
///
/// ```json
/// {
///   "schema": "csm.rule-test/v1",
///   "description": "A firefighting start-up gets the basics first",
///   "assessment": "fixtures/startup.json",
///   "set": { "core.grr_floor": 0.9 },
///   "expect": {
///     "present": ["health-score-v1"],
///     "absent": ["paid-package-pilot"],
///     "ranked_above": [["health-score-v1", "predictive-risk-models"]],
///     "fired": ["proactive_engagement.health-score-v1"],
///     "not_fired": ["customer_paid_success.tiered-success-plans"]
///   }
/// }
/// ```
struct PackTestFile {
    static let schemaID = "csm.rule-test/v1"

    enum Expectation {
        case present(String)
        case absent(String)
        case rankedAbove(String, String)
        case fired(String)
        case notFired(String)
    }

    struct Check {
        let expectation: Expectation
        /// Where in the test file the expectation is written.
        let line: Int
        /// For example `expect.present[1]`.
        let path: String
    }

    let path: String
    let description: String
    let assessment: Assessment
    let settings: [ParameterSetting]
    let checks: [Check]

    static let keys = ["$schema", "schema", "description", "assessment", "set", "expect"]
    static let expectKeys = ["present", "absent", "ranked_above", "fired", "not_fired"]

    static func read(path: String, bytes: [UInt8], model: MaturityModel) throws(CSMError) -> PackTestFile {
        let root = JSONField(node: try parseJSONDocument(bytes, file: path), file: path)
        let problems = ProblemList()
        guard let object = root.object(problems) else { throw CSMError(.input, problems.diagnostics) }
        object.rejectUnknownKeys(keys, problems)
        _ = object.value("$schema")?.string(problems)
        if let field = object.required("schema", problems), let schema = field.string(problems), schema != schemaID {
            problems.add(field.problem("unsupported schema '\(schema)'; expected '\(schemaID)'"))
        }
        let description = object.value("description")?.string(problems) ?? FileSystem.baseName(of: path)

        var settings: [ParameterSetting] = []
        if let set = object.value("set")?.object(problems) {
            for member in set.members {
                let value: String
                switch member.field.node.value {
                case let .string(text): value = text
                case let .number(number): value = number.literal
                case let .bool(flag): value = flag ? "true" : "false"
                default:
                    problems.add(member.field.typeMismatch("a string, number or boolean"))
                    continue
                }
                do {
                    settings.append(try ParameterSetting.parse(member.key + "=" + value))
                } catch {
                    problems.add(member.field.problem("keys of \"set\" are PACK.PARAM, for example \"core.grr_floor\""))
                }
            }
        }

        var checks: [Check] = []
        if let expect = object.required("expect", problems)?.object(problems) {
            expect.rejectUnknownKeys(expectKeys, problems)
            for member in expect.members {
                guard let items = member.field.array(problems) else { continue }
                for item in items {
                    let line = item.node.position.line
                    let path = item.path.description
                    switch member.key {
                    case "ranked_above":
                        guard let pair = item.array(problems), pair.count == 2,
                              let higher = pair[0].string(problems), let lower = pair[1].string(problems) else {
                            problems.add(item.problem("expected a pair [\"higher-initiative\", \"lower-initiative\"]"))
                            continue
                        }
                        checks.append(Check(expectation: .rankedAbove(higher, lower), line: line, path: path))
                    default:
                        guard let id = item.string(problems) else { continue }
                        let expectation: Expectation
                        switch member.key {
                        case "present": expectation = .present(id)
                        case "absent": expectation = .absent(id)
                        case "fired": expectation = .fired(id)
                        default: expectation = .notFired(id)
                        }
                        checks.append(Check(expectation: expectation, line: line, path: path))
                    }
                }
            }
            if checks.isEmpty && problems.isEmpty { problems.add(expect.field.problem("no expectations; add \"present\", \"absent\", \"ranked_above\", \"fired\" or \"not_fired\"")) }
        }

        var assessment: Assessment?
        if let field = object.required("assessment", problems) {
            switch field.node.value {
            case let .string(relative):
                let fixture = FileSystem.normalize(relative.hasPrefix("/") ? relative : FileSystem.join(FileSystem.directoryName(of: path), relative))
                do {
                    assessment = try AssessmentParser.parse(path: fixture, model: model)
                } catch {
                    for diagnostic in error.diagnostics { problems.add(diagnostic) }
                }
            case .object:
                do {
                    assessment = try AssessmentParser.parse(field: field, hashing: bytes, model: model)
                } catch {
                    for diagnostic in error.diagnostics { problems.add(diagnostic) }
                }
            default:
                problems.add(field.typeMismatch("a path to an assessment file or an inline assessment object"))
            }
        }
        try problems.throwIfAny()
        guard let assessment else { throw CSMError(.input, Diagnostic(file: path, message: "invalid test file")) }
        return PackTestFile(path: path, description: description, assessment: assessment, settings: settings, checks: checks)
    }
}
