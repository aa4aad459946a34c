import CSMEvaluator
import CSMModel
import XCTest

final class EvaluatorTests: XCTestCase {
    private static let journey = "customer_lifecycle.codified_journey"
    private static let culture = "customer_lifecycle.customer_centric_culture"
    private static let proactive = "customer_lifecycle.proactive_engagement"
    private static let tools = "enablement_scale.tool_leverage"

    // MARK: - Helpers

    /// Builds an assessment document from JSON text for `dimensions` and `respondents` and an optional file-level `target`.
    private static func document(dimensions: String = "{}", respondents: String = "[]", target: String? = nil) -> String {
        let targetMember = target.map { #""target": \#($0),"# } ?? ""
        return """
            {
              "schema": "csm.assessment/v1",
              "organization": {"name": "Acme Analytics"},
              "assessed_on": "2026-10-15",
              \(targetMember)
              "dimensions": \(dimensions),
              "respondents": \(respondents)
            }
            """
    }

    /// Builds a "dimensions" object that scores one dimension.
    private static func scoring(_ id: String, _ entry: String) -> String {
        #"{"\#(id)": \#(entry)}"#
    }

    /// Builds a "respondents" array in which respondent r1, r2, ... gives the n-th score to `id`.
    /// Scores are JSON text, so "null" gives a "don't know".
    private static func panel(_ id: String, _ scores: [String]) -> String {
        let items = scores.enumerated().map { offset, score in
            #"{"id": "r\#(offset + 1)", "role": "Role \#(offset + 1)", "scores": {"\#(id)": \#(score)}}"#
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    private func evaluate(_ text: String, model: MaturityModel? = nil) throws -> Evaluation {
        let model = try model ?? ModelLoader.builtin()
        let assessment = try AssessmentParser.parse(bytes: Array(text.utf8), source: "acme.json", model: model)
        return Evaluator.evaluate(assessment, model: model)
    }

    private func dimension(_ evaluation: Evaluation, _ id: String) throws -> DimensionResult {
        try XCTUnwrap(evaluation.dimension(id), "expected a result for \(id)")
    }

    private func warnings(_ evaluation: Evaluation, _ code: EvaluationWarning.Code, _ id: String? = nil) -> [EvaluationWarning] {
        evaluation.warnings.filter { $0.code == code && (id == nil || $0.dimensionID == id) }
    }


    // MARK: - Dimensions

    func testLevelAtThresholds() throws {
        let cases: [(score: String, value: Double, level: Level)] = [
            ("0", 0, .reactive),
            ("0.99", 0.99, .reactive),
            ("1", 1, .adopting),
            ("1.99", 1.99, .adopting),
            ("2", 2, .performing),
            ("2.99", 2.99, .performing),
            ("3", 3, .optimizing),
            (#""performing""#, 2, .performing),
        ]

        for testCase in cases {
            let evaluation = try evaluate(Self.document(dimensions: Self.scoring(Self.journey, #"{"score": \#(testCase.score)}"#)))
            let result = try dimension(evaluation, Self.journey)
            XCTAssertEqual(result.score, testCase.value, "score \(testCase.score): expected the score as given")
            XCTAssertEqual(result.level, testCase.level, "score \(testCase.score): expected \(testCase.level)")
            XCTAssertEqual(result.scoreSource, .direct, "score \(testCase.score): expected a direct score")
        }
    }

    func testGapAndPercentOfTarget() throws {
        let cases: [(name: String, entry: String, gap: Double, percent: Double)] = [
            ("below default target", #"{"score": 1.5}"#, 0.5, 75),
            ("at default target", #"{"score": 2}"#, 0, 100),
            ("above default target", #"{"score": 2.5}"#, 0, 125),
            ("inexact difference", #"{"score": 1.7}"#, 0.3, 85),
            ("zero against optimizing", #"{"score": 0, "target": 3}"#, 3, 0),
            ("third of target", #"{"score": 1, "target": 3}"#, 2, 33.3333),
            ("just below optimizing", #"{"score": 2.99, "target": 3}"#, 0.01, 99.6667),
            ("zero target", #"{"score": 1, "target": 0}"#, 0, 100),
            ("zero score, zero target", #"{"score": 0, "target": "reactive"}"#, 0, 100),
        ]

        for testCase in cases {
            let result = try dimension(try evaluate(Self.document(dimensions: Self.scoring(Self.journey, testCase.entry))), Self.journey)
            XCTAssertEqual(result.gap, testCase.gap, "\(testCase.name): expected gap \(testCase.gap)")
            XCTAssertEqual(result.percentOfTarget, testCase.percent, "\(testCase.name): expected \(testCase.percent) % of target")
        }
    }

    func testTargetPrecedence() throws {
        let cases: [(name: String, entry: String, fileTarget: String?, target: Double, level: Level, source: TargetSource)] = [
            ("dimension over file", #"{"score": 1, "target": 3}"#, #""adopting""#, 3, .optimizing, .dimension),
            ("dimension zero over file", #"{"score": 1, "target": 0}"#, "3", 0, .reactive, .dimension),
            ("dimension level name", #"{"score": 1, "target": "optimizing"}"#, nil, 3, .optimizing, .dimension),
            ("file level name", #"{"score": 1}"#, #""adopting""#, 1, .adopting, .assessment),
            ("file number", #"{"score": 1}"#, "2.5", 2.5, .performing, .assessment),
            ("model default", #"{"score": 1}"#, nil, 2, .performing, .model),
        ]

        for testCase in cases {
            let text = Self.document(dimensions: Self.scoring(Self.journey, testCase.entry), target: testCase.fileTarget)
            let result = try dimension(try evaluate(text), Self.journey)
            XCTAssertEqual(result.target, testCase.target, "\(testCase.name): expected target \(testCase.target)")
            XCTAssertEqual(result.targetLevel, testCase.level, "\(testCase.name): expected target level \(testCase.level)")
            XCTAssertEqual(result.targetSource, testCase.source, "\(testCase.name): expected the target from \(testCase.source)")
        }
    }

    func testFileTargetAppliesToUnscoredDimensions() throws {
        let evaluation = try evaluate(Self.document(dimensions: Self.scoring(Self.journey, #"{"score": 1}"#), target: #""optimizing""#))
        let unscored = try dimension(evaluation, Self.tools)

        XCTAssertEqual(unscored.target, 3, "expected the file target on a dimension that is not assessed")
        XCTAssertEqual(unscored.targetSource, .assessment, "expected the target from the file")
    }

    func testNotAssessedDimension() throws {
        let dimensions = """
            {"\(Self.journey)": {"score": null, "reason": "Not discussed in the workshop"},
             "\(Self.culture)": {"score": 2}}
            """
        let evaluation = try evaluate(Self.document(dimensions: dimensions))
        let result = try dimension(evaluation, Self.journey)
        let warning = warnings(evaluation, .notAssessed, Self.journey).first

        XCTAssertNil(result.score, "expected no score")
        XCTAssertNil(result.level, "expected no level")
        XCTAssertNil(result.gap, "expected no gap")
        XCTAssertNil(result.percentOfTarget, "expected no percent of target")
        XCTAssertFalse(result.isAssessed, "expected the dimension to be not assessed")
        XCTAssertEqual(result.scoreSource, ScoreSource.none, "expected no score source")
        XCTAssertEqual(result.target, 2, "expected the target to stay known")
        XCTAssertEqual(result.reason, "Not discussed in the workshop", "expected the reason kept")
        XCTAssertNotNil(warning, "expected a not_assessed warning for the dimension")
        XCTAssertTrue(warning?.message.contains("Not discussed in the workshop") == true, "expected the reason in the warning")
        XCTAssertTrue(warning?.message.contains("Codified journey") == true, "expected the dimension label in the warning")
    }

    func testAbsentDimensionsWarned() throws {
        let evaluation = try evaluate(Self.document(dimensions: Self.scoring(Self.journey, #"{"score": 1}"#)))
        let notAssessed = warnings(evaluation, .notAssessed)

        XCTAssertEqual(notAssessed.count, 11, "expected one not_assessed warning per unscored dimension")
        XCTAssertFalse(notAssessed.contains { $0.dimensionID == Self.journey }, "expected no warning for the scored dimension")
        XCTAssertTrue(notAssessed.contains { $0.dimensionID == Self.tools }, "expected a warning for a dimension the file omits")
        XCTAssertNil(try dimension(evaluation, Self.tools).score, "expected an omitted dimension to have no score, never 0")
    }

    func testResultsInModelOrder() throws {
        let model = try ModelLoader.builtin()
        let evaluation = try evaluate(Self.document(dimensions: Self.scoring(Self.tools, #"{"score": 1, "evidence": "CRM only", "notes": "Ask IT"}"#)))
        let result = try dimension(evaluation, Self.tools)

        XCTAssertEqual(evaluation.dimensions.map(\.id), model.dimensionIDs, "expected one result per dimension in model order")
        XCTAssertEqual(evaluation.competencies.map(\.id), model.competencyIDs, "expected one result per competency in model order")
        XCTAssertEqual(result.evidence, "CRM only", "expected the evidence carried over")
        XCTAssertEqual(result.notes, "Ask IT", "expected the notes carried over")
        XCTAssertEqual(result.label, "Tool leverage", "expected the model label")
    }


    // MARK: - Respondents

    func testRespondentSpread() throws {
        let evaluation = try evaluate(Self.document(respondents: Self.panel(Self.journey, ["1", "1", "2", "null"])))
        let result = try dimension(evaluation, Self.journey)
        let spread = try XCTUnwrap(result.spread, "expected a spread")

        XCTAssertEqual(result.score, 1.3333, "expected the mean rounded to four places")
        XCTAssertEqual(result.scoreSource, .respondents, "expected the score from respondents")
        XCTAssertEqual(result.level, .adopting, "expected adopting")
        XCTAssertEqual(result.gap, 0.6667, "expected gap 2 - 1.3333")
        XCTAssertEqual(result.percentOfTarget, 66.665, "expected 1.3333 / 2 as a percentage")
        XCTAssertEqual(spread.count, 3, "expected three scores")
        XCTAssertEqual(spread.unknownCount, 1, "expected one \"don't know\"")
        XCTAssertEqual(spread.minimum, 1, "expected the minimum")
        XCTAssertEqual(spread.maximum, 2, "expected the maximum")
        XCTAssertEqual(spread.mean, 1.3333, "expected the mean")
        XCTAssertEqual(spread.standardDeviation, 0.4714, "expected the population standard deviation sqrt(2/9)")
        XCTAssertEqual(spread.range, 1, "expected the range")
        XCTAssertEqual(spread.entries.map(\.respondentID), ["r1", "r2", "r3"], "expected entries in file order")
        XCTAssertEqual(spread.entries.map(\.role), ["Role 1", "Role 2", "Role 3"], "expected each entry's role")
    }

    func testRespondentMeansRounded() throws {
        let cases: [(scores: [String], mean: Double, level: Level, deviation: Double)] = [
            (["1", "1", "2"], 1.3333, .adopting, 0.4714),
            (["0", "1", "1"], 0.6667, .reactive, 0.4714),
            (["2", "2", "3"], 2.3333, .performing, 0.4714),
            (["1", "3"], 2, .performing, 1),
            ([#""performing""#, #""optimizing""#], 2.5, .performing, 0.5),
            (["1.99999", "2", "2"], 2, .performing, 0),
            (["1.5"], 1.5, .adopting, 0),
        ]

        for testCase in cases {
            let name = testCase.scores.joined(separator: ", ")
            let result = try dimension(try evaluate(Self.document(respondents: Self.panel(Self.journey, testCase.scores))), Self.journey)
            XCTAssertEqual(result.score, testCase.mean, "\(name): expected mean \(testCase.mean)")
            XCTAssertEqual(result.level, testCase.level, "\(name): expected \(testCase.level)")
            XCTAssertEqual(result.spread?.standardDeviation, testCase.deviation, "\(name): expected deviation \(testCase.deviation)")
        }
    }

    func testRespondentsDisagreeWarning() throws {
        let cases: [(name: String, scores: [String], warned: Bool)] = [
            ("range of a level", ["1", "2"], true),
            ("range above a level", ["0.5", "3"], true),
            ("range below a level", ["1.5", "2.25"], false),
            ("range just below a level", ["1", "1.99"], false),
            ("one respondent", ["3"], false),
            ("one known, one unknown", ["0", "null"], false),
        ]

        for testCase in cases {
            let evaluation = try evaluate(Self.document(respondents: Self.panel(Self.journey, testCase.scores)))
            let found = warnings(evaluation, .respondentsDisagree, Self.journey)
            XCTAssertEqual(found.count, testCase.warned ? 1 : 0, "\(testCase.name): expected respondents_disagree \(testCase.warned ? "once" : "never")")
        }
    }

    func testDisagreeWarningNamesRoles() throws {
        let evaluation = try evaluate(Self.document(respondents: Self.panel(Self.journey, ["2", "0.5", "3"])))
        let message = try XCTUnwrap(warnings(evaluation, .respondentsDisagree, Self.journey).first?.message)

        XCTAssertTrue(message.contains("0.5 (Role 2)"), "expected the lowest score and its role, got \(message)")
        XCTAssertTrue(message.contains("3 (Role 3)"), "expected the highest score and its role, got \(message)")
    }

    func testDirectScoreWinsOverRespondents() throws {
        let text = Self.document(dimensions: Self.scoring(Self.journey, #"{"score": 1}"#),
                                 respondents: Self.panel(Self.journey, ["2", "3"]))
        let evaluation = try evaluate(text)
        let result = try dimension(evaluation, Self.journey)

        XCTAssertEqual(result.score, 1, "expected the direct score")
        XCTAssertEqual(result.scoreSource, .direct, "expected a direct score source")
        XCTAssertEqual(result.spread?.mean, 2.5, "expected the respondents' mean kept in the spread")
        XCTAssertEqual(result.spread?.count, 2, "expected the respondents kept in the spread")
        XCTAssertEqual(warnings(evaluation, .consensusDiffers, Self.journey).count, 1, "expected consensus_differs for 1 against 2.5")
        XCTAssertEqual(warnings(evaluation, .respondentsDisagree, Self.journey).count, 1, "expected respondents_disagree for 2 and 3")
    }

    func testConsensusDiffersWarning() throws {
        let cases: [(name: String, direct: String, scores: [String], warned: Bool)] = [
            ("a level below the mean", "1", ["2", "2"], true),
            ("a level above the mean", "3", ["2", "2"], true),
            ("far from the mean", "0", ["2.5", "2.5"], true),
            ("close to the mean", "2", ["2", "2.5"], false),
            ("just under a level", "1.01", ["2", "2"], false),
            ("equal to the mean", "1.5", ["1", "2"], false),
        ]

        for testCase in cases {
            let text = Self.document(dimensions: Self.scoring(Self.journey, #"{"score": \#(testCase.direct)}"#),
                                     respondents: Self.panel(Self.journey, testCase.scores))
            let found = warnings(try evaluate(text), .consensusDiffers, Self.journey)
            XCTAssertEqual(found.count, testCase.warned ? 1 : 0, "\(testCase.name): expected consensus_differs \(testCase.warned ? "once" : "never")")
        }
    }


    // MARK: - Competencies and overall

    func testCompetencyMeanAndGap() throws {
        let dimensions = #"{"\#(Self.journey)": {"score": 3}, "\#(Self.culture)": {"score": 1}, "\#(Self.proactive)": {"score": 2}}"#
        let evaluation = try evaluate(Self.document(dimensions: dimensions))
        let lifecycle = try XCTUnwrap(evaluation.competency("customer_lifecycle"))

        XCTAssertEqual(lifecycle.score, 2, "expected the mean of 3, 1 and 2")
        XCTAssertEqual(lifecycle.level, .performing, "expected performing")
        XCTAssertEqual(lifecycle.aggregate.target, 2, "expected the mean target")
        XCTAssertEqual(lifecycle.gap, 0.3333, "expected the mean gap, with the surplus of 1 not offsetting the gap of 1")
        XCTAssertEqual(lifecycle.aggregate.percentOfTarget, 100, "expected 2 / 2 as a percentage")
        XCTAssertEqual(lifecycle.aggregate.assessedCount, 3, "expected three assessed dimensions")
        XCTAssertEqual(lifecycle.aggregate.dimensionCount, 3, "expected three dimensions")
    }

    func testCompetencySkipsUnassessed() throws {
        let dimensions = #"{"\#(Self.journey)": {"score": 1}, "\#(Self.culture)": {"score": 2}, "\#(Self.proactive)": {"score": null}}"#
        let evaluation = try evaluate(Self.document(dimensions: dimensions))
        let lifecycle = try XCTUnwrap(evaluation.competency("customer_lifecycle"))

        XCTAssertEqual(lifecycle.score, 1.5, "expected the mean of 1 and 2, without the unscored dimension as 0")
        XCTAssertEqual(lifecycle.gap, 0.5, "expected the mean of gaps 1 and 0")
        XCTAssertEqual(lifecycle.aggregate.assessedCount, 2, "expected two assessed dimensions")
        XCTAssertEqual(lifecycle.aggregate.dimensionCount, 3, "expected three dimensions")
    }

    func testOverallOverAssessedOnly() throws {
        let dimensions = #"{"\#(Self.journey)": {"score": 1}, "\#(Self.tools)": {"score": 3}}"#
        let overall = try evaluate(Self.document(dimensions: dimensions)).overall

        XCTAssertEqual(overall.score, 2, "expected the mean of 1 and 3")
        XCTAssertEqual(overall.level, .performing, "expected performing")
        XCTAssertEqual(overall.target, 2, "expected the mean target")
        XCTAssertEqual(overall.gap, 0.5, "expected the mean of gaps 1 and 0")
        XCTAssertEqual(overall.percentOfTarget, 100, "expected 2 / 2 as a percentage")
        XCTAssertEqual(overall.assessedCount, 2, "expected two assessed dimensions")
        XCTAssertEqual(overall.dimensionCount, 12, "expected twelve dimensions")
    }

    func testCompetencyNotAssessed() throws {
        let evaluation = try evaluate(Self.document(dimensions: Self.scoring(Self.journey, #"{"score": 1}"#)))
        let economic = try XCTUnwrap(evaluation.competency("economic_model"))
        let competencyWarnings = warnings(evaluation, .competencyNotAssessed)

        XCTAssertNil(economic.score, "expected no score")
        XCTAssertNil(economic.level, "expected no level")
        XCTAssertNil(economic.gap, "expected no gap")
        XCTAssertNil(economic.aggregate.target, "expected no aggregate target")
        XCTAssertNil(economic.aggregate.percentOfTarget, "expected no percent of target")
        XCTAssertEqual(economic.aggregate.assessedCount, 0, "expected no assessed dimension")
        XCTAssertEqual(economic.aggregate.dimensionCount, 3, "expected three dimensions")
        XCTAssertEqual(competencyWarnings.count, 3, "expected one warning per competency without a score")
        XCTAssertTrue(competencyWarnings.contains { $0.message.contains("Economic model") }, "expected a warning naming Economic model")
        XCTAssertTrue(competencyWarnings.allSatisfy { $0.dimensionID == nil }, "expected competency warnings without a dimension id")
        XCTAssertNotNil(evaluation.competency("customer_lifecycle")?.score, "expected the assessed competency to have a score")
    }

    func testWeightedAggregates() throws {
        let model = try ModelLoader.load(bytes: Array(Self.weightedModel.utf8), origin: "weighted.json")
        let dimensions = #"{"alpha.one": {"score": 1}, "alpha.two": {"score": 3}, "beta.three": {"score": 0}}"#
        let evaluation = try evaluate(Self.document(dimensions: dimensions), model: model)
        let alpha = try XCTUnwrap(evaluation.competency("alpha"))
        let beta = try XCTUnwrap(evaluation.competency("beta"))

        XCTAssertEqual(alpha.score, 1.5, "expected (3 x 1 + 1 x 3) / 4")
        XCTAssertEqual(alpha.gap, 0.75, "expected (3 x 1 + 1 x 0) / 4")
        XCTAssertEqual(beta.score, 0, "expected the single dimension's score")
        XCTAssertEqual(beta.gap, 2, "expected the single dimension's gap")
        XCTAssertEqual(evaluation.overall.score, 1.3333, "expected (6 x 1 + 2 x 3 + 1 x 0) / 9")
        XCTAssertEqual(evaluation.overall.gap, 0.8889, "expected (6 x 1 + 2 x 0 + 1 x 2) / 9")
        XCTAssertEqual(evaluation.overall.percentOfTarget, 66.665, "expected 1.3333 / 2 as a percentage")
    }

    /// Competency alpha (weight 2) contains one (weight 3) and two (weight 1), and beta (weight 1) contains three,
    /// so the effective weights are 6, 2 and 1.
    private static let weightedModel = """
        {
          "schema": "csm.model/v1", "id": "weighted", "version": "1", "name": "Weighted",
          "levels": [{"id": "reactive", "name": "Reactive"}, {"id": "adopting", "name": "Adopting"},
                     {"id": "performing", "name": "Performing"}, {"id": "optimizing", "name": "Optimizing"}],
          "competencies": [
            {"id": "alpha", "name": "Alpha", "weight": 2, "dimensions": [
              {"id": "one", "name": "One", "weight": 3, "levels": \(levels)},
              {"id": "two", "name": "Two", "weight": 1, "levels": \(levels)}]},
            {"id": "beta", "name": "Beta", "weight": 1, "dimensions": [
              {"id": "three", "name": "Three", "levels": \(levels)}]}
          ]
        }
        """

    private static let levels = """
        {"reactive": {"descriptor": "r"}, "adopting": {"descriptor": "a"}, "performing": {"descriptor": "p"}, "optimizing": {"descriptor": "o"}}
        """
}
