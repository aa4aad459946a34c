import CSMModel
import CSMSystem
import Foundation
import XCTest

final class ModelLoaderTests: XCTestCase {
    private typealias Location = ModelTestSupport.Location

    // MARK: - Built-in model

    /// Dimension ids in model order, competency by competency.
    private static let dimensionIDs = [
        "customer_lifecycle.codified_journey", "customer_lifecycle.customer_centric_culture",
        "customer_lifecycle.proactive_engagement",
        "operating_model.data_driven_insights", "operating_model.cs_role_structure", "operating_model.cx_metrics_alignment",
        "economic_model.value_measurement", "economic_model.executive_investment", "economic_model.customer_paid_success",
        "enablement_scale.process_enablement", "enablement_scale.tool_leverage", "enablement_scale.cs_career_culture",
    ]

    /// Every fact the model defines, with its type and range.
    private static let facts: [(id: String, kind: FactDefinition.Kind, unit: String?)] = [
        ("arr_usd", .number(minimum: 0, maximum: 1e12), "USD"),
        ("arr_growth", .ratio(minimum: -1, maximum: 10), "ratio"),
        ("customers", .integer(minimum: 0, maximum: 100_000_000), "count"),
        ("acv_median_usd", .number(minimum: 0, maximum: 1e9), "USD"),
        ("grr", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("nrr", .ratio(minimum: 0, maximum: 3), "ratio"),
        ("logo_churn", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("first_year_churn", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("csm_headcount", .integer(minimum: 0, maximum: 100_000), "count"),
        ("cs_ops_headcount", .integer(minimum: 0, maximum: 10_000), "count"),
        ("cs_cost_usd", .number(minimum: 0, maximum: 1e11), "USD"),
        ("csm_attrition", .ratio(minimum: 0, maximum: 2), "ratio"),
        ("ttfv_days", .number(minimum: 0, maximum: 3650), "days"),
        ("onboarding_completion", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("health_score_coverage", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("forecast_accuracy", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("nps", .number(minimum: -100, maximum: 100), "points"),
        ("csat", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("reactive_share", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("digital_reach", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("paid_success_offering", .boolean, nil),
        ("paid_attach_rate", .ratio(minimum: 0, maximum: 1), "ratio"),
        ("usage_telemetry", .boolean, nil),
        ("retention_in_board_pack", .boolean, nil),
        ("cs_platform", .boolean, nil),
        ("pricing_model", .choice(["seat", "tier", "usage", "hybrid"]), nil),
        ("multi_year_share", .ratio(minimum: 0, maximum: 1), "ratio"),
    ]

    /// KPI codes and the facts their baselines come from. A nil baseline means the KPI has no baseline fact.
    private static let kpis: [(code: String, baseline: KPIDefinition.Baseline?)] = [
        ("GRR", .fact("grr")), ("NRR", .fact("nrr")), ("LOGO_CHURN", .fact("logo_churn")),
        ("FIRST_YEAR_CHURN", .fact("first_year_churn")), ("TTFV", .fact("ttfv_days")), ("ADOPTION", nil),
        ("HEALTH_COV", .fact("health_score_coverage")), ("HEALTH_ACC", nil), ("EARLY_RISK", nil), ("CSQL", nil),
        ("FCST_ACC", .fact("forecast_accuracy")), ("NPS", .fact("nps")), ("CSAT", .fact("csat")),
        ("CSM_COV", .ratio("arr_usd", "csm_headcount")), ("CSM_ATTR", .fact("csm_attrition")), ("CSM_ENGAGE", nil),
        ("ONB_COMP", .fact("onboarding_completion")), ("REACTIVE_SHARE", .fact("reactive_share")), ("PLAYBOOK_ADH", nil),
        ("DIGITAL_REACH", .fact("digital_reach")), ("EXPANSION_ARR", nil), ("CS_COST", .ratio("cs_cost_usd", "arr_usd")),
        ("CS_ROI", nil), ("PAID_ATTACH", .fact("paid_attach_rate")),
    ]

    func testBuiltinCompetencies() throws {
        let model = try ModelLoader.builtin()

        XCTAssertEqual(model.competencyIDs, ["customer_lifecycle", "operating_model", "economic_model", "enablement_scale"],
                       "expected the four competencies in order")
        for competency in model.competencies {
            let expected = Self.dimensionIDs.filter { $0.hasPrefix(competency.id + ".") }
            XCTAssertEqual(competency.dimensionIDs, expected, "\(competency.id): expected its three dimensions in order")
            XCTAssertFalse(competency.name.isEmpty, "\(competency.id): expected a name")
        }
    }

    func testBuiltinDimensions() throws {
        let model = try ModelLoader.builtin()

        XCTAssertEqual(model.dimensionIDs, Self.dimensionIDs, "expected the twelve dimension ids in model order")
        for (offset, dimension) in model.dimensions.enumerated() {
            XCTAssertEqual(dimension.competencyID + "." + dimension.shortID, dimension.id, "\(dimension.id): expected competency.dimension")
            XCTAssertEqual(model.order(of: dimension.id), offset, "\(dimension.id): expected its position in model order")
            XCTAssertFalse(dimension.name.isEmpty, "\(dimension.id): expected a name")
            XCTAssertFalse(dimension.label.isEmpty, "\(dimension.id): expected a label")
            XCTAssertFalse(dimension.description.isEmpty, "\(dimension.id): expected a description")
            XCTAssertEqual(model.priorityWeight(of: dimension.id), 1, "\(dimension.id): expected equal weights")
            for level in Level.allCases {
                let descriptor = dimension.descriptors[level]?.descriptor ?? ""
                XCTAssertFalse(descriptor.isEmpty, "\(dimension.id): expected a \(level) descriptor")
            }
        }
    }

    func testBuiltinLevelsAndTarget() throws {
        let model = try ModelLoader.builtin()

        XCTAssertEqual(model.levels.map(\.level), Level.allCases, "expected the four levels in order")
        XCTAssertTrue(model.levels.allSatisfy { !$0.summary.isEmpty }, "expected a summary for every level")
        XCTAssertEqual(model.defaultTarget, 2, "expected performing as the default target")
        XCTAssertEqual(model.origin, "builtin", "expected the built-in origin")
    }

    func testBuiltinFacts() throws {
        let model = try ModelLoader.builtin()

        XCTAssertEqual(model.factIDs, Self.facts.map(\.id), "expected every fact from the specification, in order")
        for expected in Self.facts {
            let fact = model.fact(expected.id)
            XCTAssertEqual(fact?.kind, expected.kind, "\(expected.id): expected its type and range")
            XCTAssertEqual(fact?.unit, expected.unit, "\(expected.id): expected its unit")
            XCTAssertFalse(fact?.name.isEmpty ?? true, "\(expected.id): expected a name")
        }
    }

    func testBuiltinKPIs() throws {
        let model = try ModelLoader.builtin()

        XCTAssertEqual(Set(model.kpiCodes), Set(Self.kpis.map(\.code)), "expected exactly the KPI codes of the specification")
        XCTAssertEqual(model.kpiCodes.count, Self.kpis.count, "expected each KPI code once")
        for expected in Self.kpis {
            XCTAssertEqual(model.kpi(expected.code)?.baseline, expected.baseline, "\(expected.code): expected its baseline")
        }
    }

    func testBuiltinDescriptorsNote() throws {
        let model = try ModelLoader.builtin()

        XCTAssertTrue(model.descriptorsNote.contains("csm's own"), "expected the note to say the descriptors are csm's own wording")
        XCTAssertFalse(model.source.isEmpty, "expected the model to name its source")
    }

    func testBuiltinMatchesSourceFile() throws {
        let path = ModelTestSupport.packageRoot.appendingPathComponent("Sources/CSMModel/BuiltinModel/cs-maturity-model.json").path
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path), "expected the model file at \(path)")
        let fromFile = try ModelLoader.load(bytes: Array(bytes), origin: path)
        let builtin = try ModelLoader.builtin()

        XCTAssertEqual(builtin.sha256, fromFile.sha256, "expected the embedded model to be the source file's bytes")
        XCTAssertEqual(builtin.sha256.count, 64, "expected a SHA-256 hex digest")
        XCTAssertEqual(fromFile.origin, path, "expected the path as the origin")
    }


    // MARK: - Custom models

    /// A valid two-dimension model. Every invalid case edits it by text replacement.
    private static let validModel = """
        {
          "schema": "csm.model/v1",
          "id": "mini",
          "version": "0.1.0",
          "name": "Mini model",
          "default_target": 1.5,
          "levels": [
            {"id": "reactive", "name": "Reactive", "threshold": 0},
            {"id": "adopting", "name": "Adopting"},
            {"id": "performing", "name": "Performing"},
            {"id": "optimizing", "name": "Optimizing"}
          ],
          "competencies": [
            {"id": "delivery", "name": "Delivery", "weight": 2, "dimensions": [
              {"id": "onboarding", "name": "Onboarding", "weight": 3, "levels": {
                "reactive": {"descriptor": "No plan."}, "adopting": {"descriptor": "A plan."},
                "performing": {"descriptor": "A tracked plan."}, "optimizing": {"descriptor": "A tuned plan."}}},
              {"id": "renewals", "name": "Renewals", "levels": {
                "reactive": {"descriptor": "Late."}, "adopting": {"descriptor": "Known."},
                "performing": {"descriptor": "Forecast."}, "optimizing": {"descriptor": "Predicted."}}}
            ]}
          ],
          "facts": [
            {"id": "grr", "name": "Gross revenue retention", "type": "ratio", "unit": "ratio", "min": 0, "max": 1},
            {"id": "arr_usd", "name": "ARR", "type": "number", "unit": "USD", "min": 0}
          ],
          "kpis": [
            {"code": "GRR", "name": "Gross revenue retention", "better": "higher", "baseline": {"fact": "grr"}}
          ]
        }
        """

    private struct InvalidModel {
        let name: String
        let text: String
        let subject: String
        let location: Location
        let fragments: [String]
        /// How many diagnostics the model gets; the first one is checked.
        let count: Int
        /// Edits whose text the valid model does not contain: a mistake in the test table.
        let unmatchedEdits: [String]

        /// Applies `edits` (text, replacement) to the valid model in order.
        init(_ name: String, _ edits: [(String, String)], subject: String, _ location: Location, _ fragments: [String],
             count: Int = 1) {
            var text = ModelLoaderTests.validModel
            var unmatched: [String] = []
            for (old, new) in edits {
                if !text.contains(old) { unmatched.append(old) }
                text = text.replacingOccurrences(of: old, with: new)
            }
            self.name = name
            self.text = text
            self.unmatchedEdits = unmatched
            self.count = count
            self.subject = subject
            self.location = location
            self.fragments = fragments
        }
    }

    func testValidModelLoads() throws {
        let model = try ModelLoader.load(bytes: Array(Self.validModel.utf8), origin: "models/mini.json")

        XCTAssertEqual(model.id, "mini", "expected the model id")
        XCTAssertEqual(model.version, "0.1.0", "expected the version")
        XCTAssertEqual(model.defaultTarget, 1.5, "expected the default target")
        XCTAssertEqual(model.dimensionIDs, ["delivery.onboarding", "delivery.renewals"], "expected full dimension ids")
        XCTAssertEqual(model.dimension("delivery.renewals")?.label, "Renewals", "expected the name as the default label")
        XCTAssertEqual(model.dimension("delivery.renewals")?.weight, 1, "expected weight 1 by default")
        XCTAssertEqual(model.priorityWeight(of: "delivery.onboarding"), 1.5, "expected 2 x 3 scaled by the mean 4")
        XCTAssertEqual(model.priorityWeight(of: "delivery.renewals"), 0.5, "expected 2 x 1 scaled by the mean 4")
        XCTAssertEqual(model.fact("arr_usd")?.kind, .number(minimum: 0, maximum: Double.greatestFiniteMagnitude),
                       "expected no upper bound when max is absent")
        XCTAssertEqual(model.origin, "models/mini.json", "expected the path as the origin")
    }

    func testInvalidModelsRejected() throws {
        let onboarding = "competencies[0].dimensions[0]"
        let cases: [InvalidModel] = [
            InvalidModel("wrong schema", [(#""csm.model/v1""#, #""csm.assessment/v1""#)], subject: "schema",
                         .at(#""csm.assessment/v1""#), ["unsupported schema 'csm.assessment/v1'", "expected 'csm.model/v1'"]),
            InvalidModel("missing level", [(#",\#n    {"id": "optimizing", "name": "Optimizing"}"#, "")], subject: "levels",
                         .at("[\n"), ["missing level 'optimizing'"]),
            InvalidModel("unknown level", [(#""id": "optimizing""#, #""id": "expert""#)], subject: "levels[3].id",
                         .at(#""expert""#), ["unknown level 'expert'", "levels are reactive, adopting, performing, optimizing"]),
            InvalidModel("threshold moved", [(#""threshold": 0"#, #""threshold": 0.5"#)], subject: "levels[0].threshold",
                         .at("0.5"), ["the threshold of reactive is fixed at 0"]),
            InvalidModel("missing descriptor", [(#", "optimizing": {"descriptor": "A tuned plan."}"#, "")],
                         subject: onboarding + ".levels", .at(#"{\#n        "reactive""#), ["missing required key 'optimizing'"]),
            InvalidModel("duplicate dimension id", [(#""id": "renewals""#, #""id": "onboarding""#)],
                         subject: "competencies[0].dimensions[1]", .at(#"{"id": "onboarding""#, occurrence: 2),
                         ["dimension 'delivery.onboarding' is defined twice"]),
            InvalidModel("unknown baseline fact", [(#"{"fact": "grr"}"#, #"{"fact": "gr"}"#)], subject: "kpis[0].baseline.fact",
                         .at(#""gr""#), ["unknown fact 'gr'", "did you mean 'grr'?"]),
            InvalidModel("unknown ratio baseline fact", [(#"{"fact": "grr"}"#, #"{"ratio": ["grr", "customers"]}"#)],
                         subject: "kpis[0].baseline.ratio", .at(#"["grr""#), ["unknown fact 'customers'"]),
            InvalidModel("competency weight 0", [(#""weight": 2"#, #""weight": 0"#)], subject: "competencies[0].weight",
                         .at(#"0, "dimensions""#), ["weight must be greater than 0"]),
            InvalidModel("dimension weight 0", [(#""weight": 3"#, #""weight": 0"#)], subject: onboarding + ".weight",
                         .at(#"0, "levels""#), ["weight must be greater than 0"]),
            InvalidModel("negative weight", [(#""weight": 3"#, #""weight": -1"#)], subject: onboarding + ".weight",
                         .at("-1"), ["weight must be greater than 0"]),
            InvalidModel("weight above 100", [(#""weight": 3"#, #""weight": 101"#)], subject: onboarding + ".weight",
                         .at("101"), ["at most 100"]),
            InvalidModel("uppercase competency id", [(#""id": "delivery""#, #""id": "Delivery""#)], subject: "competencies[0].id",
                         .at(#""Delivery""#), ["invalid id 'Delivery'", "lowercase letters, digits and underscores"]),
            InvalidModel("hyphen in dimension id", [(#""id": "onboarding""#, #""id": "on-boarding""#)], subject: onboarding + ".id",
                         .at(#""on-boarding""#), ["invalid id 'on-boarding'"]),
            InvalidModel("dot in dimension id", [(#""id": "onboarding""#, #""id": "delivery.onboarding""#)],
                         subject: onboarding + ".id", .at(#""delivery.onboarding""#), ["invalid id 'delivery.onboarding'"]),
            InvalidModel("id starts with digit", [(#""id": "renewals""#, #""id": "2nd_line""#)],
                         subject: "competencies[0].dimensions[1].id", .at(#""2nd_line""#), ["invalid id '2nd_line'", "starting with a letter"]),
            InvalidModel("reserved fact id", [(#""id": "grr""#, #""id": "x_grr""#), (#""fact": "grr""#, #""fact": "x_grr""#)],
                         subject: "facts[0].id", .at(#""x_grr""#), ["reserved for custom facts"]),
            InvalidModel("unknown fact type", [(#""type": "number""#, #""type": "percent""#)], subject: "facts[1].type",
                         .at(#""percent""#), ["unknown fact type 'percent'"]),
            InvalidModel("unknown competency key", [(#"{"id": "delivery""#, #"{"id": "delivery", "x": 1"#)], subject: "competencies[0].x",
                         .at(#""x""#), ["unknown key 'x'"]),
            InvalidModel("default target out of range", [(#""default_target": 1.5"#, #""default_target": 3.5"#)],
                         subject: "default_target", .at("3.5"), ["3.5 is out of range"]),
            InvalidModel("unknown top-level key", [(#""name": "Mini model""#, #""name": "Mini model", "author": "me""#)],
                         subject: "author", .at(#""author""#), ["unknown key 'author'"]),
        ]

        for testCase in cases {
            XCTAssertEqual(testCase.unmatchedEdits, [], "\(testCase.name): expected every edit to match the valid model")
            do {
                _ = try ModelLoader.load(bytes: Array(testCase.text.utf8), origin: "models/mini.json")
                XCTFail("\(testCase.name): expected the model to be rejected")
            } catch {
                XCTAssertEqual(error.kind, .input, "\(testCase.name): expected an input error")
                XCTAssertEqual(error.diagnostics.count, testCase.count,
                               "\(testCase.name): expected \(testCase.count) diagnostics, got:\n\(error)")
                guard let diagnostic = error.diagnostics.first else { continue }
                XCTAssertEqual(diagnostic.file, "models/mini.json", "\(testCase.name): expected the file name")
                XCTAssertEqual(diagnostic.subject, testCase.subject, "\(testCase.name): expected the field path")
                ModelTestSupport.assertLocation(diagnostic, testCase.location, in: testCase.text, testCase.name)
                ModelTestSupport.assertMessage(diagnostic.message, contains: testCase.fragments, testCase.name)
            }
        }
    }


    // MARK: - Calendar dates

    func testCalendarDateValid() {
        let dates: [(text: String, year: Int, month: Int, day: Int)] = [
            ("2026-10-15", 2026, 10, 15),
            ("2024-02-29", 2024, 2, 29),
            ("2000-02-29", 2000, 2, 29),
            ("2026-12-31", 2026, 12, 31),
            ("2026-04-30", 2026, 4, 30),
            ("1900-01-01", 1900, 1, 1),
            ("9999-12-31", 9999, 12, 31),
        ]

        for expected in dates {
            let date = CalendarDate(expected.text)
            XCTAssertEqual(date?.year, expected.year, "\(expected.text): expected the year")
            XCTAssertEqual(date?.month, expected.month, "\(expected.text): expected the month")
            XCTAssertEqual(date?.day, expected.day, "\(expected.text): expected the day")
            XCTAssertEqual(date?.description, expected.text, "\(expected.text): expected the same text back")
            XCTAssertEqual(CalendarDate(year: expected.year, month: expected.month, day: expected.day), date,
                           "\(expected.text): expected the same date from its parts")
        }
    }

    func testCalendarDateInvalid() {
        let texts = [
            ("February 30", "2026-02-30"),
            ("February 29 in 2026", "2026-02-29"),
            ("February 29 in 1900", "1900-02-29"),
            ("February 29 in 2100", "2100-02-29"),
            ("April 31", "2026-04-31"),
            ("month 13", "2026-13-01"),
            ("month 0", "2026-00-10"),
            ("day 0", "2026-10-00"),
            ("day 32", "2026-01-32"),
            ("year before 1900", "1899-12-31"),
            ("five-digit year", "10000-01-01"),
            ("day first", "15/10/2026"),
            ("slashes", "2026/10/15"),
            ("unpadded month", "2026-1-15"),
            ("leading space", " 2026-10-15"),
            ("time appended", "2026-10-15T00:00"),
            ("signed year", "+026-10-15"),
            ("full-width digits", "２０２６-10-15"),
            ("empty", ""),
        ]

        for (name, text) in texts {
            XCTAssertNil(CalendarDate(text), "\(name): expected \"\(text)\" to be rejected")
        }
    }

    func testCalendarDatePartsInvalid() {
        XCTAssertNil(CalendarDate(year: 2026, month: 2, day: 29), "expected no February 29 in 2026")
        XCTAssertNil(CalendarDate(year: 2026, month: 6, day: 31), "expected no June 31")
        XCTAssertNil(CalendarDate(year: 2026, month: 13, day: 1), "expected no month 13")
        XCTAssertNil(CalendarDate(year: 1899, month: 12, day: 31), "expected no year before 1900")
    }

    func testCalendarDateDescriptionPads() throws {
        let date = try XCTUnwrap(CalendarDate(year: 2026, month: 3, day: 7))

        XCTAssertEqual(date.description, "2026-03-07", "expected two-digit month and day")
    }

    func testCalendarDateOrder() throws {
        let earlier = try XCTUnwrap(CalendarDate("2026-10-15"))
        let nextDay = try XCTUnwrap(CalendarDate("2026-10-16"))
        let nextMonth = try XCTUnwrap(CalendarDate("2026-11-01"))
        let nextYear = try XCTUnwrap(CalendarDate("2027-01-01"))

        XCTAssertLessThan(earlier, nextDay, "expected days to order")
        XCTAssertLessThan(nextDay, nextMonth, "expected months to order before days")
        XCTAssertLessThan(nextMonth, nextYear, "expected years to order before months")
    }

    func testCalendarDateUnixTime() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let texts = ["1970-01-01", "2026-10-15", "2024-02-29", "2000-03-01", "1969-12-31", "1900-01-01", "9999-12-31"]

        XCTAssertEqual(CalendarDate("1970-01-01")?.unixTime, 0, "expected the epoch at 0")
        for text in texts {
            let date = try XCTUnwrap(CalendarDate(text), "\(text): expected a valid date")
            let components = DateComponents(year: date.year, month: date.month, day: date.day)
            let reference = try XCTUnwrap(calendar.date(from: components), "\(text): expected Foundation to build the date")
            XCTAssertEqual(date.unixTime, Int64(reference.timeIntervalSince1970), "\(text): expected midnight UTC in seconds")
        }
    }
}
