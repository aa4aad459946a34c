import CSMSystem

/// A path to a value inside a JSON document, printed the way a user would
/// write it: `dimensions["operating_model.cs_role_structure"].score`.
public struct FieldPath: Equatable, Hashable, Sendable, CustomStringConvertible {
    public enum Component: Equatable, Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The last component, linked to the path before it. Paths share their prefixes,
    /// so a parser can name every field it reads without copying its parent's path.
    private final class Link: Sendable {
        let parent: Link?
        let component: Component

        init(parent: Link?, component: Component) {
            self.parent = parent
            self.component = component
        }
    }

    private let last: Link?

    public var components: [Component] {
        var reversed: [Component] = []
        var link = last
        while let current = link {
            reversed.append(current.component)
            link = current.parent
        }
        return reversed.reversed()
    }

    /// True for the path of the document itself.
    public var isEmpty: Bool { last == nil }

    public init(_ components: [Component] = []) {
        last = components.reduce(nil) { Link(parent: $0, component: $1) }
    }

    private init(last: Link) {
        self.last = last
    }

    public func appending(_ key: String) -> FieldPath {
        FieldPath(last: Link(parent: last, component: .key(key)))
    }

    public func appending(index: Int) -> FieldPath {
        FieldPath(last: Link(parent: last, component: .index(index)))
    }

    public static func == (lhs: FieldPath, rhs: FieldPath) -> Bool {
        lhs.last === rhs.last || lhs.components == rhs.components
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(components)
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case let .key(key):
                if FieldPath.isIdentifier(key) {
                    text += text.isEmpty ? key : "." + key
                } else {
                    text += "[\"" + key + "\"]"
                }
            case let .index(index):
                text += "[\(index)]"
            }
        }
        return text.isEmpty ? "(document)" : text
    }

    static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first == "$" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return key.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}

/// Problems found while reading a document, so a user sees all of them at once.
public final class ProblemList {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Reading stops collecting after this many problems.
    public let limit: Int

    public init(limit: Int = 50) {
        self.limit = limit
    }

    public var isEmpty: Bool { diagnostics.isEmpty }

    /// Problems beyond `limit`, counted but not kept.
    public private(set) var dropped = 0

    public func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < limit { diagnostics.append(diagnostic) } else { dropped += 1 }
    }

    /// Throws every problem collected so far as one input error, in file order.
    public func throwIfAny() throws(CSMError) {
        guard !diagnostics.isEmpty else { return }
        var sorted = diagnostics.enumerated().sorted { a, b in
            let keyA = (a.element.line ?? 0, a.element.column ?? 0)
            let keyB = (b.element.line ?? 0, b.element.column ?? 0)
            return keyA != keyB ? keyA < keyB : a.offset < b.offset
        }.map(\.element)
        if dropped > 0 {
            sorted.append(Diagnostic(file: sorted[0].file, message: "\(dropped) more problem\(dropped == 1 ? "" : "s") not shown; fix these first"))
        }
        throw CSMError(.input, sorted)
    }
}

/// A JSON value with the file and field path it came from, so every error can
/// point at it.
public struct JSONField: Sendable {
    public let node: JSONNode
    public let path: FieldPath
    public let file: String

    public init(node: JSONNode, path: FieldPath = FieldPath(), file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    public var isNull: Bool {
        if case .null = node.value { return true }
        return false
    }

    /// A diagnostic located at this value.
    public func problem(_ message: String) -> Diagnostic {
        Diagnostic(file: file, line: node.position.line, column: node.position.column,
                   subject: path.isEmpty ? nil : path.description, message: message)
    }

    /// Describes the value for messages: `string "high"`, `number 4.5`, `object`.
    public var summary: String {
        switch node.value {
        case .null: return "null"
        case let .bool(flag): return "boolean \(flag)"
        case let .number(number): return "number \(number.literal)"
        case let .string(text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "string \"\(shown)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    public func typeMismatch(_ expected: String) -> Diagnostic {
        problem("expected \(expected), got \(summary)")
    }

    public func string(_ problems: ProblemList) -> String? {
        if case let .string(text) = node.value { return text }
        problems.add(typeMismatch("a string"))
        return nil
    }

    /// A string that is not empty after trimming spaces.
    public func nonEmptyString(_ problems: ProblemList) -> String? {
        guard let text = string(problems) else { return nil }
        if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            problems.add(problem("must not be empty"))
            return nil
        }
        return text
    }

    public func number(_ problems: ProblemList) -> Double? {
        if case let .number(number) = node.value { return number.double }
        problems.add(typeMismatch("a number"))
        return nil
    }

    public func bool(_ problems: ProblemList) -> Bool? {
        if case let .bool(flag) = node.value { return flag }
        problems.add(typeMismatch("true or false"))
        return nil
    }

    public func array(_ problems: ProblemList) -> [JSONField]? {
        guard case let .array(items) = node.value else {
            problems.add(typeMismatch("an array"))
            return nil
        }
        return items.enumerated().map { JSONField(node: $0.element, path: path.appending(index: $0.offset), file: file) }
    }

    public func object(_ problems: ProblemList) -> JSONObjectReader? {
        guard case let .object(object) = node.value else {
            problems.add(typeMismatch("an object"))
            return nil
        }
        return JSONObjectReader(object: object, field: self)
    }
}

/// Reads the members of a JSON object with field paths.
public struct JSONObjectReader: Sendable {
    public let object: JSONObject
    public let field: JSONField

    /// Members in file order.
    public var members: [(key: String, field: JSONField)] {
        object.members.map { (key: $0.key, field: JSONField(node: $0.value, path: field.path.appending($0.key), file: field.file)) }
    }

    /// The member `key`, or nil when absent (a JSON null is returned as a field).
    public func optional(_ key: String) -> JSONField? {
        guard let node = object[key] else { return nil }
        return JSONField(node: node, path: field.path.appending(key), file: field.file)
    }

    /// The member `key` when present and not null.
    public func value(_ key: String) -> JSONField? {
        guard let member = optional(key), !member.isNull else { return nil }
        return member
    }

    /// The member `key`; records a problem when it is absent or null.
    public func required(_ key: String, _ problems: ProblemList) -> JSONField? {
        guard let member = optional(key) else {
            problems.add(field.problem("missing required key '\(key)'"))
            return nil
        }
        if member.isNull {
            problems.add(member.problem("must not be null"))
            return nil
        }
        return member
    }

    /// Records a problem for each key not in `allowed`, suggesting the closest allowed key.
    public func rejectUnknownKeys(_ allowed: [String], _ problems: ProblemList) {
        for member in object.members where !allowed.contains(member.key) {
            let location = JSONField(node: member.value, path: field.path.appending(member.key), file: field.file)
            let hint = Suggestions.hint(for: member.key, in: allowed)
            problems.add(Diagnostic(file: field.file, line: member.keyPosition.line, column: member.keyPosition.column,
                                    subject: location.path.description,
                                    message: "unknown key '\(member.key)'\(hint); allowed keys: \(allowed.joined(separator: ", "))"))
        }
    }
}

extension JSONSyntaxError {
    /// The syntax error as a diagnostic for `file`.
    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(file: file, line: position.line, column: position.column, message: message)
    }
}

/// Parses a whole JSON document, turning a syntax error into an input error that names the file.
public func parseJSONDocument(_ bytes: [UInt8], file: String, maxDepth: Int = 64) throws(CSMError) -> JSONNode {
    do {
        return try JSONParser.parse(bytes, maxDepth: maxDepth)
    } catch {
        throw CSMError(.input, error.diagnostic(file: file))
    }
}
