import CSMEvaluator
import CSMModel
import CSMPlanning
import CSMRules
import Foundation
import XCTest

/// Planner tests over small rule packs written to a temporary directory,
/// evaluated on in-memory assessments against the built-in model.
final class PlannerTests: XCTestCase {
    // Dimensions used below, in model order: three of customer_lifecycle, then operating_model, then economic_model.
    static let journey = "customer_lifecycle.codified_journey"
    static let culture = "customer_lifecycle.customer_centric_culture"
    static let proactive = "customer_lifecycle.proactive_engagement"
    static let insights = "operating_model.data_driven_insights"
    static let value = "economic_model.value_measurement"

    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("csm-planner-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    // MARK: - Priority formula

    private struct FormulaCase {
        let name: String
        let score: Double
        let target: Double?
        let toward: String
        let impact: String
        let effort: String
        let priority: Double
        let levelsAhead: Int
        let stepFactor: Double
    }

    // priority = max(gap, 0.25) x weight (1 in the built-in model) x impact / effort x step x 10, rounded to 2 decimals.
    private let formulaCases: [FormulaCase] = [
        FormulaCase(name: "gap 1.5 high medium", score: 0.5, target: nil, toward: "adopting", impact: "high",
                    effort: "medium", priority: 30, levelsAhead: 1, stepFactor: 1),
        FormulaCase(name: "rounds to 2 decimals", score: 0.9, target: nil, toward: "adopting", impact: "medium",
                    effort: "medium", priority: 14.67, levelsAhead: 1, stepFactor: 1),
        FormulaCase(name: "dimension target 3", score: 1.2, target: 3, toward: "performing", impact: "high",
                    effort: "large", priority: 27, levelsAhead: 1, stepFactor: 1),
        FormulaCase(name: "gap 0.7 low small", score: 1.3, target: nil, toward: "performing", impact: "low",
                    effort: "small", priority: 7, levelsAhead: 1, stepFactor: 1),
        FormulaCase(name: "no gap uses 0.25", score: 2, target: nil, toward: "optimizing", impact: "high",
                    effort: "small", priority: 7.5, levelsAhead: 1, stepFactor: 1),
        FormulaCase(name: "gap 0.1 raised to 0.25", score: 1.9, target: nil, toward: "performing", impact: "low",
                    effort: "small", priority: 2.5, levelsAhead: 1, stepFactor: 1),
        FormulaCase(name: "two levels ahead", score: 0.5, target: nil, toward: "performing", impact: "high",
                    effort: "small", priority: 22.5, levelsAhead: 2, stepFactor: 0.5),
        FormulaCase(name: "three levels ahead", score: 0.5, target: 3, toward: "optimizing", impact: "high",
                    effort: "small", priority: 18.75, levelsAhead: 3, stepFactor: 0.25),
        FormulaCase(name: "toward below current level", score: 2.5, target: 3, toward: "adopting", impact: "medium",
                    effort: "small", priority: 10, levelsAhead: 1, stepFactor: 1),
    ]

    func testFormulaExactPriorities() throws {
        for testCase in formulaCases {
            let rule = RuleSpec(id: "codified_journey.formula-plan", dimensions: [Self.journey], toward: testCase.toward,
                                initiative: "formula-plan", effort: testCase.effort, impact: testCase.impact)
            var targets: [String: Double] = [:]
            if let target = testCase.target { targets[Self.journey] = target }
            let plan = try makePlan(packs: [("alpha", [rule.lua])], scores: [Self.journey: testCase.score], targets: targets)

            guard let initiative = plan.initiative("formula-plan") else {
                XCTFail("\(testCase.name): expected initiative 'formula-plan' in the plan")
                continue
            }
            XCTAssertEqual(initiative.priority, testCase.priority, "\(testCase.name): priority")
            XCTAssertEqual(initiative.breakdown.priority, testCase.priority, "\(testCase.name): breakdown priority")
            XCTAssertEqual(initiative.breakdown.levelsAhead, testCase.levelsAhead, "\(testCase.name): levels ahead")
            XCTAssertEqual(initiative.breakdown.stepFactor, testCase.stepFactor, "\(testCase.name): step factor")
            XCTAssertEqual(initiative.breakdown.weight, 1, "\(testCase.name): built-in weights are 1")
            XCTAssertEqual(initiative.breakdown.dimensionID, Self.journey, "\(testCase.name): driving dimension")
            XCTAssertEqual(initiative.breakdown.combinedFactor, 1, "\(testCase.name): no factors means 1")
        }
    }

    func testMinimumGapBreakdown() throws {
        let rule = RuleSpec(id: "codified_journey.at-target", dimensions: [Self.journey], toward: "optimizing",
                            initiative: "at-target", effort: "small", impact: "high")
        let plan = try makePlan(packs: [("alpha", [rule.lua])], scores: [Self.journey: 2])
        let breakdown = try XCTUnwrap(plan.initiative("at-target")?.breakdown, "expected initiative 'at-target'")

        XCTAssertEqual(breakdown.gap, 0, "the dimension is at its target, so its gap is 0")
        XCTAssertEqual(breakdown.effectiveGap, 0.25, "a gap of 0 is raised to the minimum 0.25")
        XCTAssertEqual(breakdown.base, 0.75, accuracy: 1e-12, "base = 0.25 x 1 x 3 / 1 x 1")
        XCTAssertEqual(breakdown.priority, 7.5, "priority = base x 10")
    }

    func testStepFactorBreakdown() throws {
        let twoAhead = RuleSpec(id: "codified_journey.two-ahead", dimensions: [Self.journey], toward: "performing",
                                initiative: "two-ahead", effort: "small", impact: "high")
        let threeAhead = RuleSpec(id: "value_measurement.three-ahead", dimensions: [Self.value], toward: "optimizing",
                                  initiative: "three-ahead", effort: "small", impact: "high")
        let plan = try makePlan(packs: [("alpha", [twoAhead.lua, threeAhead.lua])],
                                scores: [Self.journey: 0.5, Self.value: 0], targets: [Self.value: 3])

        let two = try XCTUnwrap(plan.initiative("two-ahead"), "expected initiative 'two-ahead'")
        XCTAssertEqual(two.breakdown.levelsAhead, 2, "reactive to performing is two levels")
        XCTAssertEqual(two.breakdown.stepFactor, 0.5, "two levels ahead halves the priority")
        XCTAssertEqual(two.priority, 22.5, "1.5 x 3 x 0.5 x 10")

        let three = try XCTUnwrap(plan.initiative("three-ahead"), "expected initiative 'three-ahead'")
        XCTAssertEqual(three.breakdown.levelsAhead, 3, "reactive to optimizing is three levels")
        XCTAssertEqual(three.breakdown.stepFactor, 0.25, "three levels ahead quarters the priority")
        XCTAssertEqual(three.priority, 22.5, "3 x 3 x 0.25 x 10")
    }

    func testFormulaUsesModelWeight() throws {
        // Doubling the customer_lifecycle competency weight gives its dimensions 2 / 1.25 = 1.6 and the others
        // 1 / 1.25 = 0.8, because weights are scaled so their mean over the twelve dimensions is 1.
        let model = try weightedModel(competencyWeight: "2.0")
        let journeyRule = RuleSpec(id: "codified_journey.weighted-j", dimensions: [Self.journey], initiative: "weighted-j",
                                   effort: "medium", impact: "high")
        let valueRule = RuleSpec(id: "value_measurement.weighted-v", dimensions: [Self.value], initiative: "weighted-v",
                                 effort: "medium", impact: "high")
        let plan = try makePlan(packs: [("alpha", [journeyRule.lua, valueRule.lua])],
                                scores: [Self.journey: 0.5, Self.value: 0.5], model: model)

        let journey = try XCTUnwrap(plan.initiative("weighted-j"), "expected initiative 'weighted-j'")
        XCTAssertEqual(journey.breakdown.weight, 1.6, accuracy: 1e-12, "weight of a dimension in the doubled competency")
        XCTAssertEqual(journey.priority, 48, "1.5 x 1.6 x 3 / 1.5 x 10")

        let value = try XCTUnwrap(plan.initiative("weighted-v"), "expected initiative 'weighted-v'")
        XCTAssertEqual(value.breakdown.weight, 0.8, accuracy: 1e-12, "weight of a dimension in another competency")
        XCTAssertEqual(value.priority, 24, "1.5 x 0.8 x 3 / 1.5 x 10")
    }

    func testNotAssessedDimensionUsesMinimumGap() throws {
        let rule = RuleSpec(id: "proactive_engagement.unassessed", dimensions: [Self.proactive], initiative: "unassessed",
                            effort: "small", impact: "high")
        let plan = try makePlan(packs: [("alpha", [rule.lua])], scores: [Self.journey: 1])
        let breakdown = try XCTUnwrap(plan.initiative("unassessed")?.breakdown, "expected initiative 'unassessed'")

        XCTAssertEqual(breakdown.gap, 0, "a dimension that is not assessed has no gap")
        XCTAssertEqual(breakdown.effectiveGap, 0.25, "the minimum gap applies")
        XCTAssertEqual(breakdown.levelsAhead, 1, "levels ahead defaults to 1")
        XCTAssertEqual(breakdown.priority, 7.5, "0.25 x 3 x 10")
    }

    // MARK: - Ranking

    func testTiesBreakByInitiativeID() throws {
        // Declared zeta first, so declaration order alone would put it first.
        let zeta = RuleSpec(id: "codified_journey.zeta-plan", dimensions: [Self.journey], initiative: "zeta-plan")
        let alpha = RuleSpec(id: "codified_journey.alpha-plan", dimensions: [Self.journey], initiative: "alpha-plan")
        let plan = try makePlan(packs: [("alpha", [zeta.lua, alpha.lua])], scores: [Self.journey: 0.5])

        XCTAssertEqual(plan.initiatives.map(\.id), ["alpha-plan", "zeta-plan"], "equal priorities sort by initiative id")
        XCTAssertEqual(plan.initiatives.first?.priority, plan.initiatives.last?.priority, "the two priorities are equal")
        XCTAssertEqual(plan.initiatives.map(\.rank), [1, 2], "ranks follow the order")
    }

    func testRanksAreConsecutive() throws {
        let rules = [
            RuleSpec(id: "codified_journey.small-gap", dimensions: [Self.journey], toward: "performing", initiative: "small-gap"),
            RuleSpec(id: "customer_centric_culture.mid-gap", dimensions: [Self.culture], initiative: "mid-gap"),
            RuleSpec(id: "proactive_engagement.large-gap", dimensions: [Self.proactive], initiative: "large-gap"),
            RuleSpec(id: "data_driven_insights.top-gap", dimensions: [Self.insights], initiative: "top-gap"),
        ]
        let scores = [Self.journey: 1.8, Self.culture: 0.9, Self.proactive: 0.4, Self.insights: 0]
        let plan = try makePlan(packs: [("alpha", rules.map(\.lua))], scores: scores)

        XCTAssertEqual(plan.initiatives.map(\.rank), [1, 2, 3, 4], "ranks run 1 to n")
        XCTAssertEqual(plan.initiatives.map(\.id), ["top-gap", "large-gap", "mid-gap", "small-gap"], "highest priority first")
        let priorities = plan.initiatives.map(\.priority)
        XCTAssertEqual(priorities, priorities.sorted(by: >), "priorities do not increase down the list")
    }

    // MARK: - Merging

    func testMergeKeepsEveryReason() throws {
        let plan = try makePlan(packs: mergePacks(), scores: mergeScores)
        let initiative = try XCTUnwrap(plan.initiative("shared-plan"), "expected initiative 'shared-plan'")

        XCTAssertEqual(plan.initiatives.count, 1, "three proposals of one id give one initiative")
        XCTAssertEqual(initiative.reasons.map(\.ruleID),
                       ["codified_journey.shared-plan", "value_measurement.shared-plan", "customer_centric_culture.shared-plan"],
                       "reasons sorted by pack order, then rule id")
        XCTAssertEqual(initiative.reasons.map(\.pack), ["alpha", "alpha", "beta"], "each reason names its pack")
        XCTAssertEqual(initiative.reasons.map(\.text), ["Reason J.", "Reason V.", "Reason C."], "each rule's own reason text")
    }

    func testMergeUnionsDimensionsKPIsRequires() throws {
        let plan = try makePlan(packs: mergePacks(), scores: mergeScores)
        let initiative = try XCTUnwrap(plan.initiative("shared-plan"), "expected initiative 'shared-plan'")

        XCTAssertEqual(initiative.dimensions, [Self.journey, Self.culture, Self.value], "dimensions in model order")
        XCTAssertEqual(initiative.competencies, ["customer_lifecycle", "economic_model"], "competencies of those dimensions")
        XCTAssertEqual(Set(initiative.kpis), ["TTFV", "ONB_COMP", "CS_ROI", "NPS"], "KPIs of every proposal")
        XCTAssertEqual(initiative.kpis.count, 4, "each KPI listed once")
        XCTAssertEqual(Set(initiative.requires), ["aa-first", "zz-first"], "prerequisites of every proposal")
        XCTAssertEqual(initiative.requires.count, 2, "each prerequisite listed once")
    }

    func testMergeTakesHighestBase() throws {
        let plan = try makePlan(packs: mergePacks(), scores: mergeScores)
        let initiative = try XCTUnwrap(plan.initiative("shared-plan"), "expected initiative 'shared-plan'")

        // Gaps are journey 0.5, culture 1.0 (toward performing) and value 1.5, all with high impact and small effort.
        XCTAssertEqual(initiative.breakdown.baseRuleID, "value_measurement.shared-plan", "the value rule has the largest base")
        XCTAssertEqual(initiative.breakdown.dimensionID, Self.value, "the value dimension drives the priority")
        XCTAssertEqual(initiative.priority, 45, "1.5 x 3 x 10")
        XCTAssertEqual(initiative.toward, .adopting, "toward comes from the rule with the highest base")
    }

    func testDifferentTextsWarnAndLaterPackWins() throws {
        // Alpha's proposal has the larger gap, so its base wins, but beta comes later and its text is used.
        let alpha = RuleSpec(id: "codified_journey.shared-plan", dimensions: [Self.journey], initiative: "shared-plan",
                             title: "Alpha wording", summary: "Alpha summary.")
        let beta = RuleSpec(id: "customer_centric_culture.shared-plan", dimensions: [Self.culture], initiative: "shared-plan",
                            title: "Beta wording", summary: "Beta summary.")
        let plan = try makePlan(packs: [("alpha", [alpha.lua]), ("beta", [beta.lua])],
                                scores: [Self.journey: 0, Self.culture: 1.5])
        let initiative = try XCTUnwrap(plan.initiative("shared-plan"), "expected initiative 'shared-plan'")

        XCTAssertEqual(initiative.title, "Beta wording", "the later pack's title wins")
        XCTAssertEqual(initiative.summary, "Beta summary.", "the later pack's summary wins")
        XCTAssertEqual(initiative.breakdown.baseRuleID, "codified_journey.shared-plan", "the base still comes from the larger gap")
        XCTAssertEqual(plan.warnings.count, 1, "one warning for the conflicting texts")
        XCTAssertEqual(plan.warnings.first?.initiativeID, "shared-plan", "the warning names the initiative")
        let message = plan.warnings.first?.message ?? ""
        XCTAssertTrue(message.contains("codified_journey.shared-plan"), "the warning names the earlier rule: \(message)")
        XCTAssertTrue(message.contains("customer_centric_culture.shared-plan"), "the warning names the later rule: \(message)")
    }

    // MARK: - Factors

    private struct AdjustCase {
        let name: String
        let adjust: String
        /// Initiatives the adjust rule should change.
        let adjusted: Set<String>
        let priorities: [String: Double]
    }

    // Unadjusted: plan-j 45 (gap 1.5), plan-c 30 (gap 1.0, toward performing), plan-v 36 (gap 1.2).
    private let adjustCases: [AdjustCase] = [
        AdjustCase(name: "by dimension",
                   adjust: AdjustSpec(id: "priority.by-dimension", dimensions: [journey], factor: "2").lua,
                   adjusted: ["plan-j"], priorities: ["plan-j": 90, "plan-c": 30, "plan-v": 36]),
        AdjustCase(name: "by initiatives list",
                   adjust: AdjustSpec(id: "priority.by-list", initiatives: ["plan-v"], factor: "2").lua,
                   adjusted: ["plan-v"], priorities: ["plan-j": 45, "plan-c": 30, "plan-v": 72]),
        AdjustCase(name: "toward list filter",
                   adjust: AdjustSpec(id: "priority.toward-list", dimensions: [journey, culture, value],
                                      toward: "{ \"performing\" }", factor: "2").lua,
                   adjusted: ["plan-c"], priorities: ["plan-j": 45, "plan-c": 60, "plan-v": 36]),
        AdjustCase(name: "toward single level",
                   adjust: AdjustSpec(id: "priority.toward-one", dimensions: [journey, culture, value],
                                      toward: "\"adopting\"", factor: "2").lua,
                   adjusted: ["plan-j", "plan-v"], priorities: ["plan-j": 90, "plan-c": 30, "plan-v": 72]),
        AdjustCase(name: "dimension and list once",
                   adjust: AdjustSpec(id: "priority.both", dimensions: [journey], initiatives: ["plan-j"], factor: "2").lua,
                   adjusted: ["plan-j"], priorities: ["plan-j": 90, "plan-c": 30, "plan-v": 36]),
        AdjustCase(name: "factor function",
                   adjust: AdjustSpec(id: "priority.function", dimensions: [value], factor: "function() return 0.5 end").lua,
                   adjusted: ["plan-v"], priorities: ["plan-j": 45, "plan-c": 30, "plan-v": 18]),
        AdjustCase(name: "quiet adjust",
                   adjust: AdjustSpec(id: "priority.quiet", dimensions: [journey, culture, value], factor: "2",
                                      when: "false").lua,
                   adjusted: [], priorities: ["plan-j": 45, "plan-c": 30, "plan-v": 36]),
    ]

    func testAdjustMatchesOnlyTargets() throws {
        let proposals = [
            RuleSpec(id: "codified_journey.plan-j", dimensions: [Self.journey], initiative: "plan-j"),
            RuleSpec(id: "customer_centric_culture.plan-c", dimensions: [Self.culture], toward: "performing", initiative: "plan-c"),
            RuleSpec(id: "value_measurement.plan-v", dimensions: [Self.value], initiative: "plan-v"),
        ]
        let scores = [Self.journey: 0.5, Self.culture: 1, Self.value: 0.8]
        for testCase in adjustCases {
            let plan = try makePlan(packs: [("alpha", proposals.map(\.lua) + [testCase.adjust])], scores: scores)
            for (id, expected) in testCase.priorities.sorted(by: { $0.key < $1.key }) {
                let initiative = plan.initiative(id)
                XCTAssertEqual(initiative?.priority, expected, "\(testCase.name): priority of \(id)")
                XCTAssertEqual(initiative?.breakdown.factors.count, testCase.adjusted.contains(id) ? 1 : 0,
                               "\(testCase.name): factors applied to \(id)")
            }
        }
    }

    func testAdjustAppliesOnceToMergedInitiative() throws {
        let journeyRule = RuleSpec(id: "codified_journey.shared-plan", dimensions: [Self.journey], initiative: "shared-plan")
        let cultureRule = RuleSpec(id: "customer_centric_culture.shared-plan", dimensions: [Self.culture], initiative: "shared-plan")
        let adjust = AdjustSpec(id: "priority.lifecycle", dimensions: [Self.journey, Self.culture], initiatives: ["shared-plan"],
                                factor: "2")
        let plan = try makePlan(packs: [("alpha", [journeyRule.lua, cultureRule.lua, adjust.lua])],
                                scores: [Self.journey: 0.5, Self.culture: 0.8])
        let initiative = try XCTUnwrap(plan.initiative("shared-plan"), "expected initiative 'shared-plan'")

        XCTAssertEqual(initiative.breakdown.factors.map(\.ruleID), ["priority.lifecycle"], "the adjust rule applies once")
        XCTAssertEqual(initiative.breakdown.factors.first?.kind, "adjust", "the factor is recorded as an adjust factor")
        XCTAssertEqual(initiative.priority, 90, "1.5 x 3 x 2 x 10")
    }

    private struct ClampCase {
        let name: String
        let factors: [String]
        let combined: Double
        let priority: Double
    }

    private let clampCases: [ClampCase] = [
        ClampCase(name: "product above 10", factors: ["5", "4"], combined: 10, priority: 450),
        ClampCase(name: "product below 0.1", factors: ["0.2", "0.3"], combined: 0.1, priority: 4.5),
        ClampCase(name: "product inside range", factors: ["2.5", "0.5"], combined: 1.25, priority: 56.25),
    ]

    func testCombinedFactorClamped() throws {
        let proposal = RuleSpec(id: "codified_journey.clamped", dimensions: [Self.journey], initiative: "clamped")
        for testCase in clampCases {
            let adjusts = testCase.factors.enumerated().map { offset, factor in
                AdjustSpec(id: "priority.factor-\(offset)", dimensions: [Self.journey], factor: factor).lua
            }
            let plan = try makePlan(packs: [("alpha", [proposal.lua] + adjusts)], scores: [Self.journey: 0.5])
            let breakdown = plan.initiative("clamped")?.breakdown

            XCTAssertEqual(breakdown?.factors.count, testCase.factors.count, "\(testCase.name): every factor is listed")
            XCTAssertEqual(breakdown?.combinedFactor ?? -1, testCase.combined, accuracy: 1e-9, "\(testCase.name): combined factor")
            XCTAssertEqual(breakdown?.priority, testCase.priority, "\(testCase.name): priority 4.5 x combined x 10")
        }
    }

    func testProposingRulePriorityFactor() throws {
        let boosted = RuleSpec(id: "codified_journey.boosted", dimensions: [Self.journey], initiative: "boosted",
                               priority: "function() return 1.3, \"first-year churn is high\" end")
        let silent = RuleSpec(id: "value_measurement.silent", dimensions: [Self.value], initiative: "silent",
                              priority: "function() end")
        let plan = try makePlan(packs: [("alpha", [boosted.lua, silent.lua])], scores: [Self.journey: 0.5, Self.value: 0.5])

        let boostedInitiative = try XCTUnwrap(plan.initiative("boosted"), "expected initiative 'boosted'")
        XCTAssertEqual(boostedInitiative.priority, 58.5, "4.5 x 1.3 x 10")
        XCTAssertEqual(boostedInitiative.breakdown.factors.map(\.kind), ["priority"], "one factor from priority()")
        XCTAssertEqual(boostedInitiative.breakdown.factors.first?.reason, "first-year churn is high",
                       "the factor keeps the reason priority() returned")
        XCTAssertEqual(boostedInitiative.breakdown.factors.first?.ruleID, "codified_journey.boosted", "the factor names its rule")

        let silentInitiative = try XCTUnwrap(plan.initiative("silent"), "expected initiative 'silent'")
        XCTAssertEqual(silentInitiative.priority, 45, "priority() returning nothing leaves the base")
        XCTAssertTrue(silentInitiative.breakdown.factors.isEmpty, "no factor when priority() returns nothing")
    }

    func testPriorityAndAdjustFactorsMultiply() throws {
        let proposal = RuleSpec(id: "codified_journey.combined", dimensions: [Self.journey], initiative: "combined",
                                priority: "function() return 1.3, \"own reason\" end")
        let adjust = AdjustSpec(id: "priority.double", dimensions: [Self.journey], factor: "2")
        let plan = try makePlan(packs: [("alpha", [proposal.lua, adjust.lua])], scores: [Self.journey: 0.5])
        let breakdown = try XCTUnwrap(plan.initiative("combined")?.breakdown, "expected initiative 'combined'")

        XCTAssertEqual(breakdown.factors.map(\.kind), ["priority", "adjust"], "the rule's own factor comes first")
        XCTAssertEqual(breakdown.combinedFactor, 2.6, accuracy: 1e-12, "1.3 x 2")
        XCTAssertEqual(breakdown.priority, 117, "4.5 x 2.6 x 10")
    }

    // MARK: - Reasons

    func testMissingReasonUsesDefaultText() throws {
        let withoutReason = RuleSpec(id: "codified_journey.no-reason", dimensions: [Self.journey], initiative: "no-reason")
        let staticReason = RuleSpec(id: "value_measurement.static-reason", dimensions: [Self.value], initiative: "static-reason",
                                    reason: "\"Value is not measured.\"")
        let functionReason = RuleSpec(id: "customer_centric_culture.function-reason", dimensions: [Self.culture],
                                      initiative: "function-reason",
                                      reason: "function() return (\"Culture scores %.1f.\"):format(score(\"\(Self.culture)\")) end")
        let plan = try makePlan(packs: [("alpha", [withoutReason.lua, staticReason.lua, functionReason.lua])],
                                scores: [Self.journey: 0.5, Self.value: 1.25, Self.culture: 0.7])

        XCTAssertEqual(plan.initiative("no-reason")?.reasons.map(\.text),
                       ["Codified journey scores 0.5 (reactive) against a target of 2 (performing)."],
                       "a rule without a reason gets the default text")
        XCTAssertEqual(plan.initiative("static-reason")?.reasons.map(\.text), ["Value is not measured."],
                       "a string reason is used as written")
        XCTAssertEqual(plan.initiative("function-reason")?.reasons.map(\.text), ["Culture scores 0.7."],
                       "a reason function's result is used")
    }

    // MARK: - Helpers

    private var mergeScores: [String: Double] {
        [Self.journey: 1.5, Self.culture: 1.0, Self.value: 0.5]
    }

    /// Three rules proposing "shared-plan" with the same text: two in pack alpha (declared out of id order) and one in beta.
    private func mergePacks() -> [(String, [String])] {
        let value = RuleSpec(id: "value_measurement.shared-plan", dimensions: [Self.value], initiative: "shared-plan",
                             kpis: ["CS_ROI"], requires: ["zz-first"], reason: "\"Reason V.\"")
        let journey = RuleSpec(id: "codified_journey.shared-plan", dimensions: [Self.journey], initiative: "shared-plan",
                               kpis: ["TTFV", "ONB_COMP"], reason: "\"Reason J.\"")
        let culture = RuleSpec(id: "customer_centric_culture.shared-plan", dimensions: [Self.culture], toward: "performing",
                               initiative: "shared-plan", kpis: ["NPS", "TTFV"], requires: ["aa-first"], reason: "\"Reason C.\"")
        return [("alpha", [value.lua, journey.lua]), ("beta", [culture.lua])]
    }

    /// Writes each pack to its own directory (the directory name is the pack name), loads them in order,
    /// evaluates the assessment and plans.
    private func makePlan(packs: [(String, [String])], scores: [String: Double], targets: [String: Double] = [:],
                          model: MaturityModel? = nil) throws -> Plan {
        let model = try model ?? ModelLoader.builtin()
        var sources: [RulePackSource] = []
        for (name, declarations) in packs {
            let directory = root.appendingPathComponent(UUID().uuidString).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let text = declarations.joined(separator: "\n")
            try text.write(to: directory.appendingPathComponent("rules.lua"), atomically: true, encoding: .utf8)
            sources.append(try RulePackSource(directory: directory.path))
        }
        let engine = try RuleEngine(sources: sources, model: model)
        let evaluation = try Self.evaluation(scores: scores, targets: targets, model: model)
        let run = try engine.evaluate(evaluation)
        XCTAssertTrue(run.failures.isEmpty, "test rules should not fail: \(run.failures.map(\.description))")
        return Planner.plan(evaluation: evaluation, run: run, packOrder: engine.catalog.packs.map(\.name))
    }

    private static func evaluation(scores: [String: Double], targets: [String: Double],
                                   model: MaturityModel) throws -> Evaluation {
        var entries: [String] = []
        for id in Set(scores.keys).union(targets.keys).sorted() {
            var fields: [String] = []
            if let score = scores[id] { fields.append("\"score\": \(score)") }
            if let target = targets[id] { fields.append("\"target\": \(target)") }
            entries.append("\"\(id)\": { \(fields.joined(separator: ", ")) }")
        }
        let text = """
        {
          "schema": "csm.assessment/v1",
          "organization": { "name": "Planner Test Co", "segment": "smb" },
          "assessed_on": "2026-01-15",
          "dimensions": { \(entries.joined(separator: ", ")) }
        }
        """
        let assessment = try AssessmentParser.parse(bytes: Array(text.utf8), source: "planner-test.json", model: model)
        return Evaluator.evaluate(assessment, model: model)
    }

    /// Loads the built-in model with the customer_lifecycle competency weight replaced.
    private func weightedModel(competencyWeight: String) throws -> MaturityModel {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = packageRoot.appendingPathComponent("Sources/CSMModel/BuiltinModel/cs-maturity-model.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        // The first "weight" in the file belongs to the first competency, customer_lifecycle.
        let range = try XCTUnwrap(text.range(of: "\"weight\": 1.0"), "expected a competency weight in the model file")
        let lifecycle = try XCTUnwrap(text.range(of: "\"id\": \"customer_lifecycle\""), "expected customer_lifecycle in the model")
        XCTAssertLessThan(lifecycle.lowerBound, range.lowerBound, "the first weight follows the customer_lifecycle id")
        let modified = text.replacingCharacters(in: range, with: "\"weight\": \(competencyWeight)")
        return try ModelLoader.load(bytes: Array(modified.utf8), origin: path.path)
    }
}

/// A `rule { ... }` declaration for a test pack.
private struct RuleSpec {
    var id: String
    var dimensions: [String]
    var toward = "adopting"
    var initiative: String
    var title = "Shared initiative title"
    var summary = "Shared initiative summary."
    var effort = "small"
    var impact = "high"
    var kpis: [String] = []
    var requires: [String] = []
    /// A Lua expression for `reason`, or nil to leave the field out.
    var reason: String?
    /// A Lua expression for `priority`, or nil to leave the field out.
    var priority: String?

    init(id: String, dimensions: [String], toward: String = "adopting", initiative: String,
         title: String = "Shared initiative title", summary: String = "Shared initiative summary.",
         effort: String = "small", impact: String = "high", kpis: [String] = [], requires: [String] = [],
         reason: String? = nil, priority: String? = nil) {
        self.id = id
        self.dimensions = dimensions
        self.toward = toward
        self.initiative = initiative
        self.title = title
        self.summary = summary
        self.effort = effort
        self.impact = impact
        self.kpis = kpis
        self.requires = requires
        self.reason = reason
        self.priority = priority
    }

    var lua: String {
        var initiativeFields = [
            "id = \(quoted(initiative))",
            "title = \(quoted(title))",
            "summary = \(quoted(summary))",
            "actions = { \"Do the first step.\", \"Check the result.\", \"Share what changed.\" }",
            "effort = \(quoted(effort))",
            "impact = \(quoted(impact))",
        ]
        if !kpis.isEmpty { initiativeFields.append("kpis = \(list(kpis))") }
        if !requires.isEmpty { initiativeFields.append("requires = \(list(requires))") }
        var fields = [
            "id = \(quoted(id))",
            "title = \(quoted("Rule " + id))",
            "dimensions = \(list(dimensions))",
            "toward = \(quoted(toward))",
            "initiative = { \(initiativeFields.joined(separator: ", ")) }",
            "when = function() return true end",
        ]
        if let reason { fields.append("reason = \(reason)") }
        if let priority { fields.append("priority = \(priority)") }
        return "rule {\n  " + fields.joined(separator: ",\n  ") + ",\n}\n"
    }
}

/// An `adjust { ... }` declaration for a test pack.
private struct AdjustSpec {
    var id: String
    var dimensions: [String] = []
    var initiatives: [String] = []
    /// A Lua expression for `toward`, or nil to leave the field out.
    var toward: String?
    /// A Lua expression for `factor`.
    var factor: String
    var when = "true"

    init(id: String, dimensions: [String] = [], initiatives: [String] = [], toward: String? = nil, factor: String,
         when: String = "true") {
        self.id = id
        self.dimensions = dimensions
        self.initiatives = initiatives
        self.toward = toward
        self.factor = factor
        self.when = when
    }

    var lua: String {
        var fields = [
            "id = \(quoted(id))",
            "title = \(quoted("Adjust " + id))",
            "when = function() return \(when) end",
            "factor = \(factor)",
            "reason = \(quoted("reason of " + id))",
        ]
        if !dimensions.isEmpty { fields.append("dimensions = \(list(dimensions))") }
        if !initiatives.isEmpty { fields.append("initiatives = \(list(initiatives))") }
        if let toward { fields.append("toward = \(toward)") }
        return "adjust {\n  " + fields.joined(separator: ",\n  ") + ",\n}\n"
    }
}

private func quoted(_ text: String) -> String {
    "\"" + text + "\""
}

private func list(_ items: [String]) -> String {
    "{ " + items.map(quoted).joined(separator: ", ") + " }"
}
