import CSMEvaluator
import CSMLua
import CSMModel
import CSMSystem

/// A `--set PACK.PARAM=VALUE` request.
public struct ParameterSetting: Equatable, Sendable {
    public let pack: String
    public let name: String
    public let value: String

    public init(pack: String, name: String, value: String) {
        self.pack = pack
        self.name = name
        self.value = value
    }

    /// Parses "PACK.PARAM=VALUE".
    public static func parse(_ text: String) throws(CSMError) -> ParameterSetting {
        guard let equals = text.firstIndex(of: "=") else {
            throw .usage("invalid --set '\(text)'; expected PACK.PARAM=VALUE, for example core.grr_floor=0.9")
        }
        let key = text[..<equals]
        let value = String(text[text.index(after: equals)...])
        guard let dot = key.firstIndex(of: "."), dot != key.startIndex, key.index(after: dot) != key.endIndex else {
            throw .usage("invalid --set '\(text)'; name the pack and the parameter as PACK.PARAM=VALUE, for example core.grr_floor=0.9")
        }
        return ParameterSetting(pack: String(key[..<dot]), name: String(key[key.index(after: dot)...]), value: value)
    }
}

/// Options for one evaluation.
public struct EvaluationOptions: Sendable {
    /// Record every read and check rules make.
    public var trace: Bool
    /// Stop at the first failing rule; later rules are skipped.
    public var stopOnFailure: Bool
    /// Evaluate only these rules (active or not); nil means every active rule.
    public var rules: [RuleDefinition]?
    /// Parameter values for this evaluation only, by pack name.
    public var parameters: [String: [(name: String, value: ParameterValue)]]

    public init(trace: Bool = false, stopOnFailure: Bool = true, rules: [RuleDefinition]? = nil,
                parameters: [String: [(name: String, value: ParameterValue)]] = [:]) {
        self.trace = trace
        self.stopOnFailure = stopOnFailure
        self.rules = rules
        self.parameters = parameters
    }
}

/// Loads rule packs into a sandboxed Lua state and evaluates their rules.
public final class RuleEngine {
    public let catalog: RuleCatalog
    public let model: MaturityModel
    private var vm: LuaVM
    private let packIndex: [String: Int]
    /// What `configure` was given, to build a fresh state after one is abandoned.
    private let configuration: LuaValue
    private let limits: LuaLimits
    /// The active rules and their driver indices, computed once because every evaluation needs them.
    private let activeRules: [RuleDefinition]
    private let activeIndices: LuaValue
    /// Lua states abandoned because a rule got stuck in C code.
    public private(set) var abandonedStates = 0
    /// After this many abandoned states, remaining rules are skipped.
    static let maximumAbandonedStates = 4

    /// Problems found while loading: invalid input (exit 2) and rules that
    /// failed while their file ran (exit 3).
    public struct LoadReport: Sendable {
        public var problems: [Diagnostic] = []
        public var failures: [RuleFailure] = []

        public var isClean: Bool { problems.isEmpty && failures.isEmpty }

        /// The report as the error a command exits with.
        public var error: CSMError? {
            if !problems.isEmpty { return CSMError(.input, problems + failures.map(\.diagnostic)) }
            if !failures.isEmpty { return CSMError(.ruleFailure, failures.map(\.diagnostic)) }
            return nil
        }
    }

    /// Loads the packs; throws when anything is wrong with them.
    public convenience init(sources: [RulePackSource], model: MaturityModel, settings: [ParameterSetting] = [],
                            limits: LuaLimits = .defaults) throws(CSMError) {
        let (engine, report) = RuleEngine.load(sources: sources, model: model, settings: settings, limits: limits)
        if let error = report.error { throw error }
        guard let engine else { throw CSMError(.internal, Diagnostic(message: "the rule engine could not start")) }
        self.init(copying: engine)
    }

    private init(copying other: RuleEngine) {
        catalog = other.catalog
        model = other.model
        vm = other.vm
        packIndex = other.packIndex
        configuration = other.configuration
        limits = other.limits
        activeRules = other.activeRules
        activeIndices = other.activeIndices
    }

