import CSMEvaluator
import CSMJSON
import CSMLua
import CSMModel
import CSMPlanning
import CSMPortfolio
import CSMRules
import CSMRun
import CSMSystem

/// A per-client report format: the file extension and how to render a run.
public struct ClientFormat: Sendable {
    public let name: String
    /// Extension of the client's file, without the dot: "run.json", "md".
    public let fileExtension: String
    public let render: @Sendable (RunRecord) -> String

    public init(name: String, fileExtension: String, render: @escaping @Sendable (RunRecord) -> String) {
        self.name = name
        self.fileExtension = fileExtension
        self.render = render
    }
}

/// A portfolio summary format: the file name in the output folder and how to render it.
public struct SummaryFormat: Sendable {
    public let name: String
    public let fileName: String
    public let render: @Sendable (PortfolioSummary) -> String

    public init(name: String, fileName: String, render: @escaping @Sendable (PortfolioSummary) -> String) {
        self.name = name
        self.fileName = fileName
        self.render = render
    }
}

/// What `csm batch` needs to know.
public struct BatchOptions: Sendable {
    /// Where the result lines go.
    public enum Results: Equatable, Sendable {
        /// `results.jsonl` in the output folder.
        case inOutputFolder
        case file(String)
        case standardOutput
    }

    public var sources: [BatchSource]
    public var outputDirectory: String
    public var jobs: Int
    public var modelPath: String?
    public var rulePaths: [String]
    public var settings: [ParameterSetting]
    public var explain: Bool
    public var keepGoing: Bool
    public var limits: LuaLimits
    public var roadmap: RoadmapPolicy
    public var clientFormats: [ClientFormat]
    public var summaryFormats: [SummaryFormat]
    public var results: Results
    /// Clients listed in the summary's ranking; nil lists all.
    public var rankingLimit: Int?

    public init(sources: [BatchSource], outputDirectory: String, jobs: Int = 1, modelPath: String? = nil,
                rulePaths: [String] = [], settings: [ParameterSetting] = [], explain: Bool = false,
                keepGoing: Bool = false, limits: LuaLimits = .defaults, roadmap: RoadmapPolicy = .standard,
                clientFormats: [ClientFormat] = [], summaryFormats: [SummaryFormat] = [],
                results: Results = .inOutputFolder, rankingLimit: Int? = 20) {
        self.sources = sources
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.modelPath = modelPath
        self.rulePaths = rulePaths
        self.settings = settings
        self.explain = explain
        self.keepGoing = keepGoing
        self.limits = limits
        self.roadmap = roadmap
        self.clientFormats = clientFormats
        self.summaryFormats = summaryFormats
        self.results = results
        self.rankingLimit = rankingLimit
    }
}

/// How far a batch has got, for a progress bar.
public struct BatchProgress: Sendable {
    /// 1 while scores are gathered for the portfolio, 2 while clients are evaluated.
    public let pass: Int
    /// Inputs finished in this pass.
    public let done: Int
    /// Share of the input read in this pass (0...1), nil when the size is unknown (standard input).
    public let fraction: Double?
}

/// An input that produced no result, or whose rules failed.
public struct BatchFailure: Sendable {
    public let index: Int
    public let input: String
    /// "invalid" or "rule_failure".
    public let status: String
    public let messages: [String]
}

/// What a finished batch produced.
public struct BatchReport: Sendable {
    public let summary: PortfolioSummary
    /// Files written in the output folder besides the clients' reports: the summaries and the results.
    public let written: [String]

    /// 3 when a rule failed for some client, else 2 when an input was invalid, else 0.
    public var exitStatus: Int32 {
        if summary.ruleFailureCount > 0 { return 3 }
        if summary.invalidCount > 0 { return 2 }
        return 0
    }
}

/// Evaluates many assessments with one Lua state per worker and writes each
/// client's reports, a result line per client and the portfolio summary.
///
/// The input is read twice. The first pass only scores the assessments, to
/// learn the portfolio's score distributions; the second runs the rules and
/// places each client against those distributions. Results are handed back
/// in input order, so every output is the same whatever the number of workers.
public final class BatchRunner {
    /// The line written in place of a too-long line in the copy of standard input.
    static let tooLongMarker: [UInt8] = [0]

    private let options: BatchOptions
    private let model: MaturityModel
    private let packs: [RulePackSource]

