import CSMEvaluator
import CSMJSON
import CSMModel
import CSMPlanning
import CSMPortfolio
import CSMRules
import CSMSystem

/// The JSON form of a run record ("csm.run/v1"): keys in a fixed order, numbers
/// rounded, so the same inputs give byte-identical output.
extension RunRecord {
    public var json: JSON {
        var fields: [(String, JSON)] = [
            ("schema", .string(CSMVersion.runSchema)),
            ("engine", .object([("name", .string("csm")), ("version", .string(engineVersion)), ("lua", .string(luaVersion))])),
            ("model", .object([
                ("id", .string(model.id)), ("version", .string(model.version)),
                ("origin", .string(model.origin)), ("sha256", .string(model.sha256)),
            ])),
            ("rule_packs", .array(packs.map(packJSON))),
            ("assessment", assessmentJSON),
            ("summary", summaryJSON),
            ("competencies", .array(evaluation.competencies.map(competencyJSON))),
            ("dimensions", .array(evaluation.dimensions.map(dimensionJSON))),
            ("facts", .object(assessment.facts.map { ($0.id, factJSON($0.value)) })),
            ("initiatives", .array(plan.initiatives.map(initiativeJSON))),
            ("roadmap", roadmapJSON),
            ("scorecard", scorecardJSON),
            ("rules", .array(sortedOutcomes.map(outcomeJSON))),
        ]
        if let portfolio { fields.append(("portfolio", portfolioJSON(portfolio))) }
        fields.append(("warnings", .array(warningsJSON)))
        return .object(fields)
    }

    /// The record as pretty-printed JSON text.
    public var jsonText: String {
        JSONWriter.write(json, pretty: true)
    }

    private func portfolioJSON(_ position: PortfolioPosition) -> JSON {
        .object([
            ("clients", .int(Int64(position.clientCount))),
            ("dimensions", .array(position.dimensions.map { entry in
                .object([
                    ("id", .string(entry.dimensionID)),
                    ("score", number(entry.score, 3)),
                    ("percentile", number(entry.percentile, 1)),
                    ("median", number(entry.median, 3)),
                    ("assessed_clients", .int(Int64(entry.assessedClients))),
                ])
            })),
        ])
    }

    private func packJSON(_ pack: LoadedPack) -> JSON {
        .object([
            ("name", .string(pack.name)),
            ("version", .string(pack.manifest.version)),
            ("api_version", .int(Int64(pack.manifest.apiVersion))),
            ("origin", .string(pack.origin)),
            ("sha256", .string(pack.sha256)),
            ("parameters", .object(pack.parameters.map { ($0.name, parameterJSON($0.value)) })),
        ])
    }

    private var assessmentJSON: JSON {
        let organization = assessment.organization
        var organizationFields: [(String, JSON)] = [("name", .string(organization.name))]
        if let segment = organization.segment { organizationFields.append(("segment", .string(segment.rawValue))) }
        if let industry = organization.industry { organizationFields.append(("industry", .string(industry))) }
        if let region = organization.region { organizationFields.append(("region", .string(region))) }
        var fields: [(String, JSON)] = [
            ("source", .string(assessment.source)),
            ("sha256", .string(assessment.sha256)),
            ("organization", .object(organizationFields)),
            ("assessed_on", .string(assessment.assessedOn.description)),
        ]
        if let assessor = assessment.assessor { fields.append(("assessor", .string(assessor))) }
        fields.append(("content", assessment.content))
        return .object(fields)
    }

    private var summaryJSON: JSON {
        let overall = evaluation.overall
        return .object([
            ("overall", aggregateJSON(overall)),
            ("initiatives", .int(Int64(plan.initiatives.count))),
            ("rules", .object(statusCounts.map { ($0.status.rawValue, .int(Int64($0.count))) })),
        ])
    }

    private func aggregateJSON(_ aggregate: Aggregate) -> JSON {
        .object([
            ("score", number(aggregate.score, 4)),
            ("level", aggregate.level.map { .string($0.id) } ?? .null),
            ("target", number(aggregate.target, 4)),
            ("target_level", aggregate.targetLevel.map { .string($0.id) } ?? .null),
            ("gap", number(aggregate.gap, 4)),
            ("percent_of_target", number(aggregate.percentOfTarget, 2)),
            ("assessed_dimensions", .int(Int64(aggregate.assessedCount))),
            ("dimensions", .int(Int64(aggregate.dimensionCount))),
        ])
    }

    private func competencyJSON(_ competency: CompetencyResult) -> JSON {
        guard case var .object(fields) = aggregateJSON(competency.aggregate) else { return .null }
        fields.insert(("weight", .double(competency.weight)), at: 0)
        fields.insert(("name", .string(competency.name)), at: 0)
        fields.insert(("id", .string(competency.id)), at: 0)
        return .object(fields)
    }

