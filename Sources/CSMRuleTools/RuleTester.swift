import CSMEvaluator
import CSMModel
import CSMPlanning
import CSMRules
import CSMRun
import CSMSystem

/// A failed example or test expectation.
public struct TestFailure: Sendable {
    /// "file:line".
    public let location: String
    /// For example "rule 'x' example fires[1]" or "test 'description' expect.present[0]".
    public let subject: String
    public let expected: String
    public let actual: String
}

/// The result of `csm rules test`.
public struct TestReport: Sendable {
    public var passed = 0
    public var failures: [TestFailure] = []
    public var coverage: CoverageReport?

    public var failed: Int { failures.count }
}

/// Runs rule examples and pack test files.
public enum RuleTester {
    public static func run(_ options: RuleToolOptions, coverage: Bool = false) throws(CSMError) -> TestReport {
        let toolbox = try Toolbox.load(options)
        var report = TestReport()
        var exercised: Set<String> = []
        try runExamples(toolbox, report: &report, exercised: &exercised)
        for pack in toolbox.focusedPacks {
            for file in pack.source.testFiles {
                try runTestFile(file, toolbox: toolbox, report: &report)
            }
        }
        if coverage {
            report.coverage = CoverageReport.make(catalog: toolbox.engine.catalog, model: toolbox.model, focus: toolbox.focus, exercised: exercised)
        }
        return report
    }

    // MARK: - Examples

    private static func runExamples(_ toolbox: Toolbox, report: inout TestReport, exercised: inout Set<String>) throws(CSMError) {
        for rule in toolbox.engine.catalog.active where toolbox.focus.contains(rule.location.pack) {
            let (examples, problems) = ExampleReader.examples(of: rule)
            for problem in problems {
                report.failures.append(TestFailure(location: rule.location.description, subject: problem.subject ?? "rule '\(rule.id)'",
                                                   expected: "valid examples", actual: problem.message))
            }
            let pack = toolbox.engine.catalog.pack(named: rule.location.pack)
            for example in examples {
                switch ExampleReader.prepare(example, model: toolbox.model, pack: pack) {
                case let .failure(error):
                    for diagnostic in error.diagnostics {
                        report.failures.append(TestFailure(location: rule.location.description, subject: example.subject,
                                                           expected: "a valid assessment fragment", actual: diagnostic.message))
                    }
                case let .success(prepared):
                    let failure = try check(prepared, toolbox: toolbox)
                    if let failure {
                        report.failures.append(failure)
                    } else {
                        report.passed += 1
                        if example.expectation == .fires { exercised.insert(rule.id) }
                    }
                }
            }
        }
    }

    private static func check(_ prepared: PreparedExample, toolbox: Toolbox) throws(CSMError) -> TestFailure? {
        let example = prepared.example
        let rule = example.rule
        let evaluation = Evaluator.evaluate(prepared.assessment, model: toolbox.model)
        let options = EvaluationOptions(trace: true, stopOnFailure: false, rules: [rule],
                                        parameters: prepared.parameters.isEmpty ? [:] : [rule.location.pack: prepared.parameters])
        guard let outcome = try toolbox.engine.evaluate(evaluation, options: options).outcomes.first else { return nil }
        func failure(_ expected: String, _ actual: String) -> TestFailure {
            TestFailure(location: rule.location.description, subject: example.subject, expected: expected, actual: actual)
        }
        if let error = outcome.failure {
            return failure(example.expectation == .fires ? "the rule fires" : "the rule stays quiet",
                           "the rule failed: \(error.message) (\(error.file):\(error.line.map(String.init) ?? "?"))")
        }
        switch (example.expectation, outcome.status) {
        case (.fires, .fired):
            if let expected = prepared.expectedFactor {
                guard let actual = outcome.factor else { return failure("factor \(Formatting.compact(expected))", "no factor") }
                if abs(actual - expected) > 1e-9 {
                    return failure("factor \(Formatting.compact(expected))", "factor \(Formatting.compact(actual))")
                }
            }
            return nil
        case (.quiet, .notFired):
            return nil
        case (.fires, _):
            return failure("the rule fires", "it did not fire: \(Explainer.firstFailedCheck(outcome.trace))")
        case (.quiet, _):
            let reason = outcome.reason.map { ": \($0)" } ?? ""
            return failure("the rule stays quiet", "it fired\(reason)")
        }
    }

    // MARK: - Test files

    private static func runTestFile(_ file: RulePackSource.File, toolbox: Toolbox, report: inout TestReport) throws(CSMError) {
        let test: PackTestFile
        do {
            test = try PackTestFile.read(path: file.displayPath, bytes: file.bytes, model: toolbox.model)
        } catch {
            for diagnostic in error.diagnostics {
                let location = diagnostic.line.map { "\(diagnostic.file ?? file.displayPath):\($0)" } ?? (diagnostic.file ?? file.displayPath)
                report.failures.append(TestFailure(location: location, subject: "test file" + (diagnostic.subject.map { " \($0)" } ?? ""),
                                                   expected: "a valid test file", actual: diagnostic.message))
            }
            return
        }
        let subjectPrefix = "test '\(test.description)'"
        let parameters: [String: [(name: String, value: ParameterValue)]]
        switch toolbox.parameters(for: test.settings) {
        case let .success(values): parameters = values
        case let .failure(problem):
            report.failures.append(TestFailure(location: test.path, subject: subjectPrefix, expected: "valid \"set\" values",
                                               actual: (problem.subject.map { $0 + ": " } ?? "") + problem.message))
            return
        }
        let record = try toolbox.session.run(test.assessment, explain: true, keepGoing: true, parameters: parameters)
        if !record.failures.isEmpty {
            for failure in record.failures {
                report.failures.append(TestFailure(location: test.path, subject: subjectPrefix, expected: "every rule runs",
                                                   actual: failure.description))
            }
        }
        let initiatives = toolbox.declaredInitiatives
        let ruleIDs = toolbox.declaredRules
        for check in test.checks {
            let location = "\(test.path):\(check.line)"
            let subject = "\(subjectPrefix) \(check.path)"
            if let problem = unknownID(check.expectation, initiatives: initiatives, rules: ruleIDs) {
                report.failures.append(TestFailure(location: location, subject: subject, expected: "a known id", actual: problem))
                continue
            }
            if let failure = evaluate(check.expectation, record: record, catalog: toolbox.engine.catalog) {
                report.failures.append(TestFailure(location: location, subject: subject, expected: failure.expected, actual: failure.actual))
            } else {
                report.passed += 1
            }
        }
    }

