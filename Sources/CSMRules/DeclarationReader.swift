import CSMLua
import CSMModel
import CSMSystem

/// Validates the tables that `rule { ... }` and `adjust { ... }` declare, and
/// reports each problem with the file and line of the declaration.
struct DeclarationReader {
    let model: MaturityModel
    let pack: String
    var problems: [Diagnostic] = []

    static let ruleFields = ["id", "title", "description", "dimensions", "toward", "initiative", "reason", "when",
                             "priority", "examples", "override"]
    static let adjustFields = ["id", "title", "description", "dimensions", "initiatives", "toward", "when", "factor",
                               "reason", "examples", "override"]
    static let initiativeFields = ["id", "title", "summary", "actions", "effort", "impact", "kpis", "requires"]

    init(model: MaturityModel, pack: String) {
        self.model = model
        self.pack = pack
    }

    mutating func read(_ declaration: LuaValue) -> RuleDefinition? {
        let kind: RuleDefinition.Kind = declaration["kind"].stringValue == "adjust" ? .adjust : .propose
        let file = declaration["file"].stringValue ?? "?"
        let line = Int(declaration["line"].integerValue ?? 0)
        let location = RuleLocation(pack: pack, file: file, line: line)
        let definition = declaration["definition"]
        let before = problems.count

        var context = Context(location: location, kind: kind, ruleID: nil)
        let id = ruleID(definition["id"], context)
        context.ruleID = id
        rejectUnknownFields(definition, allowed: kind == .adjust ? Self.adjustFields : Self.ruleFields, context)
        let title = requiredText(definition["title"], field: "title", context)
        let description = optionalText(definition["description"], field: "description", context)
        let dimensions = dimensionList(definition["dimensions"], required: kind == .propose, context)
        let when = definition["when"]
        var whenLine: Int?
        if case let .function(_, functionLine) = when { whenLine = functionLine } else {
            report(context, "field 'when' must be a function that returns true or false, got \(when.typeName)")
        }
        var staticReason: String?
        switch definition["reason"] {
        case .nil, .function: break
        case let .string(text): staticReason = text
        default: report(context, "field 'reason' must be a string or a function, got \(definition["reason"].typeName)")
        }
        let overrides = flag(definition["override"], field: "override", context)

        var toward: Level?
        var towardFilter: [Level] = []
        var initiative: InitiativeTemplate?
        var initiativeFilter: [String] = []
        var staticFactor: Double?
        var hasPriority = false
        switch kind {
        case .propose:
            toward = level(definition["toward"], context)
            initiative = readInitiative(definition["initiative"], context)
            switch definition["priority"] {
            case .nil: break
            case .function: hasPriority = true
            default: report(context, "field 'priority' must be a function returning a factor and a reason, got \(definition["priority"].typeName)")
            }
        case .adjust:
            towardFilter = levelFilter(definition["toward"], context)
            initiativeFilter = stringList(definition["initiatives"], field: "initiatives", context) ?? []
            for id in initiativeFilter where !isInitiativeID(id) {
                report(context, "'\(id)' in 'initiatives' is not a valid initiative id")
            }
            if dimensions.isEmpty && initiativeFilter.isEmpty {
                report(context, "an adjust rule needs 'dimensions' or 'initiatives' to say which initiatives it changes")
            }
            switch definition["factor"] {
            case .function: break
            case .integer, .number:
                let value = definition["factor"].doubleValue!
                if value.isFinite && value >= 0 && value <= 10 { staticFactor = value }
                else { report(context, "field 'factor' must be a number from 0 to 10, got \(definition["factor"].traceText)") }
            default:
                report(context, "field 'factor' is required: a number between 0 and 10, or a function returning one")
            }
        }
        switch definition["examples"] {
        case .nil, .map, .array: break
        default: report(context, "field 'examples' must be a table { fires = { ... }, quiet = { ... } }")
        }

        guard problems.count == before, let id, let title else { return nil }
        return RuleDefinition(engineIndex: Int(declaration["index"].integerValue ?? 0), kind: kind, id: id, title: title,
                              description: description, dimensions: dimensions, toward: toward, towardFilter: towardFilter,
                              initiativeFilter: initiativeFilter, initiative: initiative, staticReason: staticReason,
                              hasReasonFunction: { if case .function = definition["reason"] { return true }; return false }(),
                              hasPriorityFunction: hasPriority, staticFactor: staticFactor, overrides: overrides,
                              examples: definition["examples"], whenLine: whenLine, location: location)
    }