    private init(catalog: RuleCatalog, model: MaturityModel, vm: LuaVM, configuration: LuaValue, limits: LuaLimits) {
        self.catalog = catalog
        self.model = model
        self.vm = vm
        self.configuration = configuration
        self.limits = limits
        activeRules = catalog.active
        activeIndices = .array(activeRules.map { .integer(Int64($0.engineIndex)) })
        var index: [String: Int] = [:]
        for (offset, pack) in catalog.packs.enumerated() { index[pack.name] = offset + 1 }
        packIndex = index
    }

    /// Loads the packs and returns every problem instead of throwing, for `csm rules check`.
    public static func load(sources: [RulePackSource], model: MaturityModel, settings: [ParameterSetting] = [],
                            limits: LuaLimits = .defaults) -> (RuleEngine?, LoadReport) {
        var report = LoadReport()
        let packs = resolvePacks(sources, settings: settings, report: &report)
        guard report.problems.isEmpty else { return (nil, report) }

        let vm: LuaVM
        do {
            vm = try LuaVM(limits: limits)
        } catch {
            report.problems.append(Diagnostic(message: error.description))
            return (nil, report)
        }

        let configuration: LuaValue = .object([
            ("model", AssessmentView.catalog(model)),
            ("packs", .array(packs.map { pack in
                .object([
                    ("name", .string(pack.name)),
                    ("params", .object(pack.parameters.map { ($0.name, luaValue($0.value)) })),
                    ("files", .array(pack.source.luaFiles.map { file in
                        .object([("path", .string(file.displayPath)), ("source", .bytes(file.bytes))])
                    })),
                ])
            })),
        ])
        let answer: LuaValue
        do {
            answer = try vm.call("configure", configuration)
        } catch {
            if error.kind == .stuck {
                report.failures.append(stuckFileFailure(error, packs: packs, limits: limits))
            } else {
                report.problems.append(Diagnostic(message: "cannot load rule packs: \(error.description)"))
            }
            return (nil, report)
        }

        var declared: [[RuleDefinition]] = Array(repeating: [], count: packs.count)
        for file in answer["files"].arrayValue ?? [] {
            let packPosition = Int(file["pack"].integerValue ?? 1) - 1
            guard packs.indices.contains(packPosition) else { continue }
            let pack = packs[packPosition]
            let path = file["path"].stringValue ?? "?"
            let problem = file["error"]
            if !problem.isNil {
                let failure = loadFailure(problem, pack: pack.name, path: path)
                if problem["kind"].stringValue == "syntax" { report.problems.append(failure.diagnostic) }
                else { report.failures.append(failure) }
                continue
            }
            var reader = DeclarationReader(model: model, pack: pack.name)
            for declaration in file["declarations"].arrayValue ?? [] {
                if let rule = reader.read(declaration) { declared[packPosition].append(rule) }
            }
            report.problems += reader.problems
        }

        let (catalog, layering) = RuleCatalog.layer(packs: packs, declared: declared)
        report.problems += layering
        return (RuleEngine(catalog: catalog, model: model, vm: vm, configuration: configuration, limits: limits), report)
    }

    /// The failure of a rule file whose top-level code got stuck in C code while loading.
    private static func stuckFileFailure(_ error: LuaError, packs: [LoadedPack], limits: LuaLimits) -> RuleFailure {
        let code = -error.ruleIndex
        let packPosition = code / 100_000 - 1
        let filePosition = code % 100_000 - 1
        var file = "?"
        var pack = "?"
        if packs.indices.contains(packPosition) {
            pack = packs[packPosition].name
            let files = packs[packPosition].source.luaFiles
            if files.indices.contains(filePosition) { file = files[filePosition].displayPath }
        }
        let line = error.file == file ? error.line : nil
        return RuleFailure(kind: .time, message: stuckMessage(limits), ruleID: nil, pack: pack, file: file, line: line)
    }

    static func stuckMessage(_ limits: LuaLimits) -> String {
        "time limit exceeded (\(Formatting.compact(limits.seconds)) seconds) inside a library call such as a string pattern match; the call could not be interrupted, so its Lua state was abandoned"
    }

