import CSMJSON
import CSMSystem

/// Reads an assessment file ("csm.assessment/v1") and validates it against the model.
///
/// Every problem is reported at once, each with the file, the line and column,
/// and the field path, for example
/// `acme.json:12:18: dimensions["operating_model.cs_role_structure"].score: 3.5 is out of range; a score runs from 0 to 3`.
public enum AssessmentParser {
    public static let schemaID = "csm.assessment/v1"
    /// Assessments may nest objects this deep; deeper input is rejected.
    public static let maximumDepth = 32

    public static func parse(path: String, model: MaturityModel) throws(CSMError) -> Assessment {
        let bytes = path == "-" ? try FileSystem.readStandardInput() : try FileSystem.readFile(path)
        return try parse(bytes: bytes, source: path, model: model)
    }

    /// - Parameter keepSource: false leaves out what only a run record needs, the
    ///   content and its SHA-256 (empty in the result), for a caller that only scores.
    public static func parse(bytes: [UInt8], source: String, model: MaturityModel,
                             requireScore: Bool = true, keepSource: Bool = true) throws(CSMError) -> Assessment {
        let root = try parseJSONDocument(bytes, file: source, maxDepth: maximumDepth)
        return try parse(field: JSONField(node: root, file: source), hashing: bytes, model: model,
                         requireScore: requireScore, keepSource: keepSource)
    }

    /// Reads an assessment held in a larger document, such as a rule pack test
    /// file; messages point at the positions and field paths of that document.
    ///
    /// - Parameter hashing: the bytes whose SHA-256 identifies the assessment.
    public static func parse(field: JSONField, hashing bytes: [UInt8], model: MaturityModel,
                             requireScore: Bool = true, keepSource: Bool = true) throws(CSMError) -> Assessment {
        let reader = Reader(model: model, problems: ProblemList(), requireScore: requireScore, keepSource: keepSource)
        let assessment = reader.read(field, bytes: bytes)
        try reader.problems.throwIfAny()
        guard let assessment else {
            throw CSMError(.input, Diagnostic(file: field.file, message: "invalid assessment"))
        }
        return assessment
    }

    private struct Reader {
        let model: MaturityModel
        let problems: ProblemList
        var requireScore = true
        var keepSource = true

        static let topLevelKeys = ["$schema", "schema", "organization", "assessed_on", "assessor", "target",
                                   "facts", "dimensions", "respondents", "notes"]

        func read(_ root: JSONField, bytes: [UInt8]) -> Assessment? {
            guard let object = root.object(problems) else { return nil }
            if let field = object.required("schema", problems), let schema = field.string(problems), schema != schemaID {
                // Another kind of document (a pack manifest, a run record): its other keys would only add noise.
                problems.add(field.problem("unsupported schema '\(schema)'; expected '\(schemaID)'"))
                return nil
            }
            object.rejectUnknownKeys(Reader.topLevelKeys, problems)
            _ = object.value("$schema")?.string(problems)
            let organization = readOrganization(object.required("organization", problems))
            let assessedOn = readDate(object.required("assessed_on", problems))
            let assessor = object.value("assessor")?.string(problems)
            _ = object.value("notes")?.string(problems)
            let target = object.value("target").flatMap { ScoreReader.score($0, problems: problems, what: "a target") }
            let facts = readFacts(object.value("facts"))
            let dimensions = readDimensions(object.value("dimensions"))
            let respondents = readRespondents(object.value("respondents"))

            guard problems.isEmpty, let organization, let assessedOn else { return nil }
            let scored = dimensions.values.contains { $0.score != nil }
                || respondents.contains { $0.scores.contains { $0.score != nil } }
            if requireScore && !scored {
                problems.add(root.problem("no dimension has a score; give a \"score\" under \"dimensions\" or respondents' scores for at least one dimension"))
                return nil
            }
            return Assessment(source: root.file, sha256: keepSource ? SHA256.hex(SHA256.hash(bytes)) : "",
                              content: keepSource ? root.node.plain : .null,
                              organization: organization, assessedOn: assessedOn, assessor: assessor, target: target,
                              facts: facts, dimensions: dimensions, respondents: respondents)
        }