    // MARK: - Fields

    struct Context {
        let location: RuleLocation
        let kind: RuleDefinition.Kind
        var ruleID: String?
    }

    private mutating func report(_ context: Context, _ message: String) {
        let subject = context.ruleID.map { "\(context.kind.rawValue) '\($0)'" } ?? "\(context.kind.rawValue) declaration"
        problems.append(Diagnostic(file: context.location.file, line: context.location.line, subject: subject, message: message))
    }

    private mutating func ruleID(_ value: LuaValue, _ context: Context) -> String? {
        guard let text = value.stringValue, !text.isEmpty else {
            report(context, value.isNil ? "missing required field 'id'" : "field 'id' must be a string, got \(value.typeName)")
            return nil
        }
        guard RuleIDs.isRuleID(text) else {
            report(context, "invalid rule id '\(text)'; use letters, digits, '.', '-' and '_'")
            return nil
        }
        return text
    }

    private mutating func rejectUnknownFields(_ definition: LuaValue, allowed: [String], _ context: Context) {
        for entry in definition.sortedEntries {
            guard let key = entry.key.stringValue else {
                report(context, "the declaration has a value without a field name (at position \(entry.key.traceText)); write each field as name = value")
                continue
            }
            if !allowed.contains(key) {
                report(context, "unknown field '\(key)'\(Suggestions.hint(for: key, in: allowed)); fields are \(allowed.joined(separator: ", "))")
            }
        }
    }

    private mutating func requiredText(_ value: LuaValue, field: String, _ context: Context) -> String? {
        switch value {
        case .nil:
            report(context, "missing required field '\(field)'")
        case let .string(text):
            if text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" }) { report(context, "field '\(field)' must not be empty") }
            else { return text }
        case .bytes:
            report(context, "field '\(field)' is not valid UTF-8 text")
        default:
            report(context, "field '\(field)' must be a string, got \(value.typeName)")
        }
        return nil
    }

    private mutating func optionalText(_ value: LuaValue, field: String, _ context: Context) -> String? {
        if value.isNil { return nil }
        return requiredText(value, field: field, context)
    }

    private mutating func flag(_ value: LuaValue, field: String, _ context: Context) -> Bool {
        switch value {
        case .nil: return false
        case let .bool(flag): return flag
        default:
            report(context, "field '\(field)' must be true or false, got \(value.typeName)")
            return false
        }
    }

    private mutating func stringList(_ value: LuaValue, field: String, _ context: Context) -> [String]? {
        if value.isNil { return nil }
        guard let items = value.arrayValue else {
            report(context, "field '\(field)' must be a list of strings { \"...\", ... }, got \(value.typeName)")
            return nil
        }
        var strings: [String] = []
        for (offset, item) in items.enumerated() {
            guard let text = item.stringValue else {
                report(context, "item \(offset + 1) of '\(field)' must be a string, got \(item.typeName)")
                continue
            }
            strings.append(text)
        }
        return strings
    }

    private mutating func dimensionList(_ value: LuaValue, required: Bool, _ context: Context) -> [String] {
        guard let ids = stringList(value, field: "dimensions", context) else {
            if required { report(context, "missing required field 'dimensions': the full ids of the dimensions the rule concerns") }
            return []
        }
        if ids.isEmpty && required { report(context, "field 'dimensions' must name at least one dimension") }
        var valid: [String] = []
        for id in ids {
            if model.dimension(id) != nil {
                valid.append(id)
                continue
            }
            report(context, DimensionIDs.unknownMessage(id, model: model))
        }
        return valid
    }

    private static let towardLevels = ["adopting", "performing", "optimizing"]

    private mutating func level(_ value: LuaValue, _ context: Context) -> Level? {
        guard let text = value.stringValue else {
            report(context, value.isNil ? "missing required field 'toward': the level the initiative builds (\(Self.towardLevels.joined(separator: ", ")))"
                                        : "field 'toward' must be a level name, got \(value.typeName)")
            return nil
        }
        guard Self.towardLevels.contains(text), let level = Level(id: text) else {
            report(context, "invalid 'toward' level '\(text)'\(Suggestions.hint(for: text, in: Self.towardLevels)); use \(Self.towardLevels.joined(separator: ", "))")
            return nil
        }
        return level
    }

