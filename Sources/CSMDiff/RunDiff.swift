import CSMSystem

/// What changed between two runs, keyed by stable ids so rewording never looks
/// like a removal plus an addition.
public struct RunDiff: Sendable {
    /// A kind of difference, as named by `--fail-on`.
    public enum Kind: String, CaseIterable, Sendable {
        case scores
        case levelUp = "level-up"
        case levelDown = "level-down"
        case added
        case resolved
        case priority
        case rank
        case phase
        case text
        case reasons
    }

    public struct ScoreChange: Sendable {
        public let id: String
        public let name: String
        public let old: RunSnapshot.Score?
        public let new: RunSnapshot.Score?

        /// new - old, when both are scored.
        public var delta: Double? {
            guard let old = old?.score, let new = new?.score else { return nil }
            return new - old
        }

        /// +1 when the level rose, -1 when it fell, 0 otherwise.
        public var levelCrossing: Int {
            guard let old = old?.level, let new = new?.level,
                  let oldRank = RunDiff.levelOrder.firstIndex(of: old), let newRank = RunDiff.levelOrder.firstIndex(of: new) else { return 0 }
            return newRank > oldRank ? 1 : newRank < oldRank ? -1 : 0
        }

        /// Share of the old gap closed: (old gap - new gap) / old gap; nil without an old gap.
        public var progressTowardTarget: Double? {
            guard let oldGap = old?.gap, let newGap = new?.gap, oldGap > 0 else { return nil }
            return (oldGap - newGap) / oldGap
        }

        public var changed: Bool {
            old?.score != new?.score || old?.level != new?.level || old?.target != new?.target
        }
    }

    public struct InitiativeChange: Sendable {
        public let id: String
        public let old: RunSnapshot.Initiative
        public let new: RunSnapshot.Initiative

        public var priorityChanged: Bool { old.priority != new.priority }
        public var rankChanged: Bool { old.rank != new.rank }
        public var phaseChanged: Bool { old.phase != new.phase }
        public var textChanged: Bool {
            old.title != new.title || old.summary != new.summary || old.actions != new.actions
                || old.effort != new.effort || old.impact != new.impact || old.toward != new.toward || old.dimensions != new.dimensions
        }
        public var reasonsChanged: Bool {
            old.reasons.map(\.rule) != new.reasons.map(\.rule) || old.reasons.map(\.text) != new.reasons.map(\.text)
        }
        public var isChanged: Bool { priorityChanged || rankChanged || phaseChanged || textChanged || reasonsChanged }

        /// The kinds of change, in a fixed order.
        public var kinds: [Kind] {
            var kinds: [Kind] = []
            if priorityChanged { kinds.append(.priority) }
            if rankChanged { kinds.append(.rank) }
            if phaseChanged { kinds.append(.phase) }
            if textChanged { kinds.append(.text) }
            if reasonsChanged { kinds.append(.reasons) }
            return kinds
        }
    }

    /// One input that differs between the runs.
    public struct InputChange: Equatable, Sendable {
        public enum Subject: String, Sendable {
            case assessment, rules, model, engine
        }

        public let subject: Subject
        public let description: String
    }

    static let levelOrder = ["reactive", "adopting", "performing", "optimizing"]

    public let old: RunSnapshot
    public let new: RunSnapshot
    public let overall: ScoreChange
    public let competencies: [ScoreChange]
    public let dimensions: [ScoreChange]
    /// In the new run only, by new rank.
    public let added: [RunSnapshot.Initiative]
    /// In the old run only (done, or no longer recommended), by old rank.
    public let resolved: [RunSnapshot.Initiative]
    /// In both runs with a difference, by new rank.
    public let changed: [InitiativeChange]
    public let unchangedCount: Int
    public let inputs: [InputChange]

    /// The kinds of difference found.
    public var kinds: Set<Kind> {
        var kinds: Set<Kind> = []
        let scoreChanges = [overall] + competencies + dimensions
        if scoreChanges.contains(where: \.changed) { kinds.insert(.scores) }
        if scoreChanges.contains(where: { $0.levelCrossing > 0 }) { kinds.insert(.levelUp) }
        if scoreChanges.contains(where: { $0.levelCrossing < 0 }) { kinds.insert(.levelDown) }
        if !added.isEmpty { kinds.insert(.added) }
        if !resolved.isEmpty { kinds.insert(.resolved) }
        for change in changed { kinds.formUnion(change.kinds) }
        return kinds
    }

    public var hasDifferences: Bool { !kinds.isEmpty }

    /// A one-line explanation of which inputs differ, for example
    /// "same assessment; rules changed: pack acme 1.2.0 → 1.3.0".
    public var inputSummary: String {
        var parts: [String] = []
        let assessment = inputs.filter { $0.subject == .assessment }
        parts.append(assessment.isEmpty ? "same assessment" : assessment.map(\.description).joined(separator: "; "))
        let rules = inputs.filter { $0.subject == .rules }
        parts.append(rules.isEmpty ? "same rules" : "rules changed: " + rules.map(\.description).joined(separator: ", "))
        for change in inputs where change.subject == .model || change.subject == .engine { parts.append(change.description) }
        return parts.joined(separator: "; ")
    }

