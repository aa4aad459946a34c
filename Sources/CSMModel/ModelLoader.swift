import CSMJSON
import CSMSystem

/// Reads a maturity model from JSON ("csm.model/v1") and validates it.
public enum ModelLoader {
    public static let schemaID = "csm.model/v1"

    /// The built-in model's JSON text, as embedded in the binary.
    public static var builtinSource: String { EmbeddedModel.files[0].contents }

    /// The built-in model.
    public static func builtin() throws(CSMError) -> MaturityModel {
        let bytes = Array(builtinSource.utf8)
        return try load(bytes: bytes, origin: "builtin")
    }

    /// Loads a model file given with `--model`.
    public static func load(path: String) throws(CSMError) -> MaturityModel {
        let bytes = try FileSystem.readFile(path)
        return try load(bytes: bytes, origin: path)
    }

    public static func load(bytes: [UInt8], origin: String) throws(CSMError) -> MaturityModel {
        let file = origin == "builtin" ? "(built-in model)" : origin
        let root = JSONField(node: try parseJSONDocument(bytes, file: file), file: file)
        let problems = ProblemList()
        let model = read(root, problems: problems, sha256: SHA256.hex(SHA256.hash(bytes)), origin: origin)
        try problems.throwIfAny()
        guard let model else { throw CSMError(.input, root.problem("invalid model")) }
        return model
    }

    private static func read(_ root: JSONField, problems: ProblemList, sha256: String, origin: String) -> MaturityModel? {
        guard let object = root.object(problems) else { return nil }
        object.rejectUnknownKeys(["$schema", "schema", "id", "version", "name", "source", "descriptors_note",
                                  "default_target", "levels", "competencies", "facts", "kpi_categories", "kpis"], problems)
        _ = object.value("$schema")?.string(problems)
        if let schema = object.required("schema", problems)?.string(problems), schema != schemaID {
            problems.add(object.optional("schema")!.problem("unsupported schema '\(schema)'; expected '\(schemaID)'"))
        }
        let id = object.required("id", problems)?.nonEmptyString(problems) ?? ""
        let version = object.required("version", problems)?.nonEmptyString(problems) ?? ""
        let name = object.required("name", problems)?.nonEmptyString(problems) ?? ""
        let source = object.value("source")?.string(problems) ?? ""
        let descriptorsNote = object.value("descriptors_note")?.string(problems) ?? ""
        var defaultTarget = Level.performing.threshold
        if let field = object.value("default_target") {
            defaultTarget = ScoreReader.score(field, problems: problems, what: "a target") ?? defaultTarget
        }
        let levels = readLevels(object.required("levels", problems), problems)
        let (competencies, dimensions) = readCompetencies(object.required("competencies", problems), problems)
        let facts = readFacts(object.value("facts"), problems)
        let categories = readKPICategories(object.value("kpi_categories"), problems)
        let kpis = readKPIs(object.value("kpis"), facts: facts, categories: categories, problems)
        guard problems.isEmpty else { return nil }
        return MaturityModel(id: id, version: version, name: name, source: source, descriptorsNote: descriptorsNote,
                             defaultTarget: defaultTarget, levels: levels, competencies: competencies,
                             dimensions: dimensions, facts: facts, kpiCategories: categories, kpis: kpis,
                             sha256: sha256, origin: origin)
    }

