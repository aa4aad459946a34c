import CSMDiff
import CSMJSON
import CSMPlanning
import CSMRender
import CSMRules
import CSMRun
import CSMSystem

/// `csm run ASSESSMENT`: evaluate one assessment and recommend initiatives.
enum RunCommand {
    static let formats = ["text", "json", "markdown", "html"]

    static let spec = CommandSpec(
        name: "run",
        summary: "Evaluate an assessment and recommend prioritized initiatives.",
        usage: "run ASSESSMENT [options]",
        positionals: 1...1,
        options: [
            .option("--rules", "DIR", "Add a rule pack directory after the built-in pack; repeat to layer several packs in order.", repeatable: true),
            .option("--model", "FILE", "Use this maturity model (JSON) instead of the built-in one."),
            .option("--format", "FORMAT", "Output format: \(formats.joined(separator: ", ")). Default text."),
            .option("--output", "FILE", "Write to FILE (atomically) instead of standard output."),
            .flag("--explain", "Show, for every initiative, the rules that proposed it, the values they read and the priority arithmetic."),
            .option("--set", "PACK.PARAM=VALUE", "Set a rule pack parameter for this run, for example core.grr_floor=0.9; repeatable.", repeatable: true),
            .flag("--keep-going", "Finish the run when rules fail and list the failed rules; the exit status is still 3."),
            .option("--top", "N", "Text format: show the top N initiatives (default 10; 0 shows all)."),
            .option("--previous", "RUN.json", "Compare with an earlier run record and show trends (deltas, new and resolved initiatives) in every format."),
            .option("--capacity", "N", "Roadmap: initiatives each phase can hold (default 5; 0 means no limit)."),
            .option("--phases", "LIST", "Roadmap phases as NAME:END_MONTH pairs (default Now:3,Next:6,Later:12)."),
            ColorChoice.option,
        ] + LimitOptions.specs,
        details: """
        ASSESSMENT is a JSON file ("csm.assessment/v1"), or - for standard input.

        Examples:
          csm run samples/northwind-mid-market.json
          csm run samples/northwind-mid-market.json --format json --output northwind.run.json
          csm run samples/helio-multi-respondent.json --explain --top 3

        Exit status: 0 success, 2 invalid usage or input, 3 a rule failed.
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let assessmentPath = arguments.positionals[0]
        if FileSystem.kind(of: assessmentPath) == .directory {
            throw .usage("\(assessmentPath) is a folder; csm run evaluates one assessment file, "
                + "and csm batch \(ShellQuoting.quote(assessmentPath)) --output DIR evaluates every assessment in a folder")
        }
        if ["jsonl", "ndjson"].contains(FileSystem.fileExtension(of: assessmentPath).lowercased()) {
            throw .usage("\(assessmentPath) looks like JSON Lines; csm run evaluates one assessment file, "
                + "and csm batch \(ShellQuoting.quote(assessmentPath)) --output DIR evaluates one assessment per line")
        }
        let format = try arguments.choice("--format", formats, default: "text")
        let output = OutputTarget(path: arguments.value("--output"))
        let top = try arguments.integer("--top", minimum: 0, maximum: 100_000) ?? 10
        var settings: [ParameterSetting] = []
        for text in arguments.all("--set") { settings.append(try ParameterSetting.parse(text)) }
        let options = RunOptions(
            assessmentPath: assessmentPath,
            modelPath: arguments.value("--model"),
            rulePaths: arguments.all("--rules"),
            settings: settings,
            explain: arguments.has("--explain"),
            keepGoing: arguments.has("--keep-going"),
            limits: try LimitOptions.limits(arguments),
            roadmap: try RoadmapOptions.policy(arguments)
        )
        try output.check(against: inputFiles(options) + (arguments.value("--previous").map { [$0] } ?? []), folders: options.rulePaths)
        let style = try ColorChoice.style(arguments, output: output)
        let previous = try arguments.value("--previous").map(RunSnapshot.read(path:))

        let record = try Runner.run(options)
        var comparison: RunDiff?
        if let previous {
            comparison = try RunDiff.compare(previous, try RunSnapshot(record: record, label: assessmentPath))
        }
        let text: String
        switch format {
        case "json":
            var json = record.json
            if let comparison, case let .object(fields) = json {
                json = .object(fields + [("previous", DiffRenderer().json(comparison))])
            }
            text = JSONWriter.write(json)
        case "markdown":
            text = MarkdownRenderer(comparison: comparison).render(record)
        case "html":
            text = HTMLRenderer().render(record)
        default:
            text = TextRenderer(style: style, top: top == 0 ? nil : top, explain: options.explain, comparison: comparison).render(record)
        }
        try output.write(text)
        if !record.failures.isEmpty {
            Terminal.writeStandardError("csm: \(record.failures.count) rule\(record.failures.count == 1 ? "" : "s") failed; the output lists them\n")
            return 3
        }
        return 0
    }

    /// Files the output must not overwrite: the assessment, the model and rule files.
    static func inputFiles(_ options: RunOptions) -> [String] {
        var files = [options.assessmentPath]
        if let model = options.modelPath { files.append(model) }
        for directory in options.rulePaths where FileSystem.kind(of: directory) == .directory {
            files += (try? FileSystem.listFiles(in: directory, extensions: ["lua", "json"])) ?? []
        }
        return files
    }
}

/// Options that shape the roadmap.
enum RoadmapOptions {
    static func policy(_ arguments: ParsedArguments) throws(CSMError) -> RoadmapPolicy {
        var policy = RoadmapPolicy.standard
        if let capacity = try arguments.integer("--capacity", minimum: 0, maximum: 10_000) {
            policy.capacity = capacity == 0 ? nil : capacity
        }
        if let phases = arguments.value("--phases") {
            policy.phases = try RoadmapPolicy.parsePhases(phases)
        }
        return policy
    }
}