    /// Loads the model and the rule packs, and checks that the rules load,
    /// before anything is written.
    public init(options: BatchOptions) throws(CSMError) {
        self.options = options
        model = try Session.loadModel(options.modelPath)
        packs = try Session.ruleSources(options.rulePaths)
        _ = try RuleEngine(sources: packs, model: model, settings: options.settings, limits: options.limits)
    }

    public func run(progress: (BatchProgress) -> Void = { _ in },
                    failure: (BatchFailure) -> Void = { _ in }) throws(CSMError) -> BatchReport {
        let folder = options.outputDirectory
        try FileSystem.createDirectory(folder)
        if !options.clientFormats.isEmpty { try FileSystem.createDirectory(FileSystem.join(folder, "clients")) }

        var spool: Spool?
        defer { spool?.remove() }
        if options.sources.contains(where: { if case .standardInput = $0 { return true } else { return false } }) {
            spool = try Spool(folder: folder)
        }

        let distribution = try scorePortfolio(spool: spool, progress: progress)
        return try evaluateClients(distribution: distribution, spool: spool, progress: progress, failure: failure)
    }

    // MARK: - Pass 1: scores

    private func scorePortfolio(spool: Spool?, progress: (BatchProgress) -> Void) throws(CSMError) -> PortfolioDistribution {
        let model = self.model
        let pool = OrderedPool<BatchItem, (ClientScores?, Int64)>(workers: options.jobs)
        var distribution = PortfolioDistribution(model: model)
        var tracker = ProgressTracker(pass: 1, totalBytes: totalBytes(standardInputSize: nil))
        try pool.run(
            setUp: { _ in
                { item in
                    guard case let .assessment(assessment) = BatchItem.parse(item, model: model, keepSource: false) else {
                        return (nil, item.size)
                    }
                    return (ClientScores(Evaluator.evaluate(assessment, model: model)), item.size)
                }
            },
            produce: { (emit) throws(CSMError) in try enumerateItems(pass: 1, spool: spool, emit: emit) },
            consume: { scores, size in
                if let scores { distribution.add(scores) }
                tracker.advance(size, progress)
            })
        try spool?.finish()
        return distribution
    }

    // MARK: - Pass 2: rules, reports, summary

    private func evaluateClients(distribution: PortfolioDistribution, spool: Spool?,
                                 progress: (BatchProgress) -> Void,
                                 failure: (BatchFailure) -> Void) throws(CSMError) -> BatchReport {
        let folder = options.outputDirectory
        var written: [String] = []
        let results: StreamingFile?
        switch options.results {
        case .inOutputFolder:
            let path = FileSystem.join(folder, "results.jsonl")
            results = try StreamingFile(path: path)
            written.append(path)
        case let .file(path):
            results = try StreamingFile(path: path)
            written.append(path)
        case .standardOutput:
            results = StreamingFile()
        }

        let firstPhase = options.roadmap.phases.first?.name
        var builder = PortfolioBuilder(model: model, distribution: distribution,
                                       rankingLimit: options.rankingLimit, firstPhaseName: firstPhase)
        let pool = OrderedPool<BatchItem, ClientOutput>(workers: options.jobs)
        let worker = ClientWorker(options: options, model: model, packs: packs, distribution: distribution)
        var tracker = ProgressTracker(pass: 2, totalBytes: totalBytes(standardInputSize: spool?.size))
        var fatal: CSMError?
        do throws(CSMError) {
            try pool.run(
                setUp: { _ in worker.makeFunction() },
                produce: { (emit) throws(CSMError) in
                    try enumerateItems(pass: 2, spool: spool) { item throws(CSMError) in
                        if let fatal { throw fatal }
                        emit(item)
                    }
                },
                consume: { output in
                    guard fatal == nil else { return }
                    do throws(CSMError) {
                        switch output {
                        case let .client(client, line, size):
                            try results?.write(line + "\n")
                            builder.add(client)
                            if !client.failedRules.isEmpty {
                                failure(BatchFailure(index: client.index, input: client.input, status: "rule_failure",
                                                     messages: client.failureMessages))
                            }
                            tracker.advance(size, progress)
                        case let .failed(entry, size):
                            try results?.write(JSONWriter.write(PortfolioJSON.failedResult(
                                index: entry.index, input: entry.input, status: entry.status, messages: entry.messages),
                                pretty: false) + "\n")
                            builder.addFailure(index: entry.index, input: entry.input, status: entry.status, messages: entry.messages)
                            failure(entry)
                            tracker.advance(size, progress)
                        case let .skipped(index, input, reason, size):
                            try results?.write(JSONWriter.write(PortfolioJSON.skippedResult(
                                index: index, input: input, reason: reason), pretty: false) + "\n")
                            builder.addSkipped()
                            tracker.advance(size, progress)
                        case let .fatal(error):
                            fatal = error
                        }
                    } catch {
                        fatal = error
                    }
                })
        } catch {
            results?.abandon()
            throw error
        }
        if let fatal {
            results?.abandon()
            throw fatal
        }

        let summary = builder.summary()
        for format in options.summaryFormats {
            let path = FileSystem.join(folder, format.fileName)
            try FileSystem.writeAtomically(Array(format.render(summary).utf8), to: path)
            written.append(path)
        }
        try results?.commit()
        return BatchReport(summary: summary, written: written)
    }