    private static func readLevels(_ field: JSONField?, _ problems: ProblemList) -> [LevelDefinition] {
        guard let field, let items = field.array(problems) else { return [] }
        var levels: [LevelDefinition] = []
        let problemsBefore = problems.diagnostics.count
        for item in items {
            guard let object = item.object(problems) else { continue }
            object.rejectUnknownKeys(["id", "name", "threshold", "summary"], problems)
            guard let idField = object.required("id", problems), let id = idField.string(problems) else { continue }
            guard let level = Level(id: id) else {
                problems.add(idField.problem("unknown level '\(id)'; levels are \(Level.ids.joined(separator: ", "))"))
                continue
            }
            if let thresholdField = object.value("threshold"), let threshold = thresholdField.number(problems),
               threshold != level.threshold {
                problems.add(thresholdField.problem("the threshold of \(id) is fixed at \(Formatting.compact(level.threshold))"))
            }
            let name = object.required("name", problems)?.nonEmptyString(problems) ?? id
            let summary = object.value("summary")?.string(problems) ?? ""
            if levels.contains(where: { $0.level == level }) {
                problems.add(idField.problem("level '\(id)' is defined twice"))
            }
            levels.append(LevelDefinition(level: level, name: name, summary: summary))
        }
        // A misspelt level already has its own message; "missing level" would repeat it.
        if problems.diagnostics.count == problemsBefore {
            for level in Level.allCases where !levels.contains(where: { $0.level == level }) {
                problems.add(field.problem("missing level '\(level.id)'"))
            }
        }
        return levels.sorted { $0.level < $1.level }
    }

    private static func readCompetencies(_ field: JSONField?, _ problems: ProblemList) -> ([Competency], [Dimension]) {
        guard let field, let items = field.array(problems) else { return ([], []) }
        if items.isEmpty { problems.add(field.problem("a model needs at least one competency")) }
        var competencies: [Competency] = []
        var dimensions: [Dimension] = []
        var seenDimensions: Set<String> = []
        for item in items {
            guard let object = item.object(problems) else { continue }
            object.rejectUnknownKeys(["id", "name", "description", "weight", "dimensions"], problems)
            guard let idField = object.required("id", problems), let id = identifier(idField, problems) else { continue }
            if competencies.contains(where: { $0.id == id }) {
                problems.add(idField.problem("competency '\(id)' is defined twice"))
            }
            let name = object.required("name", problems)?.nonEmptyString(problems) ?? id
            let description = object.value("description")?.string(problems) ?? ""
            let weight = readWeight(object.value("weight"), problems)
            var ids: [String] = []
            if let dimensionItems = object.required("dimensions", problems)?.array(problems) {
                if dimensionItems.isEmpty {
                    problems.add(object.field.problem("competency '\(id)' has no dimensions"))
                }
                for dimensionItem in dimensionItems {
                    guard let dimension = readDimension(dimensionItem, competencyID: id, problems) else { continue }
                    if !seenDimensions.insert(dimension.id).inserted {
                        problems.add(dimensionItem.problem("dimension '\(dimension.id)' is defined twice"))
                    }
                    dimensions.append(dimension)
                    ids.append(dimension.id)
                }
            }
            competencies.append(Competency(id: id, name: name, description: description, weight: weight, dimensionIDs: ids))
        }
        return (competencies, dimensions)
    }

    private static func readDimension(_ item: JSONField, competencyID: String, _ problems: ProblemList) -> Dimension? {
        guard let object = item.object(problems) else { return nil }
        object.rejectUnknownKeys(["id", "name", "label", "description", "weight", "levels"], problems)
        guard let idField = object.required("id", problems), let shortID = identifier(idField, problems) else { return nil }
        let name = object.required("name", problems)?.nonEmptyString(problems) ?? shortID
        let label = object.value("label")?.nonEmptyString(problems) ?? name
        let description = object.value("description")?.string(problems) ?? ""
        let weight = readWeight(object.value("weight"), problems)
        var descriptors: [Level: LevelDescriptor] = [:]
        if let levelsObject = object.required("levels", problems)?.object(problems) {
            levelsObject.rejectUnknownKeys(Level.ids, problems)
            for level in Level.allCases {
                guard let entry = levelsObject.required(level.id, problems)?.object(problems) else { continue }
                entry.rejectUnknownKeys(["descriptor", "evidence"], problems)
                let text = entry.required("descriptor", problems)?.nonEmptyString(problems) ?? ""
                let evidence = entry.value("evidence")?.string(problems) ?? ""
                descriptors[level] = LevelDescriptor(descriptor: text, evidence: evidence)
            }
        }
        return Dimension(id: competencyID + "." + shortID, shortID: shortID, competencyID: competencyID, name: name,
                         label: label, description: description, weight: weight, descriptors: descriptors)
    }