    /// Compares two runs. Runs of different models cannot be compared.
    public static func compare(_ old: RunSnapshot, _ new: RunSnapshot) throws(CSMError) -> RunDiff {
        guard old.provenance.modelID == new.provenance.modelID else {
            throw CSMError(.input, Diagnostic(subject: "diff",
                message: "the runs use different models (\(old.label): \(old.provenance.modelID) \(old.provenance.modelVersion); \(new.label): \(new.provenance.modelID) \(new.provenance.modelVersion)), so their scores cannot be compared"))
        }
        let oldIDs = old.dimensions.map(\.id)
        let newIDs = new.dimensions.map(\.id)
        guard Set(oldIDs) == Set(newIDs) else {
            throw CSMError(.input, Diagnostic(subject: "diff",
                message: "the runs use models with different dimensions (\(old.label) and \(new.label)), so their scores cannot be compared"))
        }

        let overall = ScoreChange(id: "overall", name: "Overall", old: old.overall, new: new.overall)
        let competencies = pairScores(old.competencies, new.competencies)
        let dimensions = pairScores(old.dimensions, new.dimensions)

        var added: [RunSnapshot.Initiative] = []
        var changed: [InitiativeChange] = []
        var unchanged = 0
        for initiative in new.initiatives {
            guard let previous = old.initiative(initiative.id) else {
                added.append(initiative)
                continue
            }
            let change = InitiativeChange(id: initiative.id, old: previous, new: initiative)
            if change.isChanged { changed.append(change) } else { unchanged += 1 }
        }
        let resolved = old.initiatives.filter { new.initiative($0.id) == nil }
        return RunDiff(old: old, new: new, overall: overall, competencies: competencies, dimensions: dimensions,
                       added: added, resolved: resolved, changed: changed, unchangedCount: unchanged,
                       inputs: inputChanges(old.provenance, new.provenance))
    }

    private static func pairScores(_ old: [RunSnapshot.Score], _ new: [RunSnapshot.Score]) -> [ScoreChange] {
        var ids = new.map(\.id)
        for score in old where !ids.contains(score.id) { ids.append(score.id) }
        return ids.map { id in
            let before = old.first { $0.id == id }
            let after = new.first { $0.id == id }
            return ScoreChange(id: id, name: after?.name ?? before?.name ?? id, old: before, new: after)
        }
    }

    static func inputChanges(_ old: RunSnapshot.Provenance, _ new: RunSnapshot.Provenance) -> [InputChange] {
        var changes: [InputChange] = []
        if old.assessmentHash != new.assessmentHash {
            changes.append(InputChange(subject: .assessment, description: "different assessments (\(old.assessmentSource) → \(new.assessmentSource))"))
        }
        for pack in new.packs {
            guard let before = old.packs.first(where: { $0.name == pack.name }) else {
                changes.append(InputChange(subject: .rules, description: "pack \(pack.name) \(pack.version) added"))
                continue
            }
            if before.hash != pack.hash {
                let versions = before.version == pack.version
                    ? "\(pack.version), content changed without a new version" : "\(before.version) → \(pack.version)"
                changes.append(InputChange(subject: .rules, description: "pack \(pack.name) \(versions)"))
            } else if before.version != pack.version {
                changes.append(InputChange(subject: .rules, description: "pack \(pack.name) \(before.version) → \(pack.version), same content"))
            }
        }
        for pack in old.packs where !new.packs.contains(where: { $0.name == pack.name }) {
            changes.append(InputChange(subject: .rules, description: "pack \(pack.name) \(pack.version) removed"))
        }
        if old.modelVersion != new.modelVersion || old.modelHash != new.modelHash {
            let versions = old.modelVersion == new.modelVersion ? "\(new.modelVersion), content changed" : "\(old.modelVersion) → \(new.modelVersion)"
            changes.append(InputChange(subject: .model, description: "model \(new.modelID) \(versions)"))
        }
        if old.engineVersion != new.engineVersion {
            changes.append(InputChange(subject: .engine, description: "engine csm \(old.engineVersion) → \(new.engineVersion)"))
        }
        return changes
    }

    /// Parses `--fail-on scores,added`.
    public static func parseKinds(_ text: String) throws(CSMError) -> Set<Kind> {
        var kinds: Set<Kind> = []
        let valid = Kind.allCases.map(\.rawValue)
        for part in text.split(separator: ",") {
            let name = String(part.drop { $0 == " " })
            guard let kind = Kind(rawValue: name) else {
                throw .usage("unknown difference kind '\(name)' for --fail-on\(Suggestions.hint(for: name, in: valid)); kinds: \(valid.joined(separator: ", "))")
            }
            kinds.insert(kind)
        }
        if kinds.isEmpty { throw .usage("--fail-on needs at least one kind: \(valid.joined(separator: ", "))") }
        return kinds
    }
}