    private func dimensionJSON(_ result: DimensionResult) -> JSON {
        var fields: [(String, JSON)] = [
            ("id", .string(result.id)),
            ("competency", .string(result.competencyID)),
            ("name", .string(result.name)),
            ("label", .string(result.label)),
            ("assessed", .bool(result.isAssessed)),
            ("score", number(result.score, 4)),
            ("level", result.level.map { .string($0.id) } ?? .null),
            ("score_source", .string(result.scoreSource.rawValue)),
            ("target", number(result.target, 4)),
            ("target_level", .string(result.targetLevel.id)),
            ("target_source", .string(result.targetSource.rawValue)),
            ("gap", number(result.gap, 4)),
            ("percent_of_target", number(result.percentOfTarget, 2)),
        ]
        if let spread = result.spread {
            fields.append(("spread", .object([
                ("count", .int(Int64(spread.count))),
                ("unknown", .int(Int64(spread.unknownCount))),
                ("min", number(spread.minimum, 4)),
                ("max", number(spread.maximum, 4)),
                ("mean", number(spread.mean, 4)),
                ("stddev", number(spread.standardDeviation, 4)),
                ("respondents", .array(spread.entries.map {
                    .object([("id", .string($0.respondentID)), ("role", .string($0.role)), ("score", number($0.score, 4))])
                })),
            ])))
        } else {
            fields.append(("spread", .null))
        }
        fields.append(("evidence", result.evidence.map(JSON.string) ?? .null))
        if let notes = result.notes { fields.append(("notes", .string(notes))) }
        if let reason = result.reason { fields.append(("reason", .string(reason))) }
        return .object(fields)
    }

    private func initiativeJSON(_ initiative: Initiative) -> JSON {
        .object([
            ("rank", .int(Int64(initiative.rank))),
            ("priority", number(initiative.priority, 2)),
            ("id", .string(initiative.id)),
            ("title", .string(initiative.title)),
            ("summary", .string(initiative.summary)),
            ("actions", .array(initiative.actions.map(JSON.string))),
            ("dimensions", .array(initiative.dimensions.map(JSON.string))),
            ("competencies", .array(initiative.competencies.map(JSON.string))),
            ("toward", .string(initiative.toward.id)),
            ("phase", roadmap.phase(of: initiative.id).map(JSON.string) ?? .null),
            ("effort", .string(initiative.effort.rawValue)),
            ("impact", .string(initiative.impact.rawValue)),
            ("kpis", .array(initiative.kpis.map(JSON.string))),
            ("requires", .array(initiative.requires.map(JSON.string))),
            ("reasons", .array(initiative.reasons.map(reasonJSON))),
            ("priority_breakdown", breakdownJSON(initiative.breakdown)),
        ])
    }

    private var roadmapJSON: JSON {
        .object([
            ("capacity", roadmap.capacity.map { .int(Int64($0)) } ?? .null),
            ("phases", .array(roadmap.phases.map { phase in
                .object([
                    ("name", .string(phase.definition.name)),
                    ("start_month", .int(Int64(phase.definition.startMonth))),
                    ("end_month", .int(Int64(phase.definition.endMonth))),
                    ("initiatives", .array(phase.initiativeIDs.map(JSON.string))),
                ])
            })),
            ("backlog", .array(roadmap.backlog.map(JSON.string))),
            ("assumed_in_place", .array(roadmap.assumed.map {
                .object([("initiative", .string($0.initiativeID)), ("requires", .string($0.prerequisiteID))])
            })),
        ])
    }

    private var scorecardJSON: JSON {
        .array(scorecard.groups.map { group in
            .object([
                ("category", group.category.map { .string($0.id) } ?? .null),
                ("name", .string(group.category?.name ?? "Other")),
                ("kpis", .array(group.entries.map { entry in
                    .object([
                        ("code", .string(entry.kpi.code)),
                        ("name", .string(entry.kpi.name)),
                        ("unit", entry.kpi.unit.map(JSON.string) ?? .null),
                        ("better", .string(entry.kpi.better.rawValue)),
                        ("baseline", number(entry.baseline, 4)),
                        ("baseline_text", entry.baselineText.map(JSON.string) ?? .null),
                        ("initiatives", .array(entry.initiativeIDs.map(JSON.string))),
                    ])
                })),
            ])
        })
    }

    private func reasonJSON(_ reason: InitiativeReason) -> JSON {
        var fields: [(String, JSON)] = [
            ("rule", .string(reason.ruleID)),
            ("pack", .string(reason.pack)),
            ("text", .string(reason.text)),
        ]
        if explained { fields.append(("reads", traceJSON(reason.trace))) }
        return .object(fields)
    }

    private func traceJSON(_ trace: [TraceEntry]) -> JSON {
        .array(trace.map { entry in
            var fields: [(String, JSON)] = [("call", .string(entry.call)), ("value", .string(entry.value))]
            if let note = entry.note { fields.append(("note", .string(note))) }
            return .object(fields)
        })
    }

