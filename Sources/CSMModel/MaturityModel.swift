import CSMSystem

/// The maturity model: competencies, dimensions, level descriptors, weights,
/// known facts and KPIs. The built-in model is data embedded in the binary;
/// `--model FILE` replaces it.
public final class MaturityModel: Sendable {
    public let id: String
    public let version: String
    public let name: String
    /// Where the structure comes from.
    public let source: String
    /// Who wrote the level descriptors.
    public let descriptorsNote: String
    /// Target score for dimensions whose assessment gives none.
    public let defaultTarget: Double
    public let levels: [LevelDefinition]
    public let competencies: [Competency]
    /// All dimensions, in model order (competency by competency).
    public let dimensions: [Dimension]
    public let facts: [FactDefinition]
    /// Groups for KPIs in scorecards, in display order.
    public let kpiCategories: [KPICategory]
    public let kpis: [KPIDefinition]
    /// SHA-256 of the model file's bytes.
    public let sha256: String
    /// "builtin" or the path the model was loaded from.
    public let origin: String

    private let dimensionIndex: [String: Int]
    private let competencyIndex: [String: Int]
    private let factIndex: [String: Int]
    private let kpiIndex: [String: Int]
    private let normalizedWeights: [String: Double]

    init(id: String, version: String, name: String, source: String, descriptorsNote: String, defaultTarget: Double,
         levels: [LevelDefinition], competencies: [Competency], dimensions: [Dimension], facts: [FactDefinition],
         kpiCategories: [KPICategory], kpis: [KPIDefinition], sha256: String, origin: String) {
        self.id = id
        self.version = version
        self.name = name
        self.source = source
        self.descriptorsNote = descriptorsNote
        self.defaultTarget = defaultTarget
        self.levels = levels
        self.competencies = competencies
        self.dimensions = dimensions
        self.facts = facts
        self.kpiCategories = kpiCategories
        self.kpis = kpis
        self.sha256 = sha256
        self.origin = origin
        dimensionIndex = Dictionary(uniqueKeysWithValues: dimensions.enumerated().map { ($0.element.id, $0.offset) })
        competencyIndex = Dictionary(uniqueKeysWithValues: competencies.enumerated().map { ($0.element.id, $0.offset) })
        factIndex = Dictionary(uniqueKeysWithValues: facts.enumerated().map { ($0.element.id, $0.offset) })
        kpiIndex = Dictionary(uniqueKeysWithValues: kpis.enumerated().map { ($0.element.code, $0.offset) })

        // Effective weight = competency weight x dimension weight, scaled so the mean is 1.
        var raw: [String: Double] = [:]
        for dimension in dimensions {
            let competencyWeight = competencies.first { $0.id == dimension.competencyID }?.weight ?? 1
            raw[dimension.id] = competencyWeight * dimension.weight
        }
        let mean = raw.values.reduce(0, +) / Double(max(raw.count, 1))
        normalizedWeights = raw.mapValues { mean > 0 ? $0 / mean : 1 }
    }

    public func dimension(_ id: String) -> Dimension? {
        dimensionIndex[id].map { dimensions[$0] }
    }

    public func competency(_ id: String) -> Competency? {
        competencyIndex[id].map { competencies[$0] }
    }

    public func fact(_ id: String) -> FactDefinition? {
        factIndex[id].map { facts[$0] }
    }

    public func kpi(_ code: String) -> KPIDefinition? {
        kpiIndex[code].map { kpis[$0] }
    }

    public func levelDefinition(_ level: Level) -> LevelDefinition {
        levels.first { $0.level == level } ?? LevelDefinition(level: level, name: level.id, summary: "")
    }

    /// The dimension's weight for priorities: competency weight x dimension
    /// weight, scaled so the mean over all dimensions is 1.
    public func priorityWeight(of dimensionID: String) -> Double {
        normalizedWeights[dimensionID] ?? 1
    }

    /// Position of a dimension in model order, for stable sorting.
    public func order(of dimensionID: String) -> Int {
        dimensionIndex[dimensionID] ?? Int.max
    }

    public var dimensionIDs: [String] { dimensions.map(\.id) }
    public var competencyIDs: [String] { competencies.map(\.id) }
    public var factIDs: [String] { facts.map(\.id) }
    public var kpiCodes: [String] { kpis.map(\.code) }
}

public struct LevelDefinition: Sendable {
    public let level: Level
    public let name: String
    public let summary: String
}

public struct Competency: Sendable {
    public let id: String
    public let name: String
    public let description: String
    public let weight: Double
    /// Full ids of its dimensions, in model order.
    public let dimensionIDs: [String]
}

public struct Dimension: Sendable {
    /// Full id: `competency.dimension`.
    public let id: String
    /// Id within its competency: `dimension`.
    public let shortID: String
    public let competencyID: String
    public let name: String
    /// Short name for tables and terminals, for example "Proactive engagement".
    public let label: String
    public let description: String
    public let weight: Double
    public let descriptors: [Level: LevelDescriptor]
}

/// What an assessor sees at one level of one dimension.
public struct LevelDescriptor: Sendable {
    public let descriptor: String
    /// Artefacts to ask for as evidence.
    public let evidence: String
}

/// A fact an assessment may give about the company, with its type and valid range.
public struct FactDefinition: Sendable {
    public enum Kind: Equatable, Sendable {
        case number(minimum: Double, maximum: Double)
        case integer(minimum: Double, maximum: Double)
        /// A decimal share: 0.88 means 88 %.
        case ratio(minimum: Double, maximum: Double)
        case boolean
        case choice([String])

        public var typeName: String {
            switch self {
            case .number: return "number"
            case .integer: return "integer"
            case .ratio: return "ratio"
            case .boolean: return "boolean"
            case .choice: return "choice"
            }
        }
    }

    public let id: String
    public let name: String
    public let description: String
    public let kind: Kind
    /// "USD", "ratio", "count", "days", "points", or nil.
    public let unit: String?
}

/// A value given for a fact.
public enum FactValue: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case bool(Bool)
    case text(String)

    public var description: String {
        switch self {
        case let .number(value): return Formatting.compact(value)
        case let .bool(value): return value ? "true" : "false"
        case let .text(value): return value
        }
    }

    public var number: Double? {
        if case let .number(value) = self { return value }
        return nil
    }
}

/// A group of KPIs, for example "Retention and growth".
public struct KPICategory: Sendable {
    public let id: String
    public let name: String
}

public struct KPIDefinition: Sendable {
    public enum Direction: String, Sendable {
        case higher, lower
        /// Neither direction is better in itself: the KPI has a healthy range (ARR per CSM, for example).
        case range
    }

    public enum Baseline: Equatable, Sendable {
        /// The value of one fact.
        case fact(String)
        /// One fact divided by another.
        case ratio(String, String)
    }

    public let code: String
    public let name: String
    /// The id of its `KPICategory`, or nil when the model defines none.
    public let category: String?
    public let description: String
    public let unit: String?
    public let better: Direction
    public let baseline: Baseline?
}
