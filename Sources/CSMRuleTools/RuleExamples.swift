import CSMJSON
import CSMLua
import CSMModel
import CSMRules
import CSMSystem

/// One example a rule carries: an assessment fragment that must make it fire
/// (`fires`) or must not (`quiet`).
public struct RuleExample: Sendable {
    public enum Expectation: String, Sendable {
        case fires, quiet
    }

    public let rule: RuleDefinition
    public let expectation: Expectation
    /// 1-based position in its list.
    public let index: Int
    public let fragment: LuaValue

    /// "fires[1]" or "quiet[2]".
    public var label: String { "\(expectation.rawValue)[\(index)]" }

    /// "rule 'x' example fires[1]".
    public var subject: String { "rule '\(rule.id)' example \(label)" }
}

/// An example turned into something the engine can evaluate.
struct PreparedExample {
    let example: RuleExample
    let assessment: Assessment
    let parameters: [(name: String, value: ParameterValue)]
    let expectedFactor: Double?
}

/// Reads examples from rule declarations and turns fragments into assessments.
enum ExampleReader {
    static let fragmentKeys = ["scores", "targets", "target", "facts", "respondents", "params", "organization",
                               "assessed_on", "factor"]

    /// The rule's examples, and problems with the shape of its `examples` table.
    static func examples(of rule: RuleDefinition) -> ([RuleExample], [Diagnostic]) {
        var examples: [RuleExample] = []
        var problems: [Diagnostic] = []
        let table = rule.examples
        if table.isNil { return ([], []) }
        for entry in table.sortedEntries {
            guard let key = entry.key.stringValue, let expectation = RuleExample.Expectation(rawValue: key) else {
                let name = entry.key.stringValue ?? entry.key.typeName
                problems.append(problem(rule, "examples", "unknown key '\(name)'\(Suggestions.hint(for: name, in: ["fires", "quiet"])); examples have 'fires' and 'quiet' lists"))
                continue
            }
            guard let fragments = entry.value.arrayValue else {
                problems.append(problem(rule, "examples.\(key)", "must be a list of fragments: \(key) = { { scores = { ... } } }"))
                continue
            }
            for (offset, fragment) in fragments.enumerated() {
                let example = RuleExample(rule: rule, expectation: expectation, index: offset + 1, fragment: fragment)
                guard fragment.isTable else {
                    problems.append(problem(rule, "example \(example.label)", "must be a table such as { scores = { ... } }, got \(fragment.typeName)"))
                    continue
                }
                examples.append(example)
            }
        }
        return (examples, problems)
    }

    static func problem(_ rule: RuleDefinition, _ what: String, _ message: String) -> Diagnostic {
        Diagnostic(file: rule.location.file, line: rule.location.line, subject: "rule '\(rule.id)' \(what)", message: message)
    }

