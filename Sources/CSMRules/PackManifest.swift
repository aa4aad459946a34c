import CSMJSON
import CSMSystem

/// A rule pack's manifest, `pack.json` ("csm.pack/v1").
public struct PackManifest: Sendable {
    public static let fileName = "pack.json"
    public static let schemaID = "csm.pack/v1"
    /// The rule API version this csm implements.
    public static let supportedAPIVersion = 1

    public struct Parameter: Sendable {
        public let name: String
        public let type: ParameterType
        public let defaultValue: ParameterValue
        public let description: String
        /// Bounds for number and integer parameters.
        public let minimum: Double?
        public let maximum: Double?
        /// Allowed values for a string parameter; empty means any.
        public let values: [String]

        /// Returns a problem with `value`, or nil when it is valid.
        public func problem(with value: ParameterValue) -> String? {
            guard value.type == type else { return "expected a value of type \(type.rawValue), got \(value.type.rawValue)" }
            let number: Double?
            switch value {
            case let .number(x): number = x
            case let .integer(x): number = Double(x)
            default: number = nil
            }
            if let number {
                if let minimum, number < minimum { return "\(value) is below the minimum \(ParameterValue.number(minimum))" }
                if let maximum, number > maximum { return "\(value) is above the maximum \(ParameterValue.number(maximum))" }
            }
            if case let .string(text) = value, !values.isEmpty, !values.contains(text) {
                return "'\(text)' is not one of \(values.joined(separator: ", "))"
            }
            return nil
        }

        /// The valid range or values, for messages: "from 0 to 3".
        public var rangeDescription: String? {
            switch (minimum, maximum) {
            case let (minimum?, maximum?): return "from \(ParameterValue.number(minimum)) to \(ParameterValue.number(maximum))"
            case let (minimum?, nil): return "at least \(ParameterValue.number(minimum))"
            case let (nil, maximum?): return "at most \(ParameterValue.number(maximum))"
            default: return values.isEmpty ? nil : "one of \(values.joined(separator: ", "))"
            }
        }
    }

    public let name: String
    public let version: String
    public let apiVersion: Int
    public let description: String
    /// Parameters in file order.
    public let parameters: [Parameter]
    /// Rule ids of earlier packs that this pack turns off.
    public let disable: [String]
    /// Where `disable` entries are, for error messages.
    let disableLocations: [Diagnostic]

    /// The manifest of a pack that has no `pack.json`: named after its folder.
    static func implicit(name: String) -> PackManifest {
        PackManifest(name: name, version: "0.0.0", apiVersion: supportedAPIVersion, description: "",
                     parameters: [], disable: [], disableLocations: [])
    }

    public func parameter(_ name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    static func read(bytes: [UInt8], file: String) throws(CSMError) -> PackManifest {
        let root = JSONField(node: try parseJSONDocument(bytes, file: file), file: file)
        let problems = ProblemList()
        let manifest = read(root, problems)
        try problems.throwIfAny()
        guard let manifest else { throw CSMError(.input, root.problem("invalid pack manifest")) }
        return manifest
    }

    private static func read(_ root: JSONField, _ problems: ProblemList) -> PackManifest? {
        guard let object = root.object(problems) else { return nil }
        object.rejectUnknownKeys(["$schema", "schema", "name", "version", "api_version", "description", "parameters", "disable"], problems)
        _ = object.value("$schema")?.string(problems)
        if let field = object.required("schema", problems), let schema = field.string(problems), schema != schemaID {
            problems.add(field.problem("unsupported schema '\(schema)'; expected '\(schemaID)'"))
        }
        var name = ""
        if let field = object.required("name", problems), let text = field.string(problems) {
            if isPackName(text) { name = text } else {
                problems.add(field.problem("invalid pack name '\(text)'; use lowercase letters, digits, '-' and '_'"))
            }
        }
        let version = object.required("version", problems)?.nonEmptyString(problems) ?? ""
        var apiVersion = supportedAPIVersion
        if let field = object.required("api_version", problems), let value = field.number(problems) {
            if value != Double(supportedAPIVersion) {
                problems.add(field.problem("api_version \(Formatting.compact(value)) is not supported; this csm implements api_version \(supportedAPIVersion)"))
            }
            apiVersion = Int(value)
        }
        let description = object.value("description")?.string(problems) ?? ""
        var parameters: [Parameter] = []
        if let parametersObject = object.value("parameters")?.object(problems) {
            for member in parametersObject.members {
                if let parameter = readParameter(member.key, member.field, problems) { parameters.append(parameter) }
            }
        }
        var disable: [String] = []
        var locations: [Diagnostic] = []
        if let items = object.value("disable")?.array(problems) {
            for item in items {
                guard let id = item.nonEmptyString(problems) else { continue }
                disable.append(id)
                locations.append(item.problem(""))
            }
        }
        guard problems.isEmpty else { return nil }
        return PackManifest(name: name, version: version, apiVersion: apiVersion, description: description,
                            parameters: parameters, disable: disable, disableLocations: locations)
    }

    private static func readParameter(_ name: String, _ field: JSONField, _ problems: ProblemList) -> Parameter? {
        guard isParameterName(name) else {
            problems.add(field.problem("invalid parameter name '\(name)'; use lowercase letters, digits and underscores"))
            return nil
        }
        guard let object = field.object(problems) else { return nil }
        object.rejectUnknownKeys(["type", "default", "description", "min", "max", "values"], problems)
        guard let typeField = object.required("type", problems), let typeName = typeField.string(problems) else { return nil }
        guard let type = ParameterType(rawValue: typeName) else {
            let valid = ParameterType.allCases.map(\.rawValue)
            problems.add(typeField.problem("unknown parameter type '\(typeName)'\(Suggestions.hint(for: typeName, in: valid)); types are \(valid.joined(separator: ", "))"))
            return nil
        }
        guard let defaultField = object.required("default", problems) else { return nil }
        let value: ParameterValue?
        switch (type, defaultField.node.value) {
        case let (.number, .number(number)): value = .number(number.double)
        case let (.integer, .number(number)):
            value = number.int64.map(ParameterValue.integer)
                ?? (number.double == number.double.rounded() && abs(number.double) < 9.0e15 ? .integer(Int64(number.double)) : nil)
        case let (.string, .string(text)): value = .string(text)
        case let (.boolean, .bool(flag)): value = .boolean(flag)
        default: value = nil
        }
        guard let value else {
            problems.add(defaultField.typeMismatch("a default of type \(typeName)"))
            return nil
        }
        let description = object.value("description")?.string(problems) ?? ""
        var minimum: Double?
        var maximum: Double?
        var values: [String] = []
        for key in ["min", "max"] {
            guard let field = object.value(key) else { continue }
            guard type == .number || type == .integer else {
                problems.add(field.problem("'\(key)' applies to number and integer parameters only"))
                continue
            }
            if key == "min" { minimum = field.number(problems) } else { maximum = field.number(problems) }
        }
        if let field = object.value("values") {
            if type != .string { problems.add(field.problem("'values' applies to string parameters only")) }
            values = (field.array(problems) ?? []).compactMap { $0.string(problems) }
        }
        let parameter = Parameter(name: name, type: type, defaultValue: value, description: description,
                                  minimum: minimum, maximum: maximum, values: values)
        if let problem = parameter.problem(with: value) {
            problems.add(defaultField.problem("the default does not fit: \(problem)"))
            return nil
        }
        return parameter
    }

    static func isPackName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
    }

    static func isParameterName(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 97 && first <= 122 else { return false }
        return text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}
