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
        object.rejectUnknownKeys(["type", "default", "description"], problems)
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
        case let (.integer, .number(number)): value = number.int64.map(ParameterValue.integer)
        case let (.string, .string(text)): value = .string(text)
        case let (.boolean, .bool(flag)): value = .boolean(flag)
        default: value = nil
        }
        guard let value else {
            problems.add(defaultField.typeMismatch("a default of type \(typeName)"))
            return nil
        }
        let description = object.value("description")?.string(problems) ?? ""
        return Parameter(name: name, type: type, defaultValue: value, description: description)
    }

    static func isPackName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
    }

    static func isParameterName(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 97 && first <= 122 else { return false }
        return text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}
