import CSMLua
import CSMModel
import CSMRules
import CSMRun
import CSMSystem

/// Options shared by the rule tools: which packs to layer, which model, parameters and limits.
public struct RuleToolOptions: Sendable {
    /// Pack directories layered over the built-in pack. The tools work on
    /// these packs; with none, they work on the built-in pack.
    public var packPaths: [String]
    public var modelPath: String?
    public var settings: [ParameterSetting]
    public var limits: LuaLimits

    public init(packPaths: [String] = [], modelPath: String? = nil, settings: [ParameterSetting] = [],
                limits: LuaLimits = .defaults) {
        self.packPaths = packPaths
        self.modelPath = modelPath
        self.settings = settings
        self.limits = limits
    }
}

/// A loaded model and rule engine, plus which packs the user asked about.
struct Toolbox {
    let model: MaturityModel
    let engine: RuleEngine
    /// Names of the packs given on the command line, or the built-in pack when none were.
    let focus: Set<String>

    static func load(_ options: RuleToolOptions) throws(CSMError) -> Toolbox {
        let model = try Session.loadModel(options.modelPath)
        let sources = try Session.ruleSources(options.packPaths)
        let engine = try RuleEngine(sources: sources, model: model, settings: options.settings, limits: options.limits)
        return Toolbox(model: model, engine: engine, focus: focusNames(engine.catalog, paths: options.packPaths))
    }

    static func focusNames(_ catalog: RuleCatalog, paths: [String]) -> Set<String> {
        if paths.isEmpty { return Set(catalog.packs.filter { $0.origin == "builtin" || $0.name == "core" }.map(\.name)) }
        return Set(catalog.packs.filter { paths.contains($0.origin) }.map(\.name))
    }

    var session: Session { Session(model: model, engine: engine) }

    var focusedPacks: [LoadedPack] {
        engine.catalog.packs.filter { focus.contains($0.name) }
    }

    /// Resolves `PACK.PARAM=VALUE` settings into per-pack parameter values for one evaluation.
    func parameters(for settings: [ParameterSetting]) -> Result<[String: [(name: String, value: ParameterValue)]], Diagnostic> {
        var result: [String: [(name: String, value: ParameterValue)]] = [:]
        for setting in settings {
            guard let pack = engine.catalog.pack(named: setting.pack) else {
                let names = engine.catalog.packs.map(\.name)
                return .failure(Diagnostic(subject: "set \(setting.pack).\(setting.name)",
                                           message: "unknown pack '\(setting.pack)'\(Suggestions.hint(for: setting.pack, in: names))"))
            }
            guard let parameter = pack.manifest.parameter(setting.name) else {
                let names = pack.manifest.parameters.map(\.name)
                return .failure(Diagnostic(subject: "set \(setting.pack).\(setting.name)",
                                           message: "pack '\(pack.name)' has no parameter '\(setting.name)'\(Suggestions.hint(for: setting.name, in: names)); valid parameters: \(names.joined(separator: ", "))"))
            }
            guard let value = ParameterValue.parse(setting.value, as: parameter.type) else {
                return .failure(Diagnostic(subject: "set \(setting.pack).\(setting.name)",
                                           message: "invalid value '\(setting.value)'; expected a value of type \(parameter.type.rawValue)"))
            }
            if let problem = parameter.problem(with: value) {
                return .failure(Diagnostic(subject: "set \(setting.pack).\(setting.name)", message: "invalid value: \(problem)"))
            }
            result[pack.name, default: []].append((name: setting.name, value: value))
        }
        return .success(result)
    }

    /// Every initiative id some rule declares, active or not, sorted.
    var declaredInitiatives: [String] {
        Array(Set(engine.catalog.entries.compactMap { $0.rule.initiative?.id })).sorted()
    }

    /// Every rule id, active or not, sorted.
    var declaredRules: [String] {
        Array(Set(engine.catalog.entries.map(\.rule.id))).sorted()
    }
}