    // MARK: - Reading the inputs

    /// Total bytes of the inputs, nil when standard input is read for the first time.
    private func totalBytes(standardInputSize: Int64?) -> Int64? {
        var total: Int64 = 0
        for source in options.sources {
            switch source {
            case .standardInput:
                guard let standardInputSize else { return nil }
                total += standardInputSize
            case let .file(path, _, _), let .jsonLines(path, _):
                total += FileSystem.size(of: path) ?? 0
            }
        }
        return total
    }

    /// Passes every input to `emit` in order, numbering them from 1. In the
    /// first pass standard input is copied to `spool`; the second reads the copy.
    private func enumerateItems(pass: Int, spool: Spool?, emit: (BatchItem) throws(CSMError) -> Void) throws(CSMError) {
        var index = 0
        for source in options.sources {
            switch source {
            case let .file(path, name, inFolder):
                index += 1
                try emit(.file(index: index, path: path, name: name, inFolder: inFolder, size: FileSystem.size(of: path) ?? 0))
            case let .jsonLines(path, name):
                try streamItems(reading: path, label: path, folder: name, index: &index, copyTo: nil, emit: emit)
            case let .standardInput(name):
                guard let spool else { continue }
                if pass == 1 {
                    try streamItems(reading: "-", label: "stdin", folder: name, index: &index, copyTo: spool, emit: emit)
                } else {
                    try streamItems(reading: spool.path, label: "stdin", folder: name, index: &index, copyTo: nil, emit: emit)
                }
            }
        }
    }

    private func streamItems(reading path: String, label: String, folder: String, index: inout Int,
                             copyTo spool: Spool?, emit: (BatchItem) throws(CSMError) -> Void) throws(CSMError) {
        if !options.clientFormats.isEmpty {
            try FileSystem.createDirectory(FileSystem.join(FileSystem.join(options.outputDirectory, "clients"), folder))
        }
        let reader = try JSONLinesReader(path: path)
        while let line = try reader.next() {
            index += 1
            switch line {
            case let .text(number, bytes):
                try spool?.append(bytes, lineNumber: number)
                if spool == nil && bytes == BatchRunner.tooLongMarker {
                    try emit(.tooLong(index: index, source: label, number: number))
                } else {
                    try emit(.line(index: index, source: label, number: number, bytes: bytes, folder: folder))
                }
            case let .tooLong(number):
                try spool?.append(BatchRunner.tooLongMarker, lineNumber: number)
                try emit(.tooLong(index: index, source: label, number: number))
            }
        }
    }
}

/// One input of a batch, as a worker receives it.
enum BatchItem: Sendable {
    case file(index: Int, path: String, name: String, inFolder: Bool, size: Int64)
    /// A line of a JSON Lines stream; its client's outputs go to `folder`.
    case line(index: Int, source: String, number: Int, bytes: [UInt8], folder: String)
    case tooLong(index: Int, source: String, number: Int)

    var index: Int {
        switch self {
        case let .file(index, _, _, _, _), let .line(index, _, _, _, _), let .tooLong(index, _, _): return index
        }
    }

    /// How results name the input: a path, or "stream.jsonl:LINE".
    var input: String {
        switch self {
        case let .file(_, path, _, _, _): return path
        case let .line(_, source, number, _, _), let .tooLong(_, source, number): return "\(source):\(number)"
        }
    }

    /// Input bytes of the item, for progress.
    var size: Int64 {
        switch self {
        case let .file(_, _, _, _, size): return size
        case let .line(_, _, _, bytes, _): return Int64(bytes.count + 1)
        case .tooLong: return Int64(JSONLinesReader.defaultMaximumLineLength)
        }
    }