        func readOrganization(_ field: JSONField?) -> Organization? {
            guard let object = field?.object(problems) else { return nil }
            object.rejectUnknownKeys(["name", "segment", "industry", "region"], problems)
            let name = object.required("name", problems)?.nonEmptyString(problems)
            var segment: Organization.Segment?
            if let segmentField = object.value("segment"), let text = segmentField.string(problems) {
                segment = Organization.Segment(rawValue: text)
                if segment == nil {
                    let valid = Organization.Segment.allCases.map(\.rawValue)
                    problems.add(segmentField.problem("unknown segment '\(text)'\(Suggestions.hint(for: text, in: valid)); segments are \(valid.joined(separator: ", "))"))
                }
            }
            let industry = object.value("industry")?.string(problems)
            let region = object.value("region")?.string(problems)
            guard let name else { return nil }
            return Organization(name: name, segment: segment, industry: industry, region: region)
        }

        func readDate(_ field: JSONField?) -> CalendarDate? {
            guard let field, let text = field.string(problems) else { return nil }
            guard let date = CalendarDate(text) else {
                if CalendarDate.hasDateShape(text) {
                    problems.add(field.problem("invalid date '\(text)': no such day in the calendar"))
                } else {
                    problems.add(field.problem("invalid date '\(text)'; write it as YYYY-MM-DD, for example 2026-10-15"))
                }
                return nil
            }
            return date
        }

        func readFacts(_ field: JSONField?) -> [(id: String, value: FactValue)] {
            guard let object = field?.object(problems) else { return [] }
            var known: [String: FactValue] = [:]
            var custom: [(id: String, value: FactValue)] = []
            for (member, raw) in zip(object.members, object.object.members) {
                if member.key.hasPrefix("x_") {
                    if !member.field.isNull, let value = customFact(member.field) { custom.append((id: member.key, value: value)) }
                    continue
                }
                guard let definition = model.fact(member.key) else {
                    let hint = Suggestions.hint(for: member.key, in: model.factIDs)
                    problems.add(Diagnostic(file: member.field.file, line: raw.keyPosition.line, column: raw.keyPosition.column,
                                            subject: member.field.path.description,
                                            message: "unknown fact '\(member.key)'\(hint); known facts: \(model.factIDs.joined(separator: ", ")); custom facts start with 'x_'"))
                    continue
                }
                if member.field.isNull { continue }
                if let value = factValue(member.field, definition) { known[member.key] = value }
            }
            let ordered = model.facts.compactMap { definition in known[definition.id].map { (id: definition.id, value: $0) } }
            return ordered + custom.sorted { $0.id < $1.id }
        }

        func customFact(_ field: JSONField) -> FactValue? {
            switch field.node.value {
            case let .number(number): return .number(number.double)
            case let .bool(flag): return .bool(flag)
            case let .string(text): return .text(text)
            default:
                problems.add(field.typeMismatch("a number, a string or true/false"))
                return nil
            }
        }

        func factValue(_ field: JSONField, _ definition: FactDefinition) -> FactValue? {
            switch definition.kind {
            case let .number(minimum, maximum), let .ratio(minimum, maximum), let .integer(minimum, maximum):
                guard case let .number(number) = field.node.value else {
                    if case let .string(text) = field.node.value, text.hasSuffix("%"), let percent = Double(text.dropLast().trimmingSpaces) {
                        problems.add(field.problem("expected a number, got string \"\(text)\"; write it as a decimal without quotes: \(Formatting.compact(percent / 100))"))
                        return nil
                    }
                    problems.add(field.typeMismatch("a number"))
                    return nil
                }
                let value = number.double
                if case .integer = definition.kind, value != value.rounded() {
                    problems.add(field.problem("\(number.literal) is not a whole number; \(definition.name) is a count"))
                    return nil
                }
                if value < minimum || value > maximum {
                    var message = "\(number.literal) is out of range; \(definition.name) runs from \(Formatting.compact(minimum)) to \(Formatting.compact(maximum))"
                    if case .ratio = definition.kind, value > maximum, value / 100 <= maximum {
                        message += " (ratios are decimals: write \(Formatting.compact(value / 100)) for \(number.literal) %)"
                    }
                    problems.add(field.problem(message))
                    return nil
                }
                return .number(value)
            case .boolean:
                guard case let .bool(flag) = field.node.value else {
                    problems.add(field.typeMismatch("true or false"))
                    return nil
                }
                return .bool(flag)
            case let .choice(values):
                guard case let .string(text) = field.node.value else {
                    problems.add(field.typeMismatch("one of \(values.joined(separator: ", "))"))
                    return nil
                }
                guard values.contains(text) else {
                    problems.add(field.problem("unknown value '\(text)'\(Suggestions.hint(for: text, in: values)); expected one of \(values.joined(separator: ", "))"))
                    return nil
                }
                return .text(text)
            }
        }

