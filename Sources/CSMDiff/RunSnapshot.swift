import CSMJSON
import CSMSystem

/// What a diff needs from a run record ("csm.run/v1"), read back from its JSON.
///
/// Fresh runs are compared through the same path: their record is written to
/// JSON and read back, so a record from disk and a new run can never disagree
/// on what a field means.
public struct RunSnapshot: Sendable {
    public struct Provenance: Equatable, Sendable {
        public var engineVersion: String
        public var modelID: String
        public var modelVersion: String
        public var modelHash: String
        public var assessmentHash: String
        public var assessmentSource: String
        public var packs: [Pack]
    }

    public struct Pack: Equatable, Sendable {
        public var name: String
        public var version: String
        public var hash: String
    }

    public struct Score: Equatable, Sendable {
        public var id: String
        public var name: String
        public var score: Double?
        public var level: String?
        public var target: Double?
        public var gap: Double?
    }

    public struct Initiative: Equatable, Sendable {
        public var id: String
        public var rank: Int
        public var priority: Double
        public var title: String
        public var summary: String
        public var actions: [String]
        public var dimensions: [String]
        public var toward: String
        public var effort: String
        public var impact: String
        public var phase: String?
        /// Rule ids that proposed it, with their reason texts, sorted by rule id.
        public var reasons: [(rule: String, text: String)]

        public static func == (lhs: Initiative, rhs: Initiative) -> Bool {
            lhs.id == rhs.id && lhs.rank == rhs.rank && lhs.priority == rhs.priority && lhs.title == rhs.title
                && lhs.summary == rhs.summary && lhs.actions == rhs.actions && lhs.dimensions == rhs.dimensions
                && lhs.toward == rhs.toward && lhs.effort == rhs.effort && lhs.impact == rhs.impact && lhs.phase == rhs.phase
                && lhs.reasons.map(\.rule) == rhs.reasons.map(\.rule) && lhs.reasons.map(\.text) == rhs.reasons.map(\.text)
        }
    }

    /// Where the record came from: a file path, or "(run of PATH)".
    public var label: String
    public var schema: String
    public var organization: String
    public var assessedOn: String
    public var provenance: Provenance
    public var overall: Score
    public var competencies: [Score]
    public var dimensions: [Score]
    public var initiatives: [Initiative]

    public func initiative(_ id: String) -> Initiative? {
        initiatives.first { $0.id == id }
    }

    /// Reads a run record; every problem names the file and the field.
    public static func read(bytes: [UInt8], label: String) throws(CSMError) -> RunSnapshot {
        let root = JSONField(node: try parseJSONDocument(bytes, file: label), file: label)
        let problems = ProblemList()
        let snapshot = read(root, label: label, problems)
        try problems.throwIfAny()
        guard let snapshot else { throw CSMError(.input, Diagnostic(file: label, message: "invalid run record")) }
        return snapshot
    }

