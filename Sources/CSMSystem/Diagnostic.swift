/// One problem to report, in the single message shape csm uses everywhere:
/// `FILE:LINE:COLUMN: SUBJECT: MESSAGE`, with each part present when known.
///
/// Example: `samples/acme.json:12:18: dimensions["operating_model.cs_role_structure"].score: 3.5 is out of range; scores run from 0 to 3`
public struct Diagnostic: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Path of the file the problem is in, as the user gave it.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// What the problem concerns: a field path, a rule, a flag.
    public var subject: String?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, subject: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.subject = subject
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        if let file {
            var location = file
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            parts.append(location)
        }
        if let subject { parts.append(subject) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

/// An error that ends a command, with the exit status it maps to.
public struct CSMError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// Invalid command-line usage (exit 2).
        case usage
        /// Invalid input: a file, a model, a rule pack (exit 2).
        case input
        /// A rule failed while it ran (exit 3).
        case ruleFailure
        /// A bug or an environment problem csm cannot recover from (exit 70).
        case `internal`
    }

    public var kind: Kind
    public var diagnostics: [Diagnostic]

    public init(_ kind: Kind, _ diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    public init(_ kind: Kind, _ diagnostic: Diagnostic) {
        self.init(kind, [diagnostic])
    }

    public static func usage(_ message: String) -> CSMError {
        CSMError(.usage, Diagnostic(message: message))
    }

    public static func input(_ diagnostic: Diagnostic) -> CSMError {
        CSMError(.input, diagnostic)
    }

    public var exitCode: Int32 {
        switch kind {
        case .usage, .input: return 2
        case .ruleFailure: return 3
        case .internal: return 70
        }
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