        /// Checks a dimension id used as a key, suggesting the closest valid id.
        func dimensionID(_ key: String, at field: JSONField, keyPosition: SourcePosition?) -> String? {
            if model.dimension(key) != nil { return key }
            let message = DimensionIDs.unknownMessage(key, model: model)
            let position = keyPosition ?? field.node.position
            problems.add(Diagnostic(file: field.file, line: position.line, column: position.column,
                                    subject: field.path.description, message: message))
            return nil
        }

        func readDimensions(_ field: JSONField?) -> [String: DimensionInput] {
            guard let object = field?.object(problems) else { return [:] }
            var dimensions: [String: DimensionInput] = [:]
            for (member, raw) in zip(object.members, object.object.members) {
                guard let id = dimensionID(member.key, at: member.field, keyPosition: raw.keyPosition) else { continue }
                guard let entry = member.field.object(problems) else { continue }
                // "guidance" holds the level descriptors `csm init` writes for the assessor; csm ignores it.
                entry.rejectUnknownKeys(["score", "target", "evidence", "notes", "reason", "guidance"], problems)
                var input = DimensionInput()
                input.score = entry.value("score").flatMap { ScoreReader.score($0, problems: problems) }
                input.target = entry.value("target").flatMap { ScoreReader.score($0, problems: problems, what: "a target") }
                input.evidence = entry.value("evidence")?.string(problems)
                input.notes = entry.value("notes")?.string(problems)
                input.reason = entry.value("reason")?.string(problems)
                dimensions[id] = input
            }
            return dimensions
        }

        func readRespondents(_ field: JSONField?) -> [Respondent] {
            guard let items = field?.array(problems) else { return [] }
            var respondents: [Respondent] = []
            var seen: [String: JSONField] = [:]
            for item in items {
                guard let object = item.object(problems) else { continue }
                object.rejectUnknownKeys(["id", "role", "name", "scores", "notes"], problems)
                let idField = object.required("id", problems)
                let id = idField?.nonEmptyString(problems)
                if let id, let idField {
                    if let first = seen[id] {
                        problems.add(idField.problem("respondent id '\(id)' is used twice (first at line \(first.node.position.line))"))
                    }
                    seen[id] = idField
                }
                let role = object.required("role", problems)?.nonEmptyString(problems)
                let name = object.value("name")?.string(problems)
                _ = object.value("notes")?.string(problems)
                var scores: [(dimensionID: String, score: Double?)] = []
                if let scoresObject = object.required("scores", problems)?.object(problems) {
                    for (member, raw) in zip(scoresObject.members, scoresObject.object.members) {
                        guard let dimension = dimensionID(member.key, at: member.field, keyPosition: raw.keyPosition) else { continue }
                        if member.field.isNull {
                            scores.append((dimensionID: dimension, score: nil))
                        } else if let score = ScoreReader.score(member.field, problems: problems) {
                            scores.append((dimensionID: dimension, score: score))
                        }
                    }
                }
                if let id, let role {
                    respondents.append(Respondent(id: id, role: role, name: name, scores: scores))
                }
            }
            return respondents
        }
    }
}