    /// Reports ids no rule declares at all; ids of disabled or overridden rules are known.
    static func unknownID(_ expectation: PackTestFile.Expectation, initiatives: [String], rules: [String]) -> String? {
        func initiative(_ id: String) -> String? {
            initiatives.contains(id) ? nil : "no rule proposes initiative '\(id)'\(Suggestions.hint(for: id, in: initiatives))"
        }
        func rule(_ id: String) -> String? {
            rules.contains(id) ? nil : "no rule has the id '\(id)'\(Suggestions.hint(for: id, in: rules))"
        }
        switch expectation {
        case let .present(id), let .absent(id): return initiative(id)
        case let .rankedAbove(higher, lower): return initiative(higher) ?? initiative(lower)
        case let .fired(id), let .notFired(id): return rule(id)
        }
    }

    private static func evaluate(_ expectation: PackTestFile.Expectation, record: RunRecord,
                                 catalog: RuleCatalog) -> (expected: String, actual: String)? {
        /// Why a rule that is not active did not run.
        func inactive(_ id: String) -> String {
            guard let entry = catalog.entries.last(where: { $0.rule.id == id }) else { return "the rule did not run" }
            switch entry.state {
            case let .disabled(pack): return "the rule is disabled by pack '\(pack)'"
            case let .overridden(by): return "the rule is overridden by \(by)"
            case .active: return "the rule did not run"
            }
        }
        func status(_ outcome: RuleOutcome) -> String {
            if let failure = outcome.failure { return "the rule failed: \(failure.description)" }
            return "status \(outcome.status.rawValue): \(Explainer.firstFailedCheck(outcome.trace))"
        }
        let plan = record.plan
        func rank(_ id: String) -> Int? { plan.initiative(id)?.rank }
        switch expectation {
        case let .present(id):
            return rank(id) == nil ? ("initiative '\(id)' is recommended", "it is not recommended") : nil
        case let .absent(id):
            if let rank = rank(id) { return ("initiative '\(id)' is not recommended", "it is recommended at rank \(rank)") }
            return nil
        case let .rankedAbove(higher, lower):
            guard let high = rank(higher) else { return ("'\(higher)' ranked above '\(lower)'", "'\(higher)' is not recommended") }
            guard let low = rank(lower) else { return ("'\(higher)' ranked above '\(lower)'", "'\(lower)' is not recommended") }
            if high < low { return nil }
            return ("'\(higher)' ranked above '\(lower)'", "'\(higher)' is rank \(high), '\(lower)' is rank \(low)")
        case let .fired(id):
            guard let outcome = record.ruleRun.outcome(ruleID: id) else { return ("rule '\(id)' fires", inactive(id)) }
            if outcome.status == .fired { return nil }
            return ("rule '\(id)' fires", status(outcome))
        case let .notFired(id):
            guard let outcome = record.ruleRun.outcome(ruleID: id) else { return nil }
            if outcome.status == .notFired { return nil }
            if outcome.failure != nil { return ("rule '\(id)' does not fire", status(outcome)) }
            return ("rule '\(id)' does not fire", "status \(outcome.status.rawValue)" + (outcome.reason.map { ": \($0)" } ?? ""))
        }
    }
}

/// Which dimension x level cells have rules, and which rules no example exercises.
public struct CoverageReport: Sendable {
    public struct Cell: Sendable {
        public let dimensionID: String
        public let level: Level
        /// Active proposing rules for this cell.
        public let ruleIDs: [String]
    }

    public let cells: [Cell]
    /// Rules of the packs under test that no passing `fires` example made fire.
    public let unexercised: [RuleDefinition]
    /// Cells with a rule from the packs under test.
    public let focusedCellCount: Int

    public var uncovered: [Cell] { cells.filter { $0.ruleIDs.isEmpty } }

    static func make(catalog: RuleCatalog, model: MaturityModel, focus: Set<String>, exercised: Set<String>) -> CoverageReport {
        var cells: [Cell] = []
        var focused = 0
        for dimension in model.dimensions {
            for level in [Level.adopting, .performing, .optimizing] {
                let rules = catalog.active.filter { $0.kind == .propose && $0.toward == level && $0.dimensions.contains(dimension.id) }
                cells.append(Cell(dimensionID: dimension.id, level: level, ruleIDs: rules.map(\.id)))
                if rules.contains(where: { focus.contains($0.location.pack) }) { focused += 1 }
            }
        }
        let unexercised = catalog.active.filter { focus.contains($0.location.pack) && !exercised.contains($0.id) }
        return CoverageReport(cells: cells, unexercised: unexercised, focusedCellCount: focused)
    }
}
