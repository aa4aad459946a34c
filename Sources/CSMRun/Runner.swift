import CSMBuiltinPack
import CSMEvaluator
import CSMLua
import CSMModel
import CSMPlanning
import CSMRules
import CSMSystem

/// What `csm run` needs to know.
public struct RunOptions: Sendable {
    public var assessmentPath: String
    public var modelPath: String?
    /// Rule pack directories layered over the built-in pack, in order.
    public var rulePaths: [String]
    public var settings: [ParameterSetting]
    public var explain: Bool
    /// Finish the run when rules fail, listing them, instead of stopping at the first.
    public var keepGoing: Bool
    public var limits: LuaLimits
    public var roadmap: RoadmapPolicy

    public init(assessmentPath: String, modelPath: String? = nil, rulePaths: [String] = [],
                settings: [ParameterSetting] = [], explain: Bool = false, keepGoing: Bool = false,
                limits: LuaLimits = .defaults, roadmap: RoadmapPolicy = .standard) {
        self.assessmentPath = assessmentPath
        self.modelPath = modelPath
        self.rulePaths = rulePaths
        self.settings = settings
        self.explain = explain
        self.keepGoing = keepGoing
        self.limits = limits
        self.roadmap = roadmap
    }
}

/// A model and loaded rule packs, ready to evaluate assessments one after another.
public final class Session {
    public let model: MaturityModel
    public let engine: RuleEngine

    public init(modelPath: String?, rulePaths: [String], settings: [ParameterSetting] = [],
                limits: LuaLimits = .defaults) throws(CSMError) {
        model = try Session.loadModel(modelPath)
        engine = try RuleEngine(sources: try Session.ruleSources(rulePaths), model: model, settings: settings, limits: limits)
    }

    public init(model: MaturityModel, engine: RuleEngine) {
        self.model = model
        self.engine = engine
    }

    public static func loadModel(_ path: String?) throws(CSMError) -> MaturityModel {
        guard let path else { return try ModelLoader.builtin() }
        return try ModelLoader.load(path: path)
    }

    /// The built-in pack followed by the given directories.
    public static func ruleSources(_ paths: [String]) throws(CSMError) -> [RulePackSource] {
        var sources = [builtinPack()]
        for path in paths { sources.append(try RulePackSource(directory: path)) }
        return sources
    }

    public static func builtinPack() -> RulePackSource {
        RulePackSource(builtin: EmbeddedRulePack.files)
    }

    /// Evaluates one assessment. With `keepGoing` false the first rule failure throws (exit 3).
    public func run(_ assessment: Assessment, explain: Bool = false, keepGoing: Bool = false,
                    parameters: [String: [(name: String, value: ParameterValue)]] = [:],
                    roadmap policy: RoadmapPolicy = .standard) throws(CSMError) -> RunRecord {
        let evaluation = Evaluator.evaluate(assessment, model: model)
        let options = EvaluationOptions(trace: explain, stopOnFailure: !keepGoing, parameters: parameters)
        let ruleRun = try engine.evaluate(evaluation, options: options)
        if !keepGoing, let failure = ruleRun.failures.first {
            throw CSMError(.ruleFailure, failure.diagnostic)
        }
        let plan = Planner.plan(evaluation: evaluation, run: ruleRun, packOrder: engine.catalog.packs.map(\.name))
        let roadmap = try RoadmapPlanner.plan(plan, policy: policy)
        let scorecard = ScorecardBuilder.build(plan: plan, roadmap: roadmap, model: model, facts: assessment.facts)
        return RunRecord(model: model, packs: engine.catalog.packs, evaluation: evaluation, ruleRun: ruleRun,
                         plan: plan, roadmap: roadmap, scorecard: scorecard, explained: explain)
    }

    public func run(path: String, explain: Bool = false, keepGoing: Bool = false) throws(CSMError) -> RunRecord {
        try run(try AssessmentParser.parse(path: path, model: model), explain: explain, keepGoing: keepGoing)
    }
}

public enum Runner {
    /// Loads everything and evaluates one assessment file.
    public static func run(_ options: RunOptions) throws(CSMError) -> RunRecord {
        // Assessment errors are reported before rule pack errors: they are the more common mistake.
        let model = try Session.loadModel(options.modelPath)
        let assessment = try AssessmentParser.parse(path: options.assessmentPath, model: model)
        let engine = try RuleEngine(sources: try Session.ruleSources(options.rulePaths), model: model,
                                    settings: options.settings, limits: options.limits)
        return try Session(model: model, engine: engine).run(assessment, explain: options.explain, keepGoing: options.keepGoing,
                                                            roadmap: options.roadmap)
    }
}
