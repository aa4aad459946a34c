import CSMModel
import CSMSystem

/// A rule pack after its manifest is read and its parameters are resolved.
public struct LoadedPack: Sendable {
    public let manifest: PackManifest
    /// "builtin" or the directory as given.
    public let origin: String
    public let sha256: String
    /// Parameter values for this run: defaults, then `--set` values.
    public let parameters: [(name: String, value: ParameterValue)]
    public let source: RulePackSource

    public var name: String { manifest.name }

    public func parameter(_ name: String) -> ParameterValue? {
        parameters.first { $0.name == name }?.value
    }
}

/// Every declared rule with its state after layering the packs.
public struct RuleCatalog: Sendable {
    public enum State: Equatable, Sendable {
        case active
        /// Replaced by a rule with the same id in a later pack.
        case overridden(by: RuleLocation)
        /// Turned off by a later pack's manifest.
        case disabled(byPack: String)

        public var label: String {
            switch self {
            case .active: return "active"
            case .overridden: return "overridden"
            case .disabled: return "disabled"
            }
        }
    }

    public struct Entry: Sendable {
        public let rule: RuleDefinition
        public let state: State
    }

    public let packs: [LoadedPack]
    /// Every valid declaration, in pack order, then file order, then declaration order.
    public let entries: [Entry]

    public var active: [RuleDefinition] {
        entries.filter { $0.state == .active }.map(\.rule)
    }

    public func pack(named name: String) -> LoadedPack? {
        packs.first { $0.name == name }
    }

    public func activeRule(_ id: String) -> RuleDefinition? {
        entries.first { $0.rule.id == id && $0.state == .active }?.rule
    }

    /// Layers the packs: a later pack replaces a rule by id when the rule says
    /// `override = true`, and turns rules off with the manifest's `disable`.
    static func layer(packs: [LoadedPack], declared: [[RuleDefinition]]) -> (RuleCatalog, [Diagnostic]) {
        var problems: [Diagnostic] = []
        var states: [[RuleCatalog.State]] = declared.map { Array(repeating: .active, count: $0.count) }
        var owner: [String: (pack: Int, position: Int)] = [:]

        for (packIndex, rules) in declared.enumerated() {
            var seenInPack: [String: RuleDefinition] = [:]
            for (position, rule) in rules.enumerated() {
                let subject = "rule '\(rule.id)'"
                if let twin = seenInPack[rule.id] {
                    problems.append(Diagnostic(file: rule.location.file, line: rule.location.line, subject: subject,
                                               message: "duplicate rule id; it is also declared at \(twin.location)"))
                    states[packIndex][position] = .disabled(byPack: rule.location.pack)
                    continue
                }
                seenInPack[rule.id] = rule
                if let earlier = owner[rule.id] {
                    let earlierRule = declared[earlier.pack][earlier.position]
                    if rule.overrides {
                        states[earlier.pack][earlier.position] = .overridden(by: rule.location)
                    } else {
                        problems.append(Diagnostic(file: rule.location.file, line: rule.location.line, subject: subject,
                            message: "rule id already declared by pack '\(earlierRule.location.pack)' at \(earlierRule.location); set override = true to replace it, or choose another id"))
                        states[packIndex][position] = .disabled(byPack: rule.location.pack)
                        continue
                    }
                } else if rule.overrides {
                    problems.append(Diagnostic(file: rule.location.file, line: rule.location.line, subject: subject,
                        message: "override = true, but no earlier pack declares a rule with this id\(Suggestions.hint(for: rule.id, in: Array(owner.keys).sorted()))"))
                }
                owner[rule.id] = (packIndex, position)
            }

            let manifest = packs[packIndex].manifest
            for (offset, id) in manifest.disable.enumerated() {
                var location = manifest.disableLocations.indices.contains(offset) ? manifest.disableLocations[offset]
                                                                               : Diagnostic(message: "")
                guard let target = owner[id], target.pack < packIndex else {
                    let known = Array(owner.keys).sorted()
                    if let own = owner[id], own.pack == packIndex {
                        location.message = "rule '\(id)' belongs to this pack; a pack disables rules of earlier packs only, so delete or change this rule instead"
                    } else {
                        location.message = "cannot disable unknown rule '\(id)'\(Suggestions.hint(for: id, in: known)); a pack can disable rules of earlier packs only"
                    }
                    location.subject = "disable"
                    problems.append(location)
                    continue
                }
                states[target.pack][target.position] = .disabled(byPack: manifest.name)
                owner[id] = nil
            }
        }

        var entries: [Entry] = []
        for (packIndex, rules) in declared.enumerated() {
            for (position, rule) in rules.enumerated() {
                entries.append(Entry(rule: rule, state: states[packIndex][position]))
            }
        }
        return (RuleCatalog(packs: packs, entries: entries), problems)
    }
}
