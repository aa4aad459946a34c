import CSMSystem

/// A phase of the roadmap, for example "Now", months 0 to 3.
public struct PhaseDefinition: Equatable, Sendable {
    public let name: String
    public let startMonth: Int
    public let endMonth: Int

    public init(name: String, startMonth: Int, endMonth: Int) {
        self.name = name
        self.startMonth = startMonth
        self.endMonth = endMonth
    }

    /// "0–3 months".
    public var span: String { "\(startMonth)–\(endMonth) months" }
}

/// How initiatives are laid out in phases.
public struct RoadmapPolicy: Equatable, Sendable {
    public var phases: [PhaseDefinition]
    /// Initiatives a phase may hold; nil means no limit.
    public var capacity: Int?

    public init(phases: [PhaseDefinition] = RoadmapPolicy.standardPhases, capacity: Int? = 5) {
        self.phases = phases
        self.capacity = capacity
    }

    public static let standardPhases = [
        PhaseDefinition(name: "Now", startMonth: 0, endMonth: 3),
        PhaseDefinition(name: "Next", startMonth: 3, endMonth: 6),
        PhaseDefinition(name: "Later", startMonth: 6, endMonth: 12),
    ]

    public static let standard = RoadmapPolicy()

    /// Parses "Now:3,Next:6,Later:12": each phase's name and the month it ends.
    public static func parsePhases(_ text: String) throws(CSMError) -> [PhaseDefinition] {
        var phases: [PhaseDefinition] = []
        var start = 0
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, let end = Int(pieces[1].trimmingSpaces), !pieces[0].trimmingSpaces.isEmpty else {
                throw .usage("invalid --phases '\(text)'; expected NAME:END_MONTH pairs, for example Now:3,Next:6,Later:12")
            }
            guard end > start else {
                throw .usage("invalid --phases '\(text)': phase '\(pieces[0].trimmingSpaces)' must end after month \(start)")
            }
            phases.append(PhaseDefinition(name: String(pieces[0].trimmingSpaces), startMonth: start, endMonth: end))
            start = end
        }
        guard !phases.isEmpty, phases.count <= 12 else {
            throw .usage("invalid --phases '\(text)'; give 1 to 12 phases")
        }
        let names = phases.map(\.name)
        if Set(names).count != names.count { throw .usage("invalid --phases '\(text)': phase names must differ") }
        return phases
    }
}

/// Initiatives laid out in phases.
public struct Roadmap: Sendable {
    public struct Phase: Sendable {
        public let definition: PhaseDefinition
        /// Initiative ids, prerequisites before the initiatives that need them, otherwise by rank.
        public let initiativeIDs: [String]
    }

    /// A prerequisite no rule proposed: the assessment shows no gap there, so it is taken as in place.
    public struct AssumedPrerequisite: Equatable, Sendable {
        public let initiativeID: String
        public let prerequisiteID: String
    }

    public let phases: [Phase]
    /// Initiatives that did not fit any phase, by rank.
    public let backlog: [String]
    public let capacity: Int?
    public let assumed: [AssumedPrerequisite]

    /// The phase name of an initiative, or nil when it is in the backlog.
    public func phase(of id: String) -> String? {
        phases.first { $0.initiativeIDs.contains(id) }?.definition.name
    }
}

/// Lays ranked initiatives out in phases.
///
/// Initiatives are taken by rank. Before an initiative is placed, its
/// prerequisites are placed (pulled forward even when they rank lower). An
/// initiative goes into the earliest phase that has room and is not earlier
/// than any of its prerequisites' phases; when no phase has room, it and
/// everything that requires it go to the backlog. A prerequisite no rule
/// proposed is taken as already in place and listed in `assumed`.
public enum RoadmapPlanner {
    public static func plan(_ plan: Plan, policy: RoadmapPolicy = .standard) throws(CSMError) -> Roadmap {
        // Positions, not copies: an initiative is a large value.
        var byID: [String: Int] = [:]
        for position in plan.initiatives.indices { byID[plan.initiatives[position].id] = position }
        var phaseOf: [String: Int] = [:]
        var backlog: Set<String> = []
        var members: [[String]] = Array(repeating: [], count: policy.phases.count)
        var assumed: [Roadmap.AssumedPrerequisite] = []
        var visiting: [String] = []

        func place(_ id: String) throws(CSMError) {
            if phaseOf[id] != nil || backlog.contains(id) { return }
            if let start = visiting.firstIndex(of: id) {
                let cycle = Array(visiting[start...]) + [id]
                throw CSMError(.input, Diagnostic(subject: "roadmap",
                    message: "the prerequisites of these initiatives form a cycle: \(cycle.joined(separator: " → ")); change 'requires' in the rules that propose them"))
            }
            guard let position = byID[id] else { return }
            visiting.append(id)
            var earliest = 0
            var blocked = false
            for prerequisite in plan.initiatives[position].requires {
                guard byID[prerequisite] != nil else {
                    assumed.append(Roadmap.AssumedPrerequisite(initiativeID: id, prerequisiteID: prerequisite))
                    continue
                }
                try place(prerequisite)
                if let phase = phaseOf[prerequisite] { earliest = max(earliest, phase) } else { blocked = true }
            }
            visiting.removeLast()
            if blocked {
                backlog.insert(id)
                return
            }
            var phase = earliest
            while phase < members.count, let capacity = policy.capacity, members[phase].count >= capacity { phase += 1 }
            if phase < members.count {
                phaseOf[id] = phase
                members[phase].append(id)
            } else {
                backlog.insert(id)
            }
        }

        for initiative in plan.initiatives { try place(initiative.id) }
        let phases = zip(policy.phases, members).map { Roadmap.Phase(definition: $0.0, initiativeIDs: $0.1) }
        // The plan is in rank order, so filtering it orders the backlog by rank.
        let orderedBacklog = plan.initiatives.indices.map { plan.initiatives[$0].id }.filter { backlog.contains($0) }
        return Roadmap(phases: phases, backlog: orderedBacklog, capacity: policy.capacity, assumed: assumed)
    }
}