    private mutating func levelFilter(_ value: LuaValue, _ context: Context) -> [Level] {
        if value.isNil { return [] }
        if value.stringValue != nil { return level(value, context).map { [$0] } ?? [] }
        return (stringList(value, field: "toward", context) ?? []).compactMap { level(.string($0), context) }
    }

    private func isInitiativeID(_ text: String) -> Bool {
        RuleIDs.isInitiativeID(text)
    }

    private mutating func readInitiative(_ value: LuaValue, _ context: Context) -> InitiativeTemplate? {
        guard value.isTable else {
            report(context, value.isNil ? "missing required field 'initiative'" : "field 'initiative' must be a table, got \(value.typeName)")
            return nil
        }
        let before = problems.count
        for entry in value.sortedEntries {
            let key = entry.key.stringValue ?? entry.key.typeName
            if !Self.initiativeFields.contains(key) {
                report(context, "unknown field 'initiative.\(key)'\(Suggestions.hint(for: key, in: Self.initiativeFields)); fields are \(Self.initiativeFields.joined(separator: ", "))")
            }
        }
        var id: String?
        if let text = value["id"].stringValue {
            if isInitiativeID(text) { id = text }
            else { report(context, "invalid initiative id '\(text)'; use lowercase letters, digits and '-', for example 'health-score-v1'") }
        } else {
            report(context, "missing required field 'initiative.id'")
        }
        let title = requiredText(value["title"], field: "initiative.title", context)
        let summary = requiredText(value["summary"], field: "initiative.summary", context)
        let actions = stringList(value["actions"], field: "initiative.actions", context)
        if actions == nil { report(context, "missing required field 'initiative.actions': a list of concrete steps") }
        else if actions!.isEmpty { report(context, "field 'initiative.actions' must list at least one step") }
        let effort = vocabulary(value["effort"], field: "initiative.effort", Effort.self, context)
        let impact = vocabulary(value["impact"], field: "initiative.impact", Impact.self, context)
        let kpis = stringList(value["kpis"], field: "initiative.kpis", context) ?? []
        for code in kpis where model.kpi(code) == nil {
            report(context, "unknown KPI code '\(code)'\(Suggestions.hint(for: code, in: model.kpiCodes)); known codes: \(model.kpiCodes.joined(separator: ", "))")
        }
        let requires = stringList(value["requires"], field: "initiative.requires", context) ?? []
        for prerequisite in requires where !isInitiativeID(prerequisite) {
            report(context, "'\(prerequisite)' in 'initiative.requires' is not a valid initiative id")
        }
        if let id, requires.contains(id) { report(context, "initiative '\(id)' requires itself") }
        guard problems.count == before, let id, let title, let summary, let actions, let effort, let impact else { return nil }
        return InitiativeTemplate(id: id, title: title, summary: summary, actions: actions, effort: effort,
                                  impact: impact, kpis: kpis, requires: requires)
    }

    private mutating func vocabulary<T: RawRepresentable & CaseIterable>(_ value: LuaValue, field: String, _ type: T.Type,
                                                                        _ context: Context) -> T? where T.RawValue == String {
        let valid = T.allCases.map(\.rawValue)
        guard let text = value.stringValue else {
            report(context, value.isNil ? "missing required field '\(field)' (\(valid.joined(separator: ", ")))"
                                        : "field '\(field)' must be one of \(valid.joined(separator: ", ")), got \(value.typeName)")
            return nil
        }
        guard let result = T(rawValue: text) else {
            report(context, "invalid \(field) '\(text)'\(Suggestions.hint(for: text, in: valid)); use \(valid.joined(separator: ", "))")
            return nil
        }
        return result
    }
}

/// Id syntax shared by rules, packs and tests.
public enum RuleIDs {
    /// Rule ids: letters, digits, '.', '-', '_'; at most 128 characters.
    public static func isRuleID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 128 && text.utf8.allSatisfy {
            ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 95
        }
    }

    /// Initiative ids: lowercase letters, digits and '-', starting with a letter or digit.
    public static func isInitiativeID(_ text: String) -> Bool {
        guard let first = text.utf8.first, (first >= 97 && first <= 122) || (first >= 48 && first <= 57) else { return false }
        return text.utf8.count <= 96 && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}