    /// Builds the assessment, parameters and expected factor of an example.
    static func prepare(_ example: RuleExample, model: MaturityModel, pack: LoadedPack?) -> Result<PreparedExample, CSMError> {
        let rule = example.rule
        let fragment = example.fragment
        var problems: [Diagnostic] = []
        func report(_ message: String) {
            problems.append(problem(rule, "example \(example.label)", message))
        }

        for entry in fragment.sortedEntries {
            let key = entry.key.stringValue ?? entry.key.typeName
            if !fragmentKeys.contains(key) {
                report("unknown key '\(key)'\(Suggestions.hint(for: key, in: fragmentKeys)); fragments use \(fragmentKeys.joined(separator: ", "))")
            }
        }

        var dimensions: [String: [(String, JSON)]] = [:]
        for (key, field) in [("scores", "score"), ("targets", "target")] {
            let value = fragment[key]
            if value.isNil { continue }
            guard case .map = value else {
                if value.arrayValue?.isEmpty == true { continue }
                report("'\(key)' must map dimension ids to scores: \(key) = { [\"customer_lifecycle.codified_journey\"] = 1.5 }")
                continue
            }
            for entry in value.sortedEntries {
                guard let id = entry.key.stringValue else {
                    report("'\(key)' has a key that is not a dimension id")
                    continue
                }
                dimensions[id, default: []].append((field, json(entry.value)))
            }
        }

        var root: [(String, JSON)] = [("schema", .string(AssessmentParser.schemaID))]
        var organization: [(String, JSON)] = [("name", .string("Example company"))]
        if case let .object(fields) = json(fragment["organization"]) { organization = fields }
        root.append(("organization", .object(organization)))
        root.append(("assessed_on", fragment["assessed_on"].stringValue.map(JSON.string) ?? .string("2026-01-01")))
        if !fragment["target"].isNil { root.append(("target", json(fragment["target"]))) }
        if !fragment["facts"].isNil { root.append(("facts", objectJSON(fragment["facts"]))) }
        let ordered = dimensions.keys.sorted { model.order(of: $0) != model.order(of: $1) ? model.order(of: $0) < model.order(of: $1) : $0 < $1 }
        root.append(("dimensions", .object(ordered.map { ($0, .object(dimensions[$0]!)) })))
        if !fragment["respondents"].isNil { root.append(("respondents", json(fragment["respondents"]))) }

        var expectedFactor: Double?
        let factor = fragment["factor"]
        if !factor.isNil {
            if example.expectation == .quiet { report("'factor' only makes sense in a fires example") }
            else if let value = factor.doubleValue { expectedFactor = value }
            else { report("'factor' must be a number, got \(factor.typeName)") }
        }

        var parameters: [(name: String, value: ParameterValue)] = []
        let params = fragment["params"]
        if !params.isNil {
            for entry in params.sortedEntries {
                guard let name = entry.key.stringValue else { continue }
                guard let definition = pack?.manifest.parameter(name) else {
                    let names = pack?.manifest.parameters.map(\.name) ?? []
                    report("unknown parameter '\(name)'\(Suggestions.hint(for: name, in: names)); pack parameters: \(names.isEmpty ? "none" : names.joined(separator: ", "))")
                    continue
                }
                guard let value = parameterValue(entry.value, as: definition.type) else {
                    let got = entry.value.doubleValue.map { "the number \(Formatting.compact($0))" } ?? entry.value.typeName
                    report("parameter '\(name)' must be of type \(definition.type.rawValue), got \(got)")
                    continue
                }
                if let problem = definition.problem(with: value) {
                    report("parameter '\(name)': \(problem)")
                    continue
                }
                parameters.append((name: name, value: value))
            }
        }
        guard problems.isEmpty else { return .failure(CSMError(.input, problems)) }

        let text = JSONWriter.write(.object(root), pretty: false)
        do {
            let assessment = try AssessmentParser.parse(bytes: Array(text.utf8), source: "example", model: model, requireScore: false)
            return .success(PreparedExample(example: example, assessment: assessment, parameters: parameters,
                                            expectedFactor: expectedFactor))
        } catch {
            let translated = error.diagnostics.map { diagnostic in
                var message = diagnostic.message
                if let subject = diagnostic.subject { message = subject + ": " + message }
                return problem(rule, "example \(example.label)", message)
            }
            return .failure(CSMError(.input, translated))
        }
    }

    static func parameterValue(_ value: LuaValue, as type: ParameterType) -> ParameterValue? {
        switch (type, value) {
        case (.number, .integer), (.number, .number): return .number(value.doubleValue!)
        case let (.integer, .integer(number)): return .integer(number)
        case let (.integer, .number(number)) where number == number.rounded() && abs(number) < 9.0e15:
            return .integer(Int64(number))
        case let (.string, .string(text)): return .string(text)
        case let (.boolean, .bool(flag)): return .boolean(flag)
        default: return nil
        }
    }

    static func objectJSON(_ value: LuaValue) -> JSON {
        if value.arrayValue?.isEmpty == true { return .object([]) }
        return json(value)
    }

    /// Converts a Lua value to JSON; tables with keys 1..n become arrays, other tables objects.
    static func json(_ value: LuaValue) -> JSON {
        switch value {
        case .nil: return .null
        case let .bool(flag): return .bool(flag)
        case let .integer(number): return .int(number)
        case let .number(number): return number.isFinite ? .double(number) : .null
        case let .string(text): return .string(text)
        case .bytes: return .string("(invalid UTF-8)")
        case let .array(items): return .array(items.map(json))
        case .map:
            return .object(value.sortedEntries.map { (($0.key.stringValue ?? $0.key.traceDescription), json($0.value)) })
        case .function: return .string("(function)")
        case let .other(name): return .string("(\(name))")
        }
    }
}

extension LuaValue {
    var traceDescription: String {
        switch self {
        case let .integer(number): return String(number)
        case let .number(number): return String(number)
        default: return typeName
        }
    }
}