    /// Reads manifests, drops a built-in pack replaced by a same-named directory, and resolves parameters.
    private static func resolvePacks(_ sources: [RulePackSource], settings: [ParameterSetting],
                                     report: inout LoadReport) -> [LoadedPack] {
        var packs: [LoadedPack] = []
        for source in sources {
            let manifest: PackManifest
            if let file = source.manifestFile {
                do {
                    manifest = try PackManifest.read(bytes: file.bytes, file: file.displayPath)
                } catch {
                    report.problems += error.diagnostics
                    continue
                }
            } else {
                manifest = .implicit(name: source.defaultName)
            }
            for file in source.luaFiles {
                if let problem = checkSourceText(file) { report.problems.append(problem) }
            }
            if let earlier = packs.firstIndex(where: { $0.name == manifest.name }) {
                if packs[earlier].origin == "builtin" {
                    packs.remove(at: earlier)  // a directory named like the built-in pack replaces it
                } else {
                    report.problems.append(Diagnostic(file: source.origin, subject: "pack '\(manifest.name)'",
                        message: "two rule packs are named '\(manifest.name)' (the other is \(packs[earlier].origin)); pack names must be unique"))
                    continue
                }
            }
            let parameters = manifest.parameters.map { (name: $0.name, value: $0.defaultValue) }
            packs.append(LoadedPack(manifest: manifest, origin: source.origin, sha256: source.contentHash,
                                    parameters: parameters, source: source))
        }
        return applySettings(settings, to: packs, report: &report)
    }

    private static func applySettings(_ settings: [ParameterSetting], to packs: [LoadedPack],
                                      report: inout LoadReport) -> [LoadedPack] {
        var result = packs
        for setting in settings {
            let subject = "--set \(setting.pack).\(setting.name)"
            guard let position = result.firstIndex(where: { $0.name == setting.pack }) else {
                let names = result.map(\.name)
                report.problems.append(Diagnostic(subject: subject,
                    message: "unknown pack '\(setting.pack)'\(Suggestions.hint(for: setting.pack, in: names)); loaded packs: \(names.joined(separator: ", "))"))
                continue
            }
            let pack = result[position]
            guard let parameter = pack.manifest.parameter(setting.name) else {
                let valid = pack.manifest.parameters.map { "\($0.name) (\($0.type.rawValue))" }
                let names = pack.manifest.parameters.map(\.name)
                report.problems.append(Diagnostic(subject: subject,
                    message: "pack '\(pack.name)' has no parameter '\(setting.name)'\(Suggestions.hint(for: setting.name, in: names)); valid parameters: \(valid.isEmpty ? "none" : valid.joined(separator: ", "))"))
                continue
            }
            guard let value = ParameterValue.parse(setting.value, as: parameter.type) else {
                var message = "invalid value '\(setting.value)' for parameter '\(parameter.name)'; expected \(parameter.type.rawValue == "integer" ? "an integer" : parameter.type.rawValue == "boolean" ? "true or false" : "a " + parameter.type.rawValue)"
                if let range = parameter.rangeDescription { message += " \(range)" }
                if setting.value.hasSuffix("%") { message += " (write ratios as decimals: 0.9 for 90 %)" }
                report.problems.append(Diagnostic(subject: subject, message: message))
                continue
            }
            if let problem = parameter.problem(with: value) {
                report.problems.append(Diagnostic(subject: subject, message: "invalid value for parameter '\(parameter.name)': \(problem)"))
                continue
            }
            var parameters = pack.parameters
            if let index = parameters.firstIndex(where: { $0.name == setting.name }) { parameters[index].value = value }
            result[position] = LoadedPack(manifest: pack.manifest, origin: pack.origin, sha256: pack.sha256,
                                          parameters: parameters, source: pack.source)
        }
        return result
    }