    private static func readFacts(_ field: JSONField?, _ problems: ProblemList) -> [FactDefinition] {
        guard let field, let items = field.array(problems) else { return [] }
        var facts: [FactDefinition] = []
        for item in items {
            guard let object = item.object(problems) else { continue }
            object.rejectUnknownKeys(["id", "name", "description", "type", "unit", "min", "max", "values"], problems)
            guard let idField = object.required("id", problems), let id = identifier(idField, problems) else { continue }
            if facts.contains(where: { $0.id == id }) { problems.add(idField.problem("fact '\(id)' is defined twice")) }
            if id.hasPrefix("x_") { problems.add(idField.problem("fact ids starting with 'x_' are reserved for custom facts")) }
            let name = object.required("name", problems)?.nonEmptyString(problems) ?? id
            let description = object.value("description")?.string(problems) ?? ""
            let unit = object.value("unit")?.string(problems)
            guard let typeField = object.required("type", problems), let type = typeField.string(problems) else { continue }
            let minimum = object.value("min")?.number(problems) ?? -Double.greatestFiniteMagnitude
            let maximum = object.value("max")?.number(problems) ?? Double.greatestFiniteMagnitude
            if minimum > maximum { problems.add(object.field.problem("fact '\(id)' has min greater than max")) }
            let kind: FactDefinition.Kind
            switch type {
            case "number": kind = .number(minimum: minimum, maximum: maximum)
            case "integer": kind = .integer(minimum: minimum, maximum: maximum)
            case "ratio": kind = .ratio(minimum: minimum, maximum: maximum)
            case "boolean": kind = .boolean
            case "choice":
                let values = (object.required("values", problems)?.array(problems) ?? []).compactMap { $0.string(problems) }
                if values.isEmpty { problems.add(typeField.problem("a choice fact needs a non-empty 'values' list")) }
                kind = .choice(values)
            default:
                problems.add(typeField.problem("unknown fact type '\(type)'; types are number, integer, ratio, boolean, choice"))
                continue
            }
            facts.append(FactDefinition(id: id, name: name, description: description, kind: kind, unit: unit))
        }
        return facts
    }

    private static func readKPICategories(_ field: JSONField?, _ problems: ProblemList) -> [KPICategory] {
        guard let field, let items = field.array(problems) else { return [] }
        var categories: [KPICategory] = []
        for item in items {
            guard let object = item.object(problems) else { continue }
            object.rejectUnknownKeys(["id", "name"], problems)
            guard let idField = object.required("id", problems), let id = identifier(idField, problems) else { continue }
            if categories.contains(where: { $0.id == id }) { problems.add(idField.problem("KPI category '\(id)' is defined twice")) }
            let name = object.required("name", problems)?.nonEmptyString(problems) ?? id
            categories.append(KPICategory(id: id, name: name))
        }
        return categories
    }