    private func breakdownJSON(_ breakdown: PriorityBreakdown) -> JSON {
        .object([
            ("dimension", breakdown.dimensionID.map(JSON.string) ?? .null),
            ("gap", number(breakdown.gap, 4)),
            ("effective_gap", number(breakdown.effectiveGap, 4)),
            ("weight", number(breakdown.weight, 4)),
            ("impact", .string(breakdown.impact.rawValue)),
            ("impact_value", number(breakdown.impact.multiplier, 2)),
            ("effort", .string(breakdown.effort.rawValue)),
            ("effort_value", number(breakdown.effort.divisor, 2)),
            ("levels_ahead", .int(Int64(breakdown.levelsAhead))),
            ("step_factor", number(breakdown.stepFactor, 4)),
            ("base", number(breakdown.base, 4)),
            ("factors", .array(breakdown.factors.map { factor in
                var fields: [(String, JSON)] = [
                    ("rule", .string(factor.ruleID)),
                    ("pack", .string(factor.pack)),
                    ("kind", .string(factor.kind)),
                    ("factor", number(factor.factor, 4)),
                    ("reason", .string(factor.reason)),
                ]
                if explained { fields.append(("reads", traceJSON(factor.trace))) }
                return .object(fields)
            })),
            ("combined_factor", number(breakdown.combinedFactor, 4)),
            ("priority", number(breakdown.priority, 2)),
            ("base_rule", .string(breakdown.baseRuleID)),
        ])
    }

    /// Rule outcomes by pack order, then rule id, so renaming or reordering rule files keeps the order.
    var sortedOutcomes: [RuleOutcome] {
        let packOrder = Dictionary(uniqueKeysWithValues: packs.enumerated().map { ($0.element.name, $0.offset) })
        return ruleRun.outcomes.sorted { a, b in
            let packA = packOrder[a.rule.location.pack] ?? 0
            let packB = packOrder[b.rule.location.pack] ?? 0
            return packA != packB ? packA < packB : a.rule.id.utf8.lexicographicallyPrecedes(b.rule.id.utf8)
        }
    }

    private func outcomeJSON(_ outcome: RuleOutcome) -> JSON {
        var fields: [(String, JSON)] = [
            ("id", .string(outcome.rule.id)),
            ("pack", .string(outcome.rule.location.pack)),
            ("kind", .string(outcome.rule.kind.rawValue)),
            ("file", .string(outcome.rule.location.file)),
            ("line", .int(Int64(outcome.rule.location.line))),
            ("status", .string(outcome.status.rawValue)),
        ]
        if let failure = outcome.failure {
            fields.append(("error", .object([
                ("kind", .string(failure.kind.rawValue)),
                ("message", .string(failure.message)),
                ("file", .string(failure.file)),
                ("line", failure.line.map { .int(Int64($0)) } ?? .null),
            ])))
        }
        if outcome.rule.kind == .adjust, outcome.status == .fired, let factor = outcome.factor {
            fields.append(("factor", number(factor, 4)))
        }
        if explained && !outcome.trace.isEmpty { fields.append(("reads", traceJSON(outcome.trace))) }
        if !outcome.log.isEmpty { fields.append(("log", .array(outcome.log.map(JSON.string)))) }
        return .object(fields)
    }

    /// Evaluation warnings, then plan warnings, then one warning per failed rule.
    public var warningMessages: [(code: String, dimension: String?, message: String)] {
        var list: [(code: String, dimension: String?, message: String)] = evaluation.warnings.map {
            (code: $0.code.rawValue, dimension: $0.dimensionID, message: $0.message)
        }
        list += plan.warnings.map { (code: "initiative_conflict", dimension: nil, message: $0.message) }
        list += sortedOutcomes.compactMap(\.failure).map { (code: "rule_failed", dimension: nil, message: $0.description) }
        return list
    }

    private var warningsJSON: [JSON] {
        warningMessages.map { warning in
            var fields: [(String, JSON)] = [("code", .string(warning.code))]
            if let dimension = warning.dimension { fields.append(("dimension", .string(dimension))) }
            fields.append(("message", .string(warning.message)))
            return .object(fields)
        }
    }

    private func factJSON(_ value: FactValue) -> JSON {
        switch value {
        case let .number(number): return .double(number)
        case let .bool(flag): return .bool(flag)
        case let .text(text): return .string(text)
        }
    }

    private func parameterJSON(_ value: ParameterValue) -> JSON {
        switch value {
        case let .number(number): return .double(number)
        case let .integer(number): return .int(number)
        case let .string(text): return .string(text)
        case let .boolean(flag): return .bool(flag)
        }
    }

    private func number(_ value: Double?, _ decimals: Int) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .double(Formatting.round(value, decimals))
    }
}