    enum Parsed {
        case assessment(Assessment)
        case invalid(CSMError)
        /// A file found in a folder that is another kind of csm document; the schema says which.
        case skipped(schema: String)
    }

    /// Schemas of csm documents that are not assessments: a folder of clients
    /// may hold a rule pack, its tests or earlier reports.
    static let otherDocumentSchemas: Set<String> = [
        "csm.pack/v1", "csm.rule-test/v1", "csm.run/v1", "csm.diff/v1", "csm.model/v1",
        "csm.portfolio/v1", "csm.batch-result/v1",
    ]

    /// - Parameter keepSource: false skips what only a run record needs (the first pass only scores).
    static func parse(_ item: BatchItem, model: MaturityModel, keepSource: Bool = true) -> Parsed {
        switch item {
        case let .file(_, path, _, inFolder, _):
            let bytes: [UInt8]
            do throws(CSMError) {
                bytes = try FileSystem.readFile(path)
            } catch {
                return .invalid(error)
            }
            do throws(CSMError) {
                return .assessment(try AssessmentParser.parse(bytes: bytes, source: path, model: model, keepSource: keepSource))
            } catch {
                if inFolder, let schema = otherSchema(bytes) { return .skipped(schema: schema) }
                return .invalid(error)
            }
        case let .line(_, source, number, bytes, _):
            do throws(CSMError) {
                let parsed = try AssessmentParser.parse(bytes: bytes, source: source, model: model, keepSource: keepSource)
                // Results and reports name the line, not just the stream.
                return .assessment(Assessment(
                    source: "\(source):\(number)", sha256: parsed.sha256, content: parsed.content,
                    organization: parsed.organization, assessedOn: parsed.assessedOn, assessor: parsed.assessor,
                    target: parsed.target, facts: parsed.facts, dimensions: parsed.dimensions,
                    respondents: parsed.respondents))
            } catch {
                // The parser counts lines within the line; put the stream's line number in their place.
                var located = error
                located.diagnostics = error.diagnostics.map { diagnostic in
                    var diagnostic = diagnostic
                    if diagnostic.file == source { diagnostic.line = number }
                    // The line ends early, not the file.
                    if diagnostic.message == JSONSyntaxError.truncatedMessage {
                        diagnostic.message = "unexpected end of line; the JSON on this line is incomplete"
                    }
                    return diagnostic
                }
                return .invalid(located)
            }
        case let .tooLong(_, source, number):
            let megabytes = JSONLinesReader.defaultMaximumLineLength / (1024 * 1024)
            return .invalid(.input(Diagnostic(file: source, line: number,
                                              message: "line is longer than \(megabytes) MB; each line must hold one assessment")))
        }
    }

    /// The "schema" of a JSON document when it names another kind of csm document.
    static func otherSchema(_ bytes: [UInt8]) -> String? {
        guard let root = try? JSONParser.parse(bytes, maxDepth: 64),
              case let .object(object) = root.value,
              case let .string(schema)? = object["schema"]?.value,
              otherDocumentSchemas.contains(schema) else { return nil }
        return schema
    }
}

/// What each worker of the second pass does with a client.
private struct ClientWorker: Sendable {
    let options: BatchOptions
    let model: MaturityModel
    let packs: [RulePackSource]
    let positioner: PortfolioDistribution.Positioner

    init(options: BatchOptions, model: MaturityModel, packs: [RulePackSource], distribution: PortfolioDistribution) {
        self.options = options
        self.model = model
        self.packs = packs
        positioner = distribution.positioner()
    }

    /// Builds the worker's own rule engine, on the worker's thread.
    func makeFunction() -> (BatchItem) -> ClientOutput {
        let session: Session
        do throws(CSMError) {
            let engine = try RuleEngine(sources: packs, model: model, settings: options.settings, limits: options.limits)
            session = Session(model: model, engine: engine)
        } catch {
            return { _ in .fatal(error) }
        }
        return { item in evaluate(item, session: session) }
    }