    /// Rejects precompiled chunks and text that is not UTF-8.
    private static func checkSourceText(_ file: RulePackSource.File) -> Diagnostic? {
        if file.bytes.first == 0x1B {
            return Diagnostic(file: file.displayPath, message: "precompiled Lua bytecode is not allowed; rule files must be Lua source text")
        }
        if String(validating: file.bytes, as: UTF8.self) == nil {
            var offset = 0
            var iterator = file.bytes.makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case let .scalarValue(scalar): offset += String(scalar).utf8.count
                case .emptyInput, .error: break decoding
                }
            }
            return Diagnostic(file: file.displayPath, message: "rule file is not valid UTF-8 text (invalid byte at offset \(offset))")
        }
        return nil
    }

    private static func loadFailure(_ problem: LuaValue, pack: String, path: String) -> RuleFailure {
        let kind = RuleFailure.Kind(rawValue: problem["kind"].stringValue ?? "error") ?? .error
        var message = problem["message"].stringValue ?? "unknown error"
        var file = problem["file"].stringValue ?? path
        var line = problem["line"].integerValue.map(Int.init)
        if problem["kind"].stringValue == "syntax" {
            // Lua's message starts with "path:line:"; move the location out of the message.
            (file, line, message) = splitLocation(message, fallbackFile: path)
        } else {
            message = stripLocation(message, file: file, line: line)
        }
        if kind == .memory { message = "memory limit exceeded while the file ran: \(message)" }
        return RuleFailure(kind: kind, message: message, ruleID: nil, pack: pack, file: file, line: line)
    }

    static func splitLocation(_ message: String, fallbackFile: String) -> (String, Int?, String) {
        guard let found = leadingLocation(message, file: fallbackFile) else { return (fallbackFile, nil, message) }
        return (fallbackFile, found.line, String(found.rest))
    }

    /// Removes a leading "file:line: " that repeats the location shown separately.
    static func stripLocation(_ message: String, file: String, line: Int?) -> String {
        guard let line, let found = leadingLocation(message, file: file), found.line == line else { return message }
        return String(found.rest)
    }

    /// Reads a leading "FILE:LINE: ", where FILE is `file` or, as Lua 5.4 writes
    /// chunk names longer than 59 bytes, "..." followed by the end of `file`.
    static func leadingLocation(_ message: String, file: String) -> (line: Int, rest: Substring)? {
        let rest: Substring
        if message.hasPrefix(file + ":") {
            rest = message.dropFirst(file.count + 1)
        } else if message.hasPrefix("..."), let colon = message.firstIndex(of: ":"),
                  file.hasSuffix(message[message.index(message.startIndex, offsetBy: 3)..<colon]) {
            rest = message[message.index(after: colon)...]
        } else {
            return nil
        }
        guard let colon = rest.firstIndex(of: ":"), let line = Int(rest[..<colon]) else { return nil }
        return (line, rest[rest.index(after: colon)...].drop { $0 == " " })
    }

    static func luaValue(_ value: ParameterValue) -> LuaValue {
        switch value {
        case let .number(number): return .number(number)
        case let .integer(number): return .integer(number)
        case let .string(text): return .string(text)
        case let .boolean(flag): return .bool(flag)
        }
    }

    // MARK: - Evaluation

    /// Evaluates the rules on one assessment.
    public func evaluate(_ evaluation: Evaluation, options: EvaluationOptions = EvaluationOptions()) throws(CSMError) -> RuleRun {
        let rules = options.rules ?? activeRules
        if vm.isAbandoned {
            // An earlier assessment left the state stuck in C code (and stopped there): start afresh.
            guard abandonedStates < RuleEngine.maximumAbandonedStates else {
                throw CSMError(.ruleFailure, Diagnostic(message: "rules got stuck in library calls \(abandonedStates) times, "
                    + "so this rule engine evaluates no more assessments; fix the rules that timed out"))
            }
            try replaceState()
        }
        var outcomes: [Int: RuleOutcome] = [:]
        var pending = rules
        // A rule stuck in C code costs the Lua state: record it as timed out and go on with a fresh state.
        while !pending.isEmpty {
            do {
                let run = try evaluateOnce(evaluation, rules: pending, options: options)
                // The common case: no rule got stuck in C code, so one call evaluated them all.
                if outcomes.isEmpty { return run }
                for outcome in run.outcomes { outcomes[outcome.rule.engineIndex] = outcome }
                pending = []
            } catch let stuck as StuckRule {
                let located = stuck.file != nil && stuck.line != nil
                let failure = RuleFailure(kind: .time, message: RuleEngine.stuckMessage(limits), ruleID: stuck.rule.id,
                                          pack: stuck.rule.location.pack, file: located ? stuck.file! : stuck.rule.location.file,
                                          line: located ? stuck.line : stuck.rule.location.line)
                outcomes[stuck.rule.engineIndex] = RuleOutcome(rule: stuck.rule, status: .timeout, reason: nil, factor: nil,
                                                                factorReason: nil, failure: failure, trace: [], log: [])
                pending.removeAll { $0.engineIndex == stuck.rule.engineIndex }
                if options.stopOnFailure || abandonedStates >= RuleEngine.maximumAbandonedStates {
                    for rule in pending { outcomes[rule.engineIndex] = RuleOutcome(rule: rule, status: .skipped, reason: nil, factor: nil,
                                                                                  factorReason: nil, failure: nil, trace: [], log: []) }
                    pending = []
                } else {
                    try replaceState()
                }
            } catch let error as CSMError {
                throw error
            } catch {
                throw CSMError(.internal, Diagnostic(message: "rule evaluation failed: \(error)"))
            }
        }
        return RuleRun(outcomes: rules.compactMap { outcomes[$0.engineIndex] })
    }

    private struct StuckRule: Error {
        let rule: RuleDefinition
        /// The last rule line the hook saw before the call got stuck.
        let file: String?
        let line: Int?
    }

    /// Rule files that keep state between assessments, so they run again before each
    /// one; the others only get their globals restored, which is much cheaper.
    public func statefulFiles() throws(CSMError) -> [String] {
        let states: LuaValue
        do {
            states = try vm.call("file_states", .nil)
        } catch {
            throw CSMError(.internal, Diagnostic(message: "cannot list rule file states: \(error.description)"))
        }
        return (states.arrayValue ?? []).compactMap { entry in
            entry["stateless"].boolValue == true ? nil : entry["path"].stringValue
        }
    }

    /// Builds a fresh Lua state with the same packs after the previous one was abandoned.
    private func replaceState() throws(CSMError) {
        do {
            let fresh = try LuaVM(limits: limits)
            _ = try fresh.call("configure", configuration)
            vm = fresh
        } catch {
            throw CSMError(.ruleFailure, Diagnostic(message: "cannot restart the rule engine after a stuck rule: \(error.description)"))
        }
    }

    private func evaluateOnce(_ evaluation: Evaluation, rules: [RuleDefinition], options: EvaluationOptions) throws -> RuleRun {
        var overrides: [(LuaValue, LuaValue)] = []
        for (packName, values) in options.parameters {
            guard let index = packIndex[packName] else { continue }
            overrides.append((.integer(Int64(index)), .object(values.map { ($0.name, RuleEngine.luaValue($0.value)) })))
        }
        let request: LuaValue = .object([
            ("view", AssessmentView.make(evaluation)),
            ("rules", rules.count == activeRules.count && rules.elementsEqual(activeRules, by: ===)
                ? activeIndices : .array(rules.map { .integer(Int64($0.engineIndex)) })),
            ("trace", .bool(options.trace)),
            ("stop_on_error", .bool(options.stopOnFailure)),
            ("params", .map(overrides.map { (key: $0.0, value: $0.1) })),
        ])
        let answer: LuaValue
        do {
            answer = try vm.call("evaluate", request)
        } catch {
            if error.kind == .stuck {
                abandonedStates += 1
                let stuckRule = rules.first { $0.engineIndex == error.ruleIndex } ?? rules[0]
                throw StuckRule(rule: stuckRule, file: error.file, line: error.line)
            }
            throw CSMError(error.kind == .memory ? .ruleFailure : .internal,
                           Diagnostic(message: "rule evaluation failed: \(error.description)"))
        }
        let results = answer["results"].arrayValue ?? []
        var outcomes: [RuleOutcome] = []
        outcomes.reserveCapacity(rules.count)
        for (offset, rule) in rules.enumerated() {
            outcomes.append(outcome(for: rule, result: offset < results.count ? results[offset] : .nil))
        }
        return RuleRun(outcomes: outcomes)
    }

    private func outcome(for rule: RuleDefinition, result: LuaValue) -> RuleOutcome {
        if case .integer(0) = result {  // the driver's short form for a quiet rule
            return RuleOutcome(rule: rule, status: .notFired, reason: nil, factor: nil, factorReason: nil,
                               failure: nil, trace: [], log: [])
        }
        let trace = (result["trace"].arrayValue ?? []).map { entry in
            TraceEntry(call: entry["call"].stringValue ?? "?", value: entry["value"].traceText, note: entry["note"].stringValue,
                       phase: entry["phase"].stringValue ?? "when")
        }
        let log = (result["log"].arrayValue ?? []).compactMap(\.stringValue)
        func failed(_ failure: RuleFailure) -> RuleOutcome {
            RuleOutcome(rule: rule, status: failure.status, reason: nil, factor: nil, factorReason: nil,
                        failure: failure, trace: trace, log: log)
        }

        switch result["status"].stringValue {
        case "fired":
            break
        case "not_fired":
            return RuleOutcome(rule: rule, status: .notFired, reason: nil, factor: nil, factorReason: nil,
                               failure: nil, trace: trace, log: log)
        case "skipped":
            return RuleOutcome(rule: rule, status: .skipped, reason: nil, factor: nil, factorReason: nil,
                               failure: nil, trace: trace, log: log)
        default:
            return failed(failure(rule, result["error"]))
        }

        var reason: String?
        switch result["reason"] {
        case .nil: reason = nil
        case let .string(text): reason = text
        default:
            return failed(invalid(rule, "reason must be a string, got \(result["reason"].typeName)"))
        }

        let field = rule.kind == .adjust ? "factor()" : "priority()"
        let expected = "\(field) must return a number from 0 to 10"
        var factor: Double?
        switch result["factor"] {
        case .nil:
            if rule.kind == .adjust { return failed(invalid(rule, "\(expected), got nil")) }
        case .integer, .number:
            let value = result["factor"].doubleValue!
            guard value.isFinite else { return failed(invalid(rule, "\(expected), got a number that is not finite (\(value.isNaN ? "nan" : value > 0 ? "inf" : "-inf"))")) }
            guard value >= 0 && value <= 10 else { return failed(invalid(rule, "\(expected), got \(result["factor"].traceText)")) }
            factor = value
        default:
            return failed(invalid(rule, "\(expected), got \(result["factor"].typeName)"))
        }

        var factorReason: String?
        switch result["factor_reason"] {
        case .nil: factorReason = nil
        case let .string(text): factorReason = text
        default: return failed(invalid(rule, "\(field) must return a string as its second value, got \(result["factor_reason"].typeName)"))
        }
        return RuleOutcome(rule: rule, status: .fired, reason: reason, factor: factor, factorReason: factorReason,
                           failure: nil, trace: trace, log: log)
    }

    private func failure(_ rule: RuleDefinition, _ error: LuaValue) -> RuleFailure {
        let kind = RuleFailure.Kind(rawValue: error["kind"].stringValue ?? "error") ?? .error
        let file = error["file"].stringValue ?? rule.location.file
        let line = error["line"].integerValue.map(Int.init) ?? (error["file"].isNil ? rule.location.line : nil)
        var message = RuleEngine.stripLocation(error["message"].stringValue ?? "unknown error", file: file, line: line)
        switch kind {
        case .memory: message = "memory limit exceeded (\(message))"
        default: break
        }
        return RuleFailure(kind: kind, message: message, ruleID: rule.id, pack: rule.location.pack, file: file, line: line)
    }

    private func invalid(_ rule: RuleDefinition, _ message: String) -> RuleFailure {
        RuleFailure(kind: .invalidResult, message: message, ruleID: rule.id, pack: rule.location.pack,
                    file: rule.location.file, line: rule.location.line)
    }

    /// Bytes the rule engine's Lua heap holds now.
    public var memoryInUse: Int { vm.memoryInUse }
}
