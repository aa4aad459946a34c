#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSMBatch
import CSMJSON
import CSMPortfolio
import CSMRender
import CSMRules
import CSMRun
import CSMSystem

/// `csm batch INPUT... --output DIR`: evaluate a portfolio of assessments.
enum BatchCommand {
    static let clientFormatNames = ["json", "markdown", "html", "text", "none"]
    static let summaryFormatNames = ["json", "markdown", "html", "none"]
    /// Failed inputs named on standard error; the rest are counted.
    static let listedFailures = 20
    /// Messages shown per failed input; the results hold all of them.
    static let messagesPerFailure = 5

    static let spec = CommandSpec(
        name: "batch",
        summary: "Evaluate many assessments in parallel: per-client reports, result lines and a portfolio summary.",
        usage: "batch INPUT... --output DIR [options]",
        positionals: 1...1_000_000,
        options: [
            .option("--output", "DIR", "Folder for the summary, the result lines and the clients' reports (created when missing)."),
            .option("--jobs", "N", "Worker threads, each with its own Lua state: 1 to 256 (default: the number of CPU cores, at most 64)."),
            .option("--format", "LIST", "Client reports, comma-separated: json, markdown, html, text, or none. Default json, or none when every input is JSON Lines."),
            .option("--summary-format", "LIST", "Portfolio summary files, comma-separated: json, markdown, html, or none. Default json,markdown,html."),
            .option("--results", "FILE", "Write the result lines (JSON Lines, one per input) to FILE instead of DIR/results.jsonl; - streams them to standard output."),
            .option("--ranking", "N", "Clients listed in the summary's ranking by total gap (default 20; 0 lists all)."),
            .option("--rules", "DIR", "Add a rule pack directory after the built-in pack; repeatable.", repeatable: true),
            .option("--model", "FILE", "Use this maturity model (JSON) instead of the built-in one."),
            .option("--set", "PACK.PARAM=VALUE", "Set a rule pack parameter for every client; repeatable.", repeatable: true),
            .flag("--keep-going", "Write a client's reports even when some of its rules fail, listing them; the exit status is still 3."),
            .flag("--explain", "Trace rules in the clients' reports, as csm run --explain does (slower)."),
            .option("--top", "N", "Text reports: initiatives shown (default 10; 0 shows all)."),
            .option("--capacity", "N", "Roadmap: initiatives each phase can hold (default 5; 0 means no limit)."),
            .option("--phases", "LIST", "Roadmap phases as NAME:END_MONTH pairs (default Now:3,Next:6,Later:12)."),
            .option("--progress", "WHEN", "Progress bar on standard error: auto (on a terminal), always or never. Default auto."),
        ] + LimitOptions.specs,
        details: """
        INPUT is an assessment file, a folder (searched recursively for *.json), a
        JSON Lines file (*.jsonl or *.ndjson, one assessment per line), or - for
        JSON Lines on standard input. A stream of any length is read in constant
        memory. The input is read twice: first for the portfolio's score
        distributions, then to evaluate each client and place it against them
        (standard input is kept in a temporary copy in DIR meanwhile).

        DIR receives summary.json, summary.md and summary.html (the portfolio),
        results.jsonl (one "csm.batch-result/v1" line per input, in input order),
        and clients/NAME.run.json (or .md, .html, .txt) per client. A client from
        a JSON Lines stream is named after the stream, its line and organization:
        clients/STREAM/000042-acme.run.json. Output is the same for any --jobs.

        A bad assessment does not stop the batch: it is listed on standard error
        and in the results, and the exit status is non-zero at the end.

        Examples:
          csm batch samples --output portfolio
          csm batch clients.jsonl --output out --format none --jobs 4
          generate-assessments | csm batch - --output out --results - | jq .total_gap

        Exit status: 0 every input evaluated; 2 invalid usage, or some input was
        invalid; 3 a rule failed for some client.
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        guard let folder = arguments.value("--output") else {
            throw .usage("csm batch needs --output DIR, the folder for the summary and the clients' reports")
        }
        let sources = try BatchInputs.expand(arguments.positionals)
        let everyInputIsStream = sources.allSatisfy(\.isJSONLines)
        let clientFormats = try formatList(arguments, "--format", clientFormatNames,
                                           default: everyInputIsStream ? ["none"] : ["json"])
        let summaryFormats = try formatList(arguments, "--summary-format", summaryFormatNames,
                                            default: ["json", "markdown", "html"])
        let jobs = try arguments.integer("--jobs", minimum: 1, maximum: 256) ?? defaultJobs()
        let ranking = try arguments.integer("--ranking", minimum: 0, maximum: 1_000_000) ?? 20
        let top = try arguments.integer("--top", minimum: 0, maximum: 100_000) ?? 10
        let progressChoice = try arguments.choice("--progress", ["auto", "always", "never"], default: "auto")
        var settings: [ParameterSetting] = []
        for text in arguments.all("--set") { settings.append(try ParameterSetting.parse(text)) }
        let explain = arguments.has("--explain")

        let results: BatchOptions.Results
        switch arguments.value("--results") {
        case nil: results = .inOutputFolder
        case "-": results = .standardOutput
        case let path?: results = .file(path)
        }
        try checkOutput(folder: folder, results: results, inputs: arguments.positionals, sources: sources,
                        rulePaths: arguments.all("--rules"), modelPath: arguments.value("--model"))

        let options = BatchOptions(
            sources: sources,
            outputDirectory: folder,
            jobs: jobs,
            modelPath: arguments.value("--model"),
            rulePaths: arguments.all("--rules"),
            settings: settings,
            explain: explain,
            keepGoing: arguments.has("--keep-going"),
            limits: try LimitOptions.limits(arguments),
            roadmap: try RoadmapOptions.policy(arguments),
            clientFormats: clientFormats.compactMap { clientFormat($0, top: top == 0 ? nil : top, explain: explain) },
            summaryFormats: summaryFormats.compactMap(summaryFormat),
            results: results,
            rankingLimit: ranking == 0 ? nil : ranking
        )
        let runner = try BatchRunner(options: options)
        if !options.clientFormats.isEmpty {
            let clients = FileSystem.join(folder, "clients")
            if FileSystem.kind(of: clients) == .directory, let earlier = try? FileSystem.listFiles(in: clients), !earlier.isEmpty {
                Terminal.writeStandardError("csm: warning: \(clients) already contains \(earlier.count) file\(earlier.count == 1 ? "" : "s") "
                    + "from an earlier run; this run replaces the reports of its own clients and leaves the others, "
                    + "so use an empty --output folder for a portfolio of only these inputs\n")
            }
        }

        let showProgress = progressChoice == "always" || (progressChoice == "auto" && Terminal.isTerminal(2))
        let bar = ProgressBar(enabled: showProgress)
        var failures = 0
        let report = try runner.run(
            progress: { bar.update($0) },
            failure: { failure in
                failures += 1
                guard failures <= listedFailures else { return }
                bar.clear()
                var text = ""
                for message in failure.messages.prefix(messagesPerFailure) {
                    // A rule failure's message names the rule file, so add the client it happened on.
                    let located = message.hasPrefix(failure.input) ? message : "\(failure.input): \(message)"
                    text += "csm: error: \(located)\n"
                }
                if failure.messages.count > messagesPerFailure {
                    text += "csm: \(failure.input): \(failure.messages.count - messagesPerFailure) more problems in the results\n"
                }
                if failure.messages.isEmpty { text += "csm: error: \(failure.input): \(failure.status)\n" }
                Terminal.writeStandardError(text)
            })
        bar.clear()

        let summary = report.summary
        var text = ""
        if failures > listedFailures {
            let resultsPlace: String
            switch results {
            case .inOutputFolder: resultsPlace = FileSystem.join(folder, "results.jsonl")
            case let .file(path): resultsPlace = path
            case .standardOutput: resultsPlace = "the result lines"
            }
            text += "csm: \(failures - listedFailures) more failed inputs are not listed here; see \(resultsPlace)\n"
        }
        text += "csm: batch: \(summary.inputCount) input\(summary.inputCount == 1 ? "" : "s"), "
            + "\(summary.evaluatedCount) evaluated, \(summary.invalidCount) invalid, "
            + "\(summary.ruleFailureCount) with failed rules"
            + (summary.skippedCount > 0 ? ", \(summary.skippedCount) skipped (not assessments)" : "")
        if !report.written.isEmpty { text += "; wrote " + report.written.joined(separator: ", ") }
        if !options.clientFormats.isEmpty { text += " and the clients' reports in \(FileSystem.join(folder, "clients"))" }
        Terminal.writeStandardError(text + "\n")
        return report.exitStatus
    }

    static func defaultJobs() -> Int {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return max(1, min(64, cores > 0 ? Int(cores) : 1))
    }

    /// Reads a comma-separated list of format names. "none" cannot be combined with others.
    static func formatList(_ arguments: ParsedArguments, _ option: String, _ names: [String],
                           default defaultValue: [String]) throws(CSMError) -> [String] {
        guard let text = arguments.value(option) else { return defaultValue.filter { $0 != "none" } }
        var chosen: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(part).trimmingSpaces
            guard names.contains(name) else {
                throw .usage("invalid format '\(name)' in \(option)\(Suggestions.hint(for: name, in: names)); use one or more of \(names.joined(separator: ", ")), separated by commas")
            }
            if !chosen.contains(name) { chosen.append(name) }
        }
        if chosen.contains("none") {
            guard chosen.count == 1 else { throw .usage("\(option) none cannot be combined with other formats") }
            return []
        }
        return chosen
    }

    static func clientFormat(_ name: String, top: Int?, explain: Bool) -> ClientFormat? {
        switch name {
        case "json": return ClientFormat(name: name, fileExtension: "run.json") { $0.jsonText }
        case "markdown": return ClientFormat(name: name, fileExtension: "md") { MarkdownRenderer().render($0) }
        case "html": return ClientFormat(name: name, fileExtension: "html") { HTMLRenderer().render($0) }
        case "text":
            return ClientFormat(name: name, fileExtension: "txt") {
                TextRenderer(style: Style(enabled: false), top: top, explain: explain).render($0)
            }
        default: return nil
        }
    }

    static func summaryFormat(_ name: String) -> SummaryFormat? {
        switch name {
        case "json":
            return SummaryFormat(name: name, fileName: "summary.json") {
                JSONWriter.write(PortfolioJSON.summary($0, engineVersion: CSMVersion.current), pretty: true)
            }
        case "markdown": return SummaryFormat(name: name, fileName: "summary.md") { PortfolioRenderer().markdown($0) }
        case "html": return SummaryFormat(name: name, fileName: "summary.html") { PortfolioRenderer().html($0) }
        default: return nil
        }
    }

    /// Rejects outputs that would overwrite inputs, or land where a later run
    /// would read them as assessments or rules.
    static func checkOutput(folder: String, results: BatchOptions.Results, inputs: [String], sources: [BatchSource],
                            rulePaths: [String], modelPath: String?) throws(CSMError) {
        switch FileSystem.kind(of: folder) {
        case .file, .other:
            throw .usage("--output \(folder) is not a folder; give a folder for the batch's files")
        case .missing:
            // The folder will be created with its parents, which needs the nearest existing one to be a folder.
            var parent = FileSystem.directoryName(of: folder)
            while FileSystem.kind(of: parent) == .missing && parent != FileSystem.directoryName(of: parent) {
                parent = FileSystem.directoryName(of: parent)
            }
            if FileSystem.kind(of: parent) != .directory {
                throw .usage("--output \(folder) cannot be created: \(parent) is not a folder")
            }
        case .directory:
            break
        }
        for input in inputs where FileSystem.kind(of: input) == .directory && FileSystem.isInside(folder, folder: input) {
            throw .usage("--output \(folder) is inside the input folder \(input); the next batch would read the reports as assessments, so choose a folder outside it")
        }
        for source in sources where source.path != "-" {
            if FileSystem.isInside(source.path, folder: folder) {
                throw .usage("--output \(folder) contains the input \(source.path); choose an output folder outside the inputs")
            }
        }
        for rules in rulePaths where FileSystem.isInside(folder, folder: rules) {
            throw .usage("--output \(folder) is inside the rule pack \(rules); write reports outside rule pack folders")
        }
        if let modelPath, FileSystem.kind(of: modelPath) != .missing, FileSystem.isInside(modelPath, folder: folder) {
            throw .usage("--output \(folder) contains the model \(modelPath); choose another output folder")
        }
        if case let .file(path) = results {
            let target = OutputTarget(path: path, option: "--results")
            try target.check(against: sources.map(\.path).filter { $0 != "-" } + (modelPath.map { [$0] } ?? []), folders: rulePaths,
                             createdFolder: folder)
        }
    }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second.
final class ProgressBar {
    private let enabled: Bool
    private var lastDraw = 0.0
    private var visible = false
    private var started = 0.0
    private var pass = 0

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ progress: BatchProgress) {
        guard enabled else { return }
        let now = ProgressBar.seconds()
        if progress.pass != pass {
            pass = progress.pass
            started = now
        }
        let finished = progress.fraction == 1
        guard now - lastDraw >= 0.1 || finished else { return }
        lastDraw = now
        let rate = now > started ? Double(progress.done) / (now - started) : 0
        let stage = progress.pass == 1 ? "scoring   " : "evaluating"
        var line = "\r\u{1B}[K" + "pass \(progress.pass)/2 \(stage) "
        if let fraction = progress.fraction {
            let width = 24
            let filled = Int((fraction * Double(width)).rounded(.down))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += Formatting.padLeft(Formatting.fixed(fraction * 100, 0), 3) + "% "
        }
        line += Formatting.grouped(Double(progress.done)) + (progress.done == 1 ? " client" : " clients")
        if rate > 0 { line += ", " + Formatting.grouped(rate) + "/s" }
        Terminal.writeStandardError(line)
        visible = true
    }

    func clear() {
        guard enabled, visible else { return }
        Terminal.writeStandardError("\r\u{1B}[K")
        visible = false
        lastDraw = 0
    }

    static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
