import CSMJSON
import CSMModel
import CSMRuleTools
import CSMRules
import CSMRun
import CSMSystem

/// Options every rule tool accepts.
enum RuleToolArguments {
    static let specs: [OptionSpec] = [
        .option("--model", "FILE", "Use this maturity model (JSON) instead of the built-in one."),
        .option("--set", "PACK.PARAM=VALUE", "Set a rule pack parameter, for example core.grr_floor=0.9; repeatable.", repeatable: true),
    ] + LimitOptions.specs

    static func options(_ arguments: ParsedArguments, packs: [String]) throws(CSMError) -> RuleToolOptions {
        var settings: [ParameterSetting] = []
        for text in arguments.all("--set") { settings.append(try ParameterSetting.parse(text)) }
        return RuleToolOptions(packPaths: packs, modelPath: arguments.value("--model"), settings: settings,
                               limits: try LimitOptions.limits(arguments))
    }
}

/// `csm rules list [DIR...]`.
enum RulesListCommand {
    static let spec = CommandSpec(
        name: "rules list",
        summary: "List the rules of the built-in pack and the given packs, with their state.",
        usage: "rules list [DIR...] [options]",
        positionals: 0...64,
        options: [.option("--format", "FORMAT", "Output format: text or json. Default text.")] + RuleToolArguments.specs + [ColorChoice.option],
        details: """
        DIR arguments are rule pack directories layered over the built-in pack in order.
        A rule is active, overridden (a later pack replaced it) or disabled (a later
        pack's manifest turned it off).

        Example:
          csm rules list samples/acme-advisory-pack
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let format = try arguments.choice("--format", ["text", "json"], default: "text")
        let options = try RuleToolArguments.options(arguments, packs: arguments.positionals)
        let model = try Session.loadModel(options.modelPath)
        let engine = try RuleEngine(sources: try Session.ruleSources(options.packPaths), model: model,
                                    settings: options.settings, limits: options.limits)
        let catalog = engine.catalog
        if format == "json" {
            Terminal.writeStandardOutput(JSONWriter.write(json(catalog)))
            return 0
        }
        let style = try ColorChoice.style(arguments, output: OutputTarget(path: nil))
        Terminal.writeStandardOutput(text(catalog, model: model, style: style))
        return 0
    }

    static func json(_ catalog: RuleCatalog) -> JSON {
        let rules: [JSON] = catalog.entries.map { entry in
            let rule = entry.rule
            var fields: [(String, JSON)] = [
                ("id", .string(rule.id)), ("pack", .string(rule.location.pack)), ("kind", .string(rule.kind.rawValue)),
                ("state", .string(entry.state.label)), ("title", .string(rule.title)),
                ("dimensions", .array(rule.dimensions.map(JSON.string))),
                ("toward", rule.toward.map { .string($0.id) } ?? .null),
                ("initiative", rule.initiative.map { .string($0.id) } ?? .null),
                ("file", .string(rule.location.file)), ("line", .int(Int64(rule.location.line))),
            ]
            switch entry.state {
            case let .overridden(by): fields.append(("overridden_by", .string(by.description)))
            case let .disabled(pack): fields.append(("disabled_by", .string(pack)))
            case .active: break
            }
            return .object(fields)
        }
        let packs: [JSON] = catalog.packs.map {
            .object([("name", .string($0.name)), ("version", .string($0.manifest.version)), ("origin", .string($0.origin)),
                     ("sha256", .string($0.sha256))])
        }
        return .object([("packs", .array(packs)), ("rules", .array(rules))])
    }

    static func text(_ catalog: RuleCatalog, model: MaturityModel, style: Style) -> String {
        var lines: [String] = []
        let idWidth = min(60, catalog.entries.map(\.rule.id.count).max() ?? 10)
        for pack in catalog.packs {
            let entries = catalog.entries.filter { $0.rule.location.pack == pack.name }
            let active = entries.filter { $0.state == .active }.count
            lines.append(style.bold("\(pack.name) \(pack.manifest.version)") + " (\(pack.origin)): \(entries.count) rule\(entries.count == 1 ? "" : "s"), \(active) active")
            for entry in entries {
                let rule = entry.rule
                let state = Formatting.padRight(entry.state.label, 10)
                let coloredState = entry.state == .active ? style.green(state) : style.yellow(state)
                var note = ""
                switch entry.state {
                case let .overridden(by): note = style.dim(" (overridden by \(by))")
                case let .disabled(pack): note = style.dim(" (disabled by pack \(pack))")
                case .active: break
                }
                let dimensions = rule.dimensions.map { model.dimension($0)?.shortID ?? $0 }.joined(separator: ",")
                let scope = rule.kind == .adjust ? "adjust " + (dimensions.isEmpty ? rule.initiativeFilter.joined(separator: ",") : dimensions)
                                                 : dimensions + (rule.toward.map { " → \($0.id)" } ?? "")
                lines.append("  \(coloredState) \(Formatting.padRight(rule.id, idWidth))  \(style.dim(scope))  \(rule.title)\(note)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `csm rules check [DIR...]`.
enum RulesCheckCommand {
    static let spec = CommandSpec(
        name: "rules check",
        summary: "Validate rule packs offline: compile every file and check metadata, ids, prerequisites, examples and tests.",
        usage: "rules check [DIR...] [options]",
        positionals: 0...64,
        options: RuleToolArguments.specs + [ColorChoice.option],
        details: """
        Lists every problem as FILE:LINE: SUBJECT: MESSAGE and exits 1 when there is any.
        Without DIR, checks the built-in pack.

        Example:
          csm rules check samples/acme-advisory-pack
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let options = try RuleToolArguments.options(arguments, packs: arguments.positionals)
        let style = try ColorChoice.style(arguments, output: OutputTarget(path: nil))
        let report = try RuleChecker.check(options)
        var lines: [String] = []
        for problem in report.problems { lines.append(style.red("error: ") + problem.description) }
        for warning in report.warnings { lines.append(style.yellow("warning: ") + warning.description) }
        let summary = report.loaded
            ? "\(report.ruleCount) rules in \(report.fileCount) files of \(report.packCount) pack\(report.packCount == 1 ? "" : "s")"
            : "the packs could not be loaded, so their rules were not checked further"
        if report.problems.isEmpty {
            lines.append(style.green("ok: ") + summary + ", no problems" + (report.warnings.isEmpty ? "" : ", \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s")"))
        } else {
            lines.append("\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"), \(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s") (\(summary))")
        }
        Terminal.writeStandardOutput(lines.joined(separator: "\n") + "\n")
        return report.problems.isEmpty ? 0 : 1
    }
}

/// `csm rules test [DIR...]`.
enum RulesTestCommand {
    static let spec = CommandSpec(
        name: "rules test",
        summary: "Run the examples of every rule and the packs' test files (tests/*.json).",
        usage: "rules test [DIR...] [options]",
        positionals: 0...64,
        options: [.flag("--coverage", "Also list the dimension × level cells no rule addresses and the rules no example exercises.")]
            + RuleToolArguments.specs + [ColorChoice.option],
        details: """
        Prints each failure with its location, the rule or test, what was expected and what
        happened, then "N passed, N failed". Exits 1 when anything failed. Without DIR,
        tests the built-in pack. --set changes a parameter for the examples and the test
        files alike; a test file's own "set" applies on top.

        Example:
          csm rules test samples/acme-advisory-pack --coverage
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let options = try RuleToolArguments.options(arguments, packs: arguments.positionals)
        let style = try ColorChoice.style(arguments, output: OutputTarget(path: nil))
        let report = try RuleTester.run(options, coverage: arguments.has("--coverage"))
        var lines: [String] = []
        for failure in report.failures {
            lines.append(style.red("FAIL ") + "\(failure.location): \(failure.subject)")
            lines.append("  expected: \(failure.expected)")
            lines.append("  actual:   \(failure.actual)")
        }
        if let coverage = report.coverage {
            if !lines.isEmpty { lines.append("") }
            let covered = coverage.cells.count - coverage.uncovered.count
            lines.append(style.bold("Coverage: \(covered) of \(coverage.cells.count) dimension × level cells have a rule"))
            if !arguments.positionals.isEmpty {
                lines.append("  \(coverage.focusedCellCount) of them have a rule from the packs under test")
            }
            for cell in coverage.uncovered {
                lines.append("  no rule: \(cell.dimensionID) toward \(cell.level.id)")
            }
            if coverage.unexercised.isEmpty {
                lines.append("  every rule is exercised by a fires example")
            } else {
                lines.append(style.bold("Rules no example exercises (\(coverage.unexercised.count))"))
                for rule in coverage.unexercised {
                    lines.append("  \(rule.id) (\(rule.location))")
                }
            }
            lines.append("")
        }
        let summary = "\(report.passed) passed, \(report.failed) failed"
        lines.append(report.failed == 0 ? style.green(summary) : style.red(summary))
        Terminal.writeStandardOutput(lines.joined(separator: "\n") + "\n")
        return report.failed == 0 ? 0 : 1
    }
}

/// `csm rules new DIR`.
enum RulesNewCommand {
    static let spec = CommandSpec(
        name: "rules new",
        summary: "Create a rule pack with a manifest, one rule with examples, one test file and editor settings.",
        usage: "rules new DIR [--name NAME]",
        positionals: 1...1,
        options: [.option("--name", "NAME", "Pack name (default: the directory name).")],
        details: """
        The new pack passes 'csm rules check DIR' and 'csm rules test DIR' as generated.

        Example:
          csm rules new acme-pack && csm rules test acme-pack
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let directory = arguments.positionals[0]
        let written = try PackScaffold.create(at: directory, name: arguments.value("--name"))
        var text = "Created rule pack in \(directory):\n"
        for path in written { text += "  \(path)\n" }
        text += "Next: csm rules test \(ShellQuoting.quote(directory))\n"
        Terminal.writeStandardOutput(text)
        return 0
    }
}

/// `csm explain ASSESSMENT INITIATIVE_ID`.
enum ExplainCommand {
    static let spec = CommandSpec(
        name: "explain",
        summary: "Explain one initiative: the rules that proposed it, the values they read and its priority arithmetic.",
        usage: "explain ASSESSMENT INITIATIVE_ID [options]",
        positionals: 2...2,
        options: [.option("--rules", "DIR", "Add a rule pack directory after the built-in pack; repeatable.", repeatable: true)]
            + RuleToolArguments.specs + [ColorChoice.option],
        details: """
        Example:
          csm explain samples/northwind-mid-market.json health-score-v1
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let options = try RuleToolArguments.options(arguments, packs: arguments.all("--rules"))
        let style = try ColorChoice.style(arguments, output: OutputTarget(path: nil))
        let explanation = try Explainer.explain(assessmentPath: arguments.positionals[0], initiativeID: arguments.positionals[1], options: options)
        Terminal.writeStandardOutput(Explainer.render(explanation, style: style))
        return reportFailures(explanation.record)
    }

    static func reportFailures(_ record: RunRecord) -> Int32 {
        guard !record.failures.isEmpty else { return 0 }
        for failure in record.failures { Terminal.writeStandardError("csm: error: \(failure)\n") }
        return 3
    }
}

/// `csm why-not ASSESSMENT RULE_ID`.
enum WhyNotCommand {
    static let spec = CommandSpec(
        name: "why-not",
        summary: "Show why a rule did not fire: the first condition that failed and the value it saw.",
        usage: "why-not ASSESSMENT RULE_ID [options]",
        positionals: 2...2,
        options: [.option("--rules", "DIR", "Add a rule pack directory after the built-in pack; repeatable.", repeatable: true),
                  .option("--pack", "NAME", "Ask about the rule of this pack when several packs declare the id (for example an overridden built-in rule).")]
            + RuleToolArguments.specs + [ColorChoice.option],
        details: """
        Example:
          csm why-not samples/atlas-enterprise.json proactive_engagement.health-score-v1
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let options = try RuleToolArguments.options(arguments, packs: arguments.all("--rules"))
        let style = try ColorChoice.style(arguments, output: OutputTarget(path: nil))
        let explanation = try Explainer.whyNot(assessmentPath: arguments.positionals[0], ruleID: arguments.positionals[1],
                                               pack: arguments.value("--pack"), options: options)
        Terminal.writeStandardOutput(Explainer.render(explanation, style: style))
        if let status = explanation.outcome?.status, status == .error || status == .timeout { return 3 }
        return 0
    }
}

/// Quoting for paths printed as commands a user may copy.
enum ShellQuoting {
    static func quote(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0)) }
        if safe && !text.isEmpty { return text }
        return "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
