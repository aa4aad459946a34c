import CSMModel
import CSMRules
import CSMRun
import CSMSystem

/// The result of `csm rules check`.
public struct CheckReport: Sendable {
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
        guard let engine else { return report }

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
        for pack in catalog.packs where focus.contains(pack.name) {
            for file in pack.source.testFiles {
                do {
                    _ = try PackTestFile.read(path: file.displayPath, bytes: file.bytes, model: model)
                } catch {
                    report.problems += error.diagnostics
                }
            }
        }
        report.problems = sorted(report.problems)
        report.warnings = sorted(report.warnings)
        return report
    }

    /// Every `requires` id must be declared by some rule, and prerequisites must not form a cycle.
    static func checkPrerequisites(_ catalog: RuleCatalog, report: inout CheckReport) {
        let declared = Set(catalog.entries.compactMap { $0.rule.initiative?.id })
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
                if earlier.initiative != initiative {
                    report.warnings.append(Diagnostic(file: rule.location.file, line: rule.location.line, subject: "rule '\(rule.id)'",
                        message: "describes initiative '\(initiative.id)' differently from rule '\(earlier.id)' (\(earlier.location)); the later pack's text is used"))
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