    private static func readKPIs(_ field: JSONField?, facts: [FactDefinition], categories: [KPICategory],
                                 _ problems: ProblemList) -> [KPIDefinition] {
        guard let field, let items = field.array(problems) else { return [] }
        let factIDs = facts.map(\.id)
        var kpis: [KPIDefinition] = []
        for item in items {
            guard let object = item.object(problems) else { continue }
            object.rejectUnknownKeys(["code", "name", "category", "description", "unit", "better", "baseline"], problems)
            guard let codeField = object.required("code", problems), let code = codeField.nonEmptyString(problems) else { continue }
            if kpis.contains(where: { $0.code == code }) { problems.add(codeField.problem("KPI '\(code)' is defined twice")) }
            let name = object.required("name", problems)?.nonEmptyString(problems) ?? code
            var category: String?
            if let categoryField = object.value("category"), let id = categoryField.string(problems) {
                let ids = categories.map(\.id)
                if ids.contains(id) { category = id } else {
                    problems.add(categoryField.problem("unknown KPI category '\(id)'\(Suggestions.hint(for: id, in: ids)); categories: \(ids.isEmpty ? "none defined in kpi_categories" : ids.joined(separator: ", "))"))
                }
            }
            let description = object.value("description")?.string(problems) ?? ""
            let unit = object.value("unit")?.string(problems)
            var better = KPIDefinition.Direction.higher
            if let betterField = object.value("better"), let text = betterField.string(problems) {
                if let direction = KPIDefinition.Direction(rawValue: text) { better = direction }
                else { problems.add(betterField.problem("expected \"higher\", \"lower\" or \"range\"")) }
            }
            var baseline: KPIDefinition.Baseline?
            if let baselineObject = object.value("baseline")?.object(problems) {
                baselineObject.rejectUnknownKeys(["fact", "ratio"], problems)
                if let factField = baselineObject.value("fact"), let fact = factField.string(problems) {
                    if !factIDs.contains(fact) {
                        problems.add(factField.problem("unknown fact '\(fact)'\(Suggestions.hint(for: fact, in: factIDs))"))
                    }
                    baseline = .fact(fact)
                } else if let ratioField = baselineObject.value("ratio"), let parts = ratioField.array(problems) {
                    let names = parts.compactMap { $0.string(problems) }
                    if names.count != 2 {
                        problems.add(ratioField.problem("expected two fact ids: [numerator, denominator]"))
                    } else {
                        for name in names where !factIDs.contains(name) {
                            problems.add(ratioField.problem("unknown fact '\(name)'\(Suggestions.hint(for: name, in: factIDs))"))
                        }
                        baseline = .ratio(names[0], names[1])
                    }
                }
            }
            kpis.append(KPIDefinition(code: code, name: name, category: category, description: description, unit: unit,
                                      better: better, baseline: baseline))
        }
        return kpis
    }

    private static func readWeight(_ field: JSONField?, _ problems: ProblemList) -> Double {
        guard let field, let weight = field.number(problems) else { return 1 }
        if !(weight > 0 && weight <= 100) {
            problems.add(field.problem("weight must be greater than 0 and at most 100"))
            return 1
        }
        return weight
    }

    /// Ids are lowercase letters, digits and underscores, starting with a letter.
    private static func identifier(_ field: JSONField, _ problems: ProblemList) -> String? {
        guard let text = field.string(problems) else { return nil }
        let valid = !text.isEmpty && text.utf8.first.map { $0 >= 97 && $0 <= 122 } == true
            && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
        if !valid {
            problems.add(field.problem("invalid id '\(text)'; use lowercase letters, digits and underscores, starting with a letter"))
            return nil
        }
        return text
    }
}

/// Reads scores and targets, which may be numbers from 0 to 3 or level names.
public enum ScoreReader {
    public static func score(_ field: JSONField, problems: ProblemList, what: String = "a score") -> Double? {
        switch field.node.value {
        case let .number(number):
            guard ScoreScale.contains(number.double) else {
                problems.add(field.problem("\(number.literal) is out of range; \(what) runs from 0 to 3"))
                return nil
            }
            return number.double
        case let .string(name):
            if let level = Level(id: name) { return level.threshold }
            if let level = Level(id: name.lowercased()) { return level.threshold }
            if Double(name) != nil {
                problems.add(field.problem("expected a number, got string \"\(name)\"; write the number without quotes"))
                return nil
            }
            problems.add(field.problem("unknown level '\(name)'\(Suggestions.hint(for: name, in: Level.ids)); expected a number from 0 to 3 or one of \(Level.ids.joined(separator: ", "))"))
            return nil
        default:
            problems.add(field.typeMismatch("a number from 0 to 3 or a level name (\(Level.ids.joined(separator: ", ")))"))
            return nil
        }
    }
}
