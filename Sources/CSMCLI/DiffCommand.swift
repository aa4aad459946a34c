import CSMDiff
import CSMLua
import CSMJSON
import CSMModel
import CSMRender
import CSMRules
import CSMRun
import CSMSystem

/// `csm diff OLD NEW` and `csm diff ASSESSMENT --old-rules DIR --new-rules DIR`.
enum DiffCommand {
    static let spec = CommandSpec(
        name: "diff",
        summary: "Compare two runs: scores that moved, initiatives added, resolved or changed, and which inputs differ.",
        usage: "diff OLD NEW [options] | diff ASSESSMENT --old-rules DIR --new-rules DIR [options]",
        positionals: 1...2,
        options: [
            .option("--rules", "DIR", "Rule packs for evaluating OLD and NEW when they are assessments; repeatable.", repeatable: true),
            .option("--old-rules", "DIR", "With one ASSESSMENT: the packs of the old run (after the built-in pack); repeatable.", repeatable: true),
            .option("--new-rules", "DIR", "With one ASSESSMENT: the packs of the new run (after the built-in pack); repeatable.", repeatable: true),
            .option("--model", "FILE", "Use this maturity model when evaluating assessments."),
            .option("--set", "PACK.PARAM=VALUE", "Set a rule pack parameter when evaluating assessments; repeatable.", repeatable: true),
            .option("--format", "FORMAT", "Output format: text, json or markdown. Default text."),
            .option("--output", "FILE", "Write to FILE (atomically) instead of standard output."),
            .option("--fail-on", "KINDS", "Exit 1 only for these kinds of difference (comma-separated): \(RunDiff.Kind.allCases.map(\.rawValue).joined(separator: ", "))."),
            ColorChoice.option,
        ] + LimitOptions.specs,
        details: """
        OLD and NEW are run records (written by 'csm run --format json') or assessments,
        which are evaluated with the same --rules. Initiatives are matched by id, so a
        reworded initiative shows as "text" changed, not as removed and added.

        Examples:
          csm diff samples/northwind-2026-q3.json samples/northwind-mid-market.json
          csm diff q3.run.json q4.run.json --format markdown --output progress.md
          csm diff samples/northwind-mid-market.json --old-rules samples/acme-advisory-pack \\
              --new-rules samples/acme-advisory-pack-1.3.0 --fail-on added,resolved

        Exit status: 0 no differences, 1 differences found, 2 invalid usage or input,
        3 a rule failed while an assessment was evaluated.
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let format = try arguments.choice("--format", ["text", "json", "markdown"], default: "text")
        let output = OutputTarget(path: arguments.value("--output"))
        let failOn = try arguments.value("--fail-on").map(RunDiff.parseKinds)
        var settings: [ParameterSetting] = []
        for text in arguments.all("--set") { settings.append(try ParameterSetting.parse(text)) }
        let limits = try LimitOptions.limits(arguments)
        let modelPath = arguments.value("--model")
        let style = try ColorChoice.style(arguments, output: output)
        try output.check(against: arguments.positionals + (modelPath.map { [$0] } ?? []))

        let old: RunSnapshot
        let new: RunSnapshot
        if arguments.positionals.count == 1 {
            let oldRules = arguments.all("--old-rules")
            let newRules = arguments.all("--new-rules")
            guard !oldRules.isEmpty || !newRules.isEmpty else {
                throw .usage("with one assessment, give --old-rules and --new-rules to compare two rule pack versions, or give two files: csm diff OLD NEW")
            }
            if !arguments.all("--rules").isEmpty {
                throw .usage("--rules does not apply with --old-rules/--new-rules; list every pack under --old-rules and --new-rules")
            }
            let path = arguments.positionals[0]
            old = try snapshot(path, label: "\(path) with old rules", rules: oldRules, modelPath: modelPath, settings: settings, limits: limits)
            new = try snapshot(path, label: "\(path) with new rules", rules: newRules, modelPath: modelPath, settings: settings, limits: limits)
        } else {
            if !arguments.all("--old-rules").isEmpty || !arguments.all("--new-rules").isEmpty {
                throw .usage("--old-rules and --new-rules compare one assessment under two rule pack versions: csm diff ASSESSMENT --old-rules DIR --new-rules DIR")
            }
            let rules = arguments.all("--rules")
            old = try snapshot(arguments.positionals[0], label: arguments.positionals[0], rules: rules, modelPath: modelPath, settings: settings, limits: limits)
            new = try snapshot(arguments.positionals[1], label: arguments.positionals[1], rules: rules, modelPath: modelPath, settings: settings, limits: limits)
        }

        let diff = try RunDiff.compare(old, new)
        let renderer = DiffRenderer(style: style)
        switch format {
        case "json": try output.write(JSONWriter.write(renderer.json(diff)))
        case "markdown": try output.write(renderer.markdown(diff))
        default: try output.write(renderer.text(diff))
        }
        let counted = failOn.map { diff.kinds.intersection($0) } ?? diff.kinds
        return counted.isEmpty ? 0 : 1
    }

    /// A run record read from disk, or an assessment evaluated now.
    static func snapshot(_ path: String, label: String, rules: [String], modelPath: String?, settings: [ParameterSetting],
                         limits: LuaLimits) throws(CSMError) -> RunSnapshot {
        let bytes = path == "-" ? try FileSystem.readStandardInput() : try FileSystem.readFile(path)
        let root = try parseJSONDocument(bytes, file: path)
        var schema = ""
        if case let .object(object) = root.value, let node = object["schema"], case let .string(text) = node.value { schema = text }
        if schema.hasPrefix("csm.run/") {
            if !rules.isEmpty || modelPath != nil {
                Terminal.writeStandardError("csm: note: \(path) is a run record; --rules and --model apply only to assessments\n")
            }
            return try RunSnapshot.read(bytes: bytes, label: label)
        }
        guard schema.hasPrefix("csm.assessment/") else {
            throw CSMError(.input, Diagnostic(file: path, message: "neither a run record (csm.run/v1) nor an assessment (csm.assessment/v1)\(schema.isEmpty ? "" : ": schema is '\(schema)'")"))
        }
        let model = try Session.loadModel(modelPath)
        let assessment = try AssessmentParser.parse(bytes: bytes, source: path, model: model)
        let engine = try RuleEngine(sources: try Session.ruleSources(rules), model: model, settings: settings, limits: limits)
        let record = try Session(model: model, engine: engine).run(assessment)
        return try RunSnapshot(record: record, label: label)
    }
}
