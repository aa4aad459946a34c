import CSMLua
import CSMSystem

/// Why a rule stopped.
public struct RuleFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A Lua error raised by the rule.
        case error
        /// The rule reached the memory limit.
        case memory
        /// The rule ran more instructions than its budget.
        case instructions
        /// The rule ran longer than the wall-clock limit.
        case time
        case interrupted
        /// The rule returned a value of the wrong type.
        case invalidResult = "invalid_result"
    }

    public let kind: Kind
    public let message: String
    public let ruleID: String?
    public let pack: String
    /// The rule file and line where it happened, or where the rule is declared.
    public let file: String
    public let line: Int?

    /// The status this failure gives the rule.
    public var status: RuleOutcome.Status {
        switch kind {
        case .instructions, .time: return .timeout
        default: return .error
        }
    }

    public var diagnostic: Diagnostic {
        let subject = ruleID.map { "rule '\($0)' (pack \(pack))" } ?? "pack \(pack)"
        return Diagnostic(file: file, line: line, subject: subject, message: message)
    }

    public var description: String { diagnostic.description }
}

/// One read or check a rule made, for `--explain` and `why-not`.
public struct TraceEntry: Equatable, Sendable {
    /// The call as written, for example `score("customer_lifecycle.codified_journey")`.
    public let call: String
    /// The value returned, as text.
    public let value: String
    /// What the check compared, for example "score 2.30 already reaches performing (2)".
    public let note: String?
    /// The rule function that made the read: "when", "reason", "priority" or "factor".
    public let phase: String

    public init(call: String, value: String, note: String?, phase: String = "when") {
        self.call = call
        self.value = value
        self.note = note
        self.phase = phase
    }
}

/// What happened to one rule on one assessment.
///
/// A class, not a struct: planning passes outcomes around and groups them, and
/// copying eight fields each time was a large share of a run.
public final class RuleOutcome: Sendable {
    public enum Status: String, Sendable {
        case fired
        case notFired = "not_fired"
        case error
        case timeout
        /// Not evaluated because the run stopped at an earlier failure.
        case skipped
    }

    public let rule: RuleDefinition
    public let status: Status
    /// The one-line reason, when the rule fired.
    public let reason: String?
    /// Priority factor from `priority()` (proposing rules) or `factor` (adjust rules).
    public let factor: Double?
    public let factorReason: String?
    public let failure: RuleFailure?
    public let trace: [TraceEntry]
    /// Lines the rule printed.
    public let log: [String]

    public init(rule: RuleDefinition, status: Status, reason: String?, factor: Double?, factorReason: String?,
                failure: RuleFailure?, trace: [TraceEntry], log: [String]) {
        self.rule = rule
        self.status = status
        self.reason = reason
        self.factor = factor
        self.factorReason = factorReason
        self.failure = failure
        self.trace = trace
        self.log = log
    }
}

/// The outcomes of all active rules on one assessment.
public struct RuleRun: Sendable {
    public let outcomes: [RuleOutcome]

    public var failures: [RuleFailure] {
        outcomes.compactMap(\.failure)
    }

    public func outcome(ruleID: String) -> RuleOutcome? {
        outcomes.first { $0.rule.id == ruleID }
    }
}

extension LuaValue {
    /// Text for a traced value: numbers with two decimals, strings quoted.
    public var traceText: String {
        switch self {
        case .nil: return "nil"
        case let .bool(flag): return flag ? "true" : "false"
        case let .integer(value): return String(value)
        case let .number(value):
            if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
            return Formatting.fixed(value, 2)
        case let .string(text): return "\"" + text + "\""
        case .bytes: return "(bytes)"
        case let .array(items): return "{" + items.map(\.traceText).joined(separator: ", ") + "}"
        case .map: return "{...}"
        case .function: return "function"
        case let .other(name): return name
        }
    }
}
