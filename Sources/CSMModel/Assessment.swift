import CSMJSON

/// One client's assessment, validated against the model.
public struct Assessment: Sendable {
    /// The path the assessment was read from, as given ("-" for standard input).
    public let source: String
    /// SHA-256 of the file's bytes.
    public let sha256: String
    /// The file's content, kept for the run record.
    public let content: JSON
    public let organization: Organization
    public let assessedOn: CalendarDate
    public let assessor: String?
    /// The file-level target, when given.
    public let target: Double?
    /// Facts in model order, then custom `x_` facts by name.
    public let facts: [(id: String, value: FactValue)]
    /// Entries of the "dimensions" object, by full dimension id.
    public let dimensions: [String: DimensionInput]
    public let respondents: [Respondent]

    public func fact(_ id: String) -> FactValue? {
        facts.first { $0.id == id }?.value
    }

    public init(source: String, sha256: String, content: JSON, organization: Organization, assessedOn: CalendarDate,
                assessor: String?, target: Double?, facts: [(id: String, value: FactValue)],
                dimensions: [String: DimensionInput], respondents: [Respondent]) {
        self.source = source
        self.sha256 = sha256
        self.content = content
        self.organization = organization
        self.assessedOn = assessedOn
        self.assessor = assessor
        self.target = target
        self.facts = facts
        self.dimensions = dimensions
        self.respondents = respondents
    }
}

public struct Organization: Equatable, Sendable {
    public enum Segment: String, CaseIterable, Sendable {
        case smb
        case midMarket = "mid-market"
        case enterprise
    }

    public let name: String
    public let segment: Segment?
    public let industry: String?
    public let region: String?

    public init(name: String, segment: Segment? = nil, industry: String? = nil, region: String? = nil) {
        self.name = name
        self.segment = segment
        self.industry = industry
        self.region = region
    }
}

/// What the assessment file says about one dimension.
public struct DimensionInput: Equatable, Sendable {
    /// The consensus score; nil when the file gives none.
    public var score: Double?
    public var target: Double?
    public var evidence: String?
    public var notes: String?
    /// Why the dimension was not scored.
    public var reason: String?

    public init(score: Double? = nil, target: Double? = nil, evidence: String? = nil, notes: String? = nil, reason: String? = nil) {
        self.score = score
        self.target = target
        self.evidence = evidence
        self.notes = notes
        self.reason = reason
    }
}

/// A person who scored the dimensions.
public struct Respondent: Equatable, Sendable {
    public let id: String
    public let role: String
    public let name: String?
    /// Scores by full dimension id; nil means "don't know".
    public let scores: [(dimensionID: String, score: Double?)]

    public init(id: String, role: String, name: String? = nil, scores: [(dimensionID: String, score: Double?)]) {
        self.id = id
        self.role = role
        self.name = name
        self.scores = scores
    }

    public static func == (lhs: Respondent, rhs: Respondent) -> Bool {
        lhs.id == rhs.id && lhs.role == rhs.role && lhs.name == rhs.name
            && lhs.scores.count == rhs.scores.count
            && zip(lhs.scores, rhs.scores).allSatisfy { $0.dimensionID == $1.dimensionID && $0.score == $1.score }
    }
}

/// A date without time zone, as written in files: "2026-10-15".
public struct CalendarDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD".
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Reports whether `text` looks like "YYYY-MM-DD" whether or not the day exists.
    public static func hasDateShape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ($0.element >= 48 && $0.element <= 57) }
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Seconds since 1970-01-01T00:00:00Z at midnight UTC of this date.
    public var unixTime: Int64 {
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146097 + dayOfEra - 719468
        return Int64(days) * 86400
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
