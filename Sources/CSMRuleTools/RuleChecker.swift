import CSMModel
import CSMPlanning
import CSMRules
import CSMRun
import CSMSystem

/// The result of `csm rules check`.
public struct CheckReport: Sendable {
    /// False when a pack could not be loaded at all (for example an invalid manifest), so rules were not counted.
    public var loaded = true
    public var problems: [Diagnostic] = []
    public var warnings: [Diagnostic] = []
    public var packCount = 0
    public var ruleCount = 0
    public var fileCount = 0
}

/// Validates rule packs offline: compiles every file and checks metadata,
/// vocabularies, ids, prerequisites, examples and test files.
public enum RuleChecker {
    public static func check(_ options: RuleToolOptions) throws(CSMError) -> CheckReport {
        let model = try Session.loadModel(options.modelPath)
        let sources = try Session.ruleSources(options.packPaths)
        var report = CheckReport()
        let (engine, load) = RuleEngine.load(sources: sources, model: model, settings: options.settings, limits: options.limits)
        report.problems += load.problems
        report.problems += load.failures.map(\.diagnostic)
        report.packCount = sources.count
        report.fileCount = sources.reduce(0) { $0 + $1.luaFiles.count }
        guard let engine else {
            report.loaded = false
            return report
        }

        let catalog = engine.catalog
        let focus = Toolbox.focusNames(catalog, paths: options.packPaths)
        report.packCount = catalog.packs.count
        report.ruleCount = catalog.entries.count
        report.fileCount = catalog.packs.reduce(0) { $0 + $1.source.luaFiles.count }

        checkPrerequisites(catalog, report: &report)
        checkInitiativeTexts(catalog, report: &report)
        for rule in catalog.active where focus.contains(rule.location.pack) {
            let (examples, problems) = ExampleReader.examples(of: rule)
            report.problems += problems
            if rule.kind == .propose && examples.isEmpty {
                report.warnings.append(Diagnostic(file: rule.location.file, line: rule.location.line, subject: "rule '\(rule.id)'",
                                                  message: "has no examples; add examples = { fires = { ... }, quiet = { ... } }"))
            }
            for example in examples {
                if case let .failure(error) = ExampleReader.prepare(example, model: model, pack: catalog.pack(named: rule.location.pack)) {
                    report.problems += error.diagnostics
                }
            }
        }
        let toolbox = Toolbox(model: model, engine: engine, focus: focus)
        for pack in catalog.packs where focus.contains(pack.name) {
            for file in pack.source.testFiles {
                checkTestFile(file, toolbox: toolbox, report: &report)
            }
        }
        report.problems = sorted(report.problems)
        report.warnings = sorted(report.warnings)
        return report
    }

    /// Parses a test file and checks its "set" values and the ids it names.
    static func checkTestFile(_ file: RulePackSource.File, toolbox: Toolbox, report: inout CheckReport) {
        let test: PackTestFile
        do {
            test = try PackTestFile.read(path: file.displayPath, bytes: file.bytes, model: toolbox.model)
        } catch {
            report.problems += error.diagnostics
            return
        }
        if case let .failure(problem) = toolbox.parameters(for: test.settings) {
            report.problems.append(Diagnostic(file: test.path, subject: problem.subject, message: problem.message))
        }
        for check in test.checks {
            if let problem = RuleTester.unknownID(check.expectation, initiatives: toolbox.declaredInitiatives, rules: toolbox.declaredRules) {
                report.problems.append(Diagnostic(file: test.path, line: check.line, subject: check.path, message: problem))
            }
        }
    }

    /// Every `requires` id must be declared by some rule, and prerequisites must not form a cycle.
    /// A prerequisite that only a disabled or overridden rule proposes gets a warning.
    static func checkPrerequisites(_ catalog: RuleCatalog, report: inout CheckReport) {
        let declared = Set(catalog.entries.compactMap { $0.rule.initiative?.id })
        let proposed = Set(catalog.active.compactMap { $0.initiative?.id })
        let known = declared.sorted()
        var edges: [String: Set<String>] = [:]
        var declaringRule: [String: RuleDefinition] = [:]
        for rule in catalog.active {
            guard let initiative = rule.initiative else { continue }
            if declaringRule[initiative.id] == nil { declaringRule[initiative.id] = rule }
            for prerequisite in initiative.requires {
                if !declared.contains(prerequisite) {
                    report.problems.append(Diagnostic(file: rule.location.file, line: rule.location.line, subject: "rule '\(rule.id)'",
                        message: "initiative '\(initiative.id)' requires unknown initiative '\(prerequisite)'\(Suggestions.hint(for: prerequisite, in: known))"))
                } else if !proposed.contains(prerequisite) {
                    report.warnings.append(Diagnostic(file: rule.location.file, line: rule.location.line, subject: "rule '\(rule.id)'",
                        message: "initiative '\(initiative.id)' requires '\(prerequisite)', which no active rule proposes (its rules are disabled or overridden)"))
                }
                edges[initiative.id, default: []].insert(prerequisite)
            }
        }
        for cycle in cycles(edges) {
            let rule = declaringRule[cycle[0]]
            report.problems.append(Diagnostic(file: rule?.location.file, line: rule?.location.line, subject: "prerequisites",
                message: "cycle: " + (cycle + [cycle[0]]).joined(separator: " → ")))
        }
    }

    /// Finds cycles by depth-first search, each reported once, starting at its smallest id.
    static func cycles(_ edges: [String: Set<String>]) -> [[String]] {
        var found: [[String]] = []
        var seen: Set<String> = []
        var state: [String: Int] = [:]  // 1 on the current path, 2 finished
        var path: [String] = []
        func visit(_ node: String) {
            state[node] = 1
            path.append(node)
            for next in (edges[node] ?? []).sorted() {
                if state[next] == 1, let start = path.firstIndex(of: next) {
                    var cycle = Array(path[start...])
                    let smallest = cycle.indices.min { cycle[$0] < cycle[$1] }!
                    cycle = Array(cycle[smallest...] + cycle[..<smallest])
                    let key = cycle.joined(separator: " ")
                    if seen.insert(key).inserted { found.append(cycle) }
                } else if state[next] == nil {
                    visit(next)
                }
            }
            path.removeLast()
            state[node] = 2
        }
        for node in edges.keys.sorted() where state[node] == nil { visit(node) }
        return found
    }

    /// Warns when active rules describe the same initiative id differently.
    static func checkInitiativeTexts(_ catalog: RuleCatalog, report: inout CheckReport) {
        var first: [String: RuleDefinition] = [:]
        for rule in catalog.active {
            guard let initiative = rule.initiative else { continue }
            if let earlier = first[initiative.id] {
                if let earlierInitiative = earlier.initiative, !Planner.sameText(earlierInitiative, initiative) {
                    let which = earlier.location.pack == rule.location.pack
                        ? "the text of the rule with the smaller id is used" : "the later pack's text is used"
                    report.warnings.append(Diagnostic(file: rule.location.file, line: rule.location.line, subject: "rule '\(rule.id)'",
                        message: "describes initiative '\(initiative.id)' differently from rule '\(earlier.id)' (\(earlier.location)); \(which)"))
                }
            } else {
                first[initiative.id] = rule
            }
        }
    }

    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted { a, b in
            let fileA = a.file ?? "", fileB = b.file ?? ""
            if fileA != fileB { return fileA < fileB }
            if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
            return a.message < b.message
        }
    }
}
