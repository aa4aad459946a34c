import CSMEvaluator
import CSMLua
import CSMModel

/// Builds the read-only data rules see through the rule API, once per assessment.
enum AssessmentView {
    static func make(_ evaluation: Evaluation) -> LuaValue {
        var dimensions: [(String, LuaValue)] = []
        for result in evaluation.dimensions {
            var fields: [(String, LuaValue)] = [
                ("id", .string(result.id)),
                ("competency", .string(result.competencyID)),
                ("name", .string(result.name)),
                ("assessed", .bool(result.isAssessed)),
                ("target", .number(result.target)),
                ("target_level", .string(result.targetLevel.id)),
            ]
            if let score = result.score, let level = result.level, let gap = result.gap {
                fields += [("score", .number(score)), ("level", .string(level.id)), ("gap", .number(gap))]
            }
            if let percent = result.percentOfTarget { fields.append(("percent_of_target", .number(percent))) }
            if let spread = result.spread {
                fields.append(("spread", .object([
                    ("count", .integer(Int64(spread.count))),
                    ("min", .number(spread.minimum)),
                    ("max", .number(spread.maximum)),
                    ("mean", .number(spread.mean)),
                    ("stddev", .number(spread.standardDeviation)),
                ])))
            }
            dimensions.append((result.id, .object(fields)))
        }

        let competencies = evaluation.competencies.map { competency in
            (competency.id, aggregate(competency.aggregate, extra: [("id", .string(competency.id)), ("name", .string(competency.name))]))
        }
        let facts: [(String, LuaValue)] = evaluation.assessment.facts.map { fact in
            switch fact.value {
            case let .number(value): return (fact.id, .number(value))
            case let .bool(value): return (fact.id, .bool(value))
            case let .text(value): return (fact.id, .string(value))
            }
        }
        let organization = evaluation.assessment.organization
        var organizationFields: [(String, LuaValue)] = [("name", .string(organization.name))]
        if let segment = organization.segment { organizationFields.append(("segment", .string(segment.rawValue))) }
        if let industry = organization.industry { organizationFields.append(("industry", .string(industry))) }
        if let region = organization.region { organizationFields.append(("region", .string(region))) }

        return .object([
            ("dimensions", .object(dimensions)),
            ("competencies", .object(competencies)),
            ("overall", aggregate(evaluation.overall, extra: [])),
            ("facts", .object(facts)),
            ("organization", .object(organizationFields)),
            ("assessed_on", .string(evaluation.assessment.assessedOn.description)),
            ("assessed_at", .integer(evaluation.assessment.assessedOn.unixTime)),
        ])
    }

    private static func aggregate(_ aggregate: Aggregate, extra: [(String, LuaValue)]) -> LuaValue {
        var fields = extra
        fields.append(("assessed", .integer(Int64(aggregate.assessedCount))))
        if let score = aggregate.score { fields.append(("score", .number(score))) }
        if let level = aggregate.level { fields.append(("level", .string(level.id))) }
        if let target = aggregate.target { fields.append(("target", .number(target))) }
        if let gap = aggregate.gap { fields.append(("gap", .number(gap))) }
        return .object(fields)
    }

    /// The model catalog the prelude needs to validate ids.
    static func catalog(_ model: MaturityModel) -> LuaValue {
        .object([
            ("dimensions", .array(model.dimensions.map {
                .object([("id", .string($0.id)), ("short", .string($0.shortID)), ("competency", .string($0.competencyID)),
                         ("name", .string($0.label))])
            })),
            ("competencies", .array(model.competencies.map { .object([("id", .string($0.id))]) })),
            ("levels", .array(Level.allCases.map { .object([("id", .string($0.id)), ("threshold", .integer(Int64($0.rawValue)))]) })),
            ("facts", .strings(model.factIDs)),
            ("fact_choices", .object(model.facts.compactMap { fact in
                if case let .choice(values) = fact.kind { return (fact.id, .strings(values)) }
                return nil
            })),
        ])
    }
}