    private static func read(_ root: JSONField, label: String, _ problems: ProblemList) -> RunSnapshot? {
        guard let object = root.object(problems) else { return nil }
        guard let schemaField = object.required("schema", problems), let schema = schemaField.string(problems) else { return nil }
        guard schema.hasPrefix("csm.run/") else {
            problems.add(schemaField.problem("this is not a run record (schema '\(schema)'); csm diff compares run records from 'csm run --format json', or assessments"))
            return nil
        }
        guard schema == "csm.run/v1" else {
            problems.add(schemaField.problem("unsupported run record schema '\(schema)'; this csm reads csm.run/v1"))
            return nil
        }
        let engine = object.required("engine", problems)?.object(problems)
        let model = object.required("model", problems)?.object(problems)
        let assessment = object.required("assessment", problems)?.object(problems)
        let packs = (object.required("rule_packs", problems)?.array(problems) ?? []).compactMap { field -> Pack? in
            guard let pack = field.object(problems) else { return nil }
            return Pack(name: string(pack, "name", problems), version: string(pack, "version", problems),
                        hash: string(pack, "sha256", problems))
        }
        let organization = assessment?.required("organization", problems)?.object(problems)
        let provenance = Provenance(
            engineVersion: engine.map { string($0, "version", problems) } ?? "",
            modelID: model.map { string($0, "id", problems) } ?? "",
            modelVersion: model.map { string($0, "version", problems) } ?? "",
            modelHash: model.map { string($0, "sha256", problems) } ?? "",
            assessmentHash: assessment.map { string($0, "sha256", problems) } ?? "",
            assessmentSource: assessment.map { string($0, "source", problems) } ?? "",
            packs: packs)

        var overall = Score(id: "overall", name: "Overall", score: nil, level: nil, target: nil, gap: nil)
        if let summary = object.required("summary", problems)?.object(problems),
           let field = summary.required("overall", problems), let score = readScore(field, id: "overall", name: "Overall", problems) {
            overall = score
        }
        let competencies = (object.required("competencies", problems)?.array(problems) ?? []).compactMap { readScore($0, problems) }
        let dimensions = (object.required("dimensions", problems)?.array(problems) ?? []).compactMap { readScore($0, problems) }
        let initiatives = (object.required("initiatives", problems)?.array(problems) ?? []).compactMap { readInitiative($0, problems) }
        guard problems.isEmpty else { return nil }
        return RunSnapshot(label: label, schema: schema, organization: organization.map { string($0, "name", problems) } ?? "",
                           assessedOn: assessment.map { string($0, "assessed_on", problems) } ?? "",
                           provenance: provenance, overall: overall, competencies: competencies, dimensions: dimensions,
                           initiatives: initiatives)
    }

    private static func string(_ object: JSONObjectReader, _ key: String, _ problems: ProblemList) -> String {
        object.required(key, problems)?.string(problems) ?? ""
    }

    private static func optionalNumber(_ object: JSONObjectReader, _ key: String, _ problems: ProblemList) -> Double? {
        guard let field = object.optional(key) else {
            problems.add(object.field.problem("missing required key '\(key)'"))
            return nil
        }
        return field.isNull ? nil : field.number(problems)
    }

    private static func readScore(_ field: JSONField, id: String? = nil, name: String? = nil, _ problems: ProblemList) -> Score? {
        guard let object = field.object(problems) else { return nil }
        let level = object.value("level")?.string(problems)
        return Score(id: id ?? string(object, "id", problems), name: name ?? (object.value("label") ?? object.value("name"))?.string(problems) ?? "",
                     score: optionalNumber(object, "score", problems), level: level,
                     target: optionalNumber(object, "target", problems), gap: optionalNumber(object, "gap", problems))
    }

    private static func readInitiative(_ field: JSONField, _ problems: ProblemList) -> Initiative? {
        guard let object = field.object(problems) else { return nil }
        let strings = { (key: String) -> [String] in
            (object.required(key, problems)?.array(problems) ?? []).compactMap { $0.string(problems) }
        }
        let reasons = (object.required("reasons", problems)?.array(problems) ?? []).compactMap { item -> (rule: String, text: String)? in
            guard let reason = item.object(problems) else { return nil }
            return (rule: string(reason, "rule", problems), text: string(reason, "text", problems))
        }.sorted { $0.rule < $1.rule }
        return Initiative(
            id: string(object, "id", problems),
            rank: Int(object.required("rank", problems)?.number(problems) ?? 0),
            priority: object.required("priority", problems)?.number(problems) ?? 0,
            title: string(object, "title", problems),
            summary: string(object, "summary", problems),
            actions: strings("actions"),
            dimensions: strings("dimensions"),
            toward: string(object, "toward", problems),
            effort: string(object, "effort", problems),
            impact: string(object, "impact", problems),
            phase: object.value("phase")?.string(problems),
            reasons: reasons)
    }
}