    private func evaluate(_ item: BatchItem, session: Session) -> ClientOutput {
        let assessment: Assessment
        // Without client reports no run record is written, so its hash and content are not needed.
        switch BatchItem.parse(item, model: model, keepSource: !options.clientFormats.isEmpty) {
        case let .assessment(parsed): assessment = parsed
        case let .invalid(error): return failed(item, "invalid", error)
        case let .skipped(schema):
            return .skipped(index: item.index, input: item.input, reason: "not an assessment: a \(schema) document", size: item.size)
        }
        var record: RunRecord
        do throws(CSMError) {
            record = try session.run(assessment, explain: options.explain, keepGoing: options.keepGoing, roadmap: options.roadmap)
        } catch {
            return failed(item, error.kind == .ruleFailure ? "rule_failure" : "invalid", error)
        }
        let position = positioner.position(of: record.evaluation)
        record.portfolio = position

        let name = outputName(item, organization: assessment.organization.name)
        var outputs: [String] = []
        for format in options.clientFormats {
            let relative = "clients/\(name).\(format.fileExtension)"
            do throws(CSMError) {
                try FileSystem.writeAtomically(Array(format.render(record).utf8), to: FileSystem.join(options.outputDirectory, relative))
            } catch {
                return .fatal(error)
            }
            outputs.append(relative)
        }
        let client = ClientSummary(index: item.index, input: item.input, name: name, evaluation: record.evaluation,
                                   plan: record.plan, roadmap: record.roadmap,
                                   failedRules: record.failures.map { $0.ruleID ?? "(rule file)" },
                                   failureMessages: record.failures.map(\.description))
        let line = JSONWriter.write(PortfolioJSON.result(client, position: position, outputs: outputs), pretty: false)
        return .client(client, line: line, size: item.size)
    }

    private func failed(_ item: BatchItem, _ status: String, _ error: CSMError) -> ClientOutput {
        .failed(BatchFailure(index: item.index, input: item.input, status: status,
                             messages: error.diagnostics.map(\.description)), size: item.size)
    }

    /// The base name of a client's reports, relative to the clients folder.
    private func outputName(_ item: BatchItem, organization: String) -> String {
        switch item {
        case let .file(_, _, name, _, _):
            return name
        case let .line(_, _, number, _, folder):
            var digits = String(number)
            while digits.count < 6 { digits = "0" + digits }
            let slug = BatchInputs.slug(organization)
            return folder + "/" + (slug.isEmpty ? digits : digits + "-" + slug)
        case let .tooLong(_, _, number):
            return "\(number)"
        }
    }
}

/// What the second pass hands back for one input.
private enum ClientOutput: Sendable {
    case client(ClientSummary, line: String, size: Int64)
    case failed(BatchFailure, size: Int64)
    /// A file in a folder that is another kind of csm document.
    case skipped(index: Int, input: String, reason: String, size: Int64)
    /// A problem that stops the batch, such as a full disk.
    case fatal(CSMError)
}

/// Turns bytes read into progress reports.
private struct ProgressTracker {
    let pass: Int
    let totalBytes: Int64?
    var done = 0
    var bytes: Int64 = 0

    init(pass: Int, totalBytes: Int64?) {
        self.pass = pass
        self.totalBytes = totalBytes
    }

    mutating func advance(_ size: Int64, _ report: (BatchProgress) -> Void) {
        done += 1
        bytes += size
        let fraction = totalBytes.map { $0 > 0 ? min(1, Double(bytes) / Double($0)) : 1 }
        report(BatchProgress(pass: pass, done: done, fraction: fraction))
    }
}

/// A copy of standard input in the output folder, so the second pass can read it again.
final class Spool {
    let path: String
    private let file: StreamingFile
    private var lastLine = 0
    private(set) var size: Int64 = 0
    private var removed = false

    init(folder: String) throws(CSMError) {
        path = FileSystem.join(folder, ".csm-stdin.jsonl")
        file = try StreamingFile(path: path)
        TemporaryFiles.register(path)
    }

    /// Appends a line at its original number, so the copy keeps the line numbers.
    func append(_ bytes: [UInt8], lineNumber: Int) throws(CSMError) {
        let gap = max(0, lineNumber - lastLine - 1)
        if gap > 0 { try file.write(bytes: Array(repeating: UInt8(ascii: "\n"), count: gap)) }
        try file.write(bytes: bytes)
        try file.write(bytes: [UInt8(ascii: "\n")])
        lastLine = lineNumber
        size += Int64(gap + bytes.count + 1)
    }

    func finish() throws(CSMError) {
        try file.commit()
    }

    func remove() {
        guard !removed else { return }
        removed = true
        file.abandon()
        FileSystem.removeFile(path)
        TemporaryFiles.forget(path)
    }
}
