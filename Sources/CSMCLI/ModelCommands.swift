#if canImport(Glibc)
import Glibc
#endif
import CSMJSON
import CSMModel
import CSMRender
import CSMRun
import CSMSystem

/// `csm model`: print the maturity model.
enum ModelCommand {
    static let spec = CommandSpec(
        name: "model",
        summary: "Print the maturity model: competencies, dimensions, level descriptors, facts and KPIs.",
        usage: "model [--format text|json|markdown] [--model FILE] [--output FILE]",
        positionals: 0...0,
        options: [
            .option("--format", "FORMAT", "Output format: text, json or markdown. Default text."),
            .option("--model", "FILE", "Print this model file instead of the built-in model (it is validated first)."),
            .option("--output", "FILE", "Write to FILE (atomically) instead of standard output."),
        ],
        details: """
        --format json prints the model file itself: save it, edit it, and pass it back with --model.

        Examples:
          csm model
          csm model --format json --output my-model.json
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let format = try arguments.choice("--format", ["text", "json", "markdown"], default: "text")
        let output = OutputTarget(path: arguments.value("--output"))
        try output.check(against: arguments.value("--model").map { [$0] } ?? [])
        let model = try Session.loadModel(arguments.value("--model"))
        let text: String
        switch format {
        case "json":
            if let path = arguments.value("--model") {
                text = String(decoding: try FileSystem.readFile(path), as: UTF8.self)
            } else {
                text = ModelLoader.builtinSource
            }
        case "markdown":
            text = ModelRenderer().markdown(model)
        default:
            text = ModelRenderer().text(model)
        }
        try output.write(text)
        return 0
    }
}

/// `csm init [FILE]`: write a blank assessment.
enum InitCommand {
    static let spec = CommandSpec(
        name: "init",
        summary: "Write a blank assessment with every dimension and the level descriptors as guidance.",
        usage: "init [FILE] [options]",
        positionals: 0...1,
        options: [
            .option("--organization", "NAME", "The organization's name (default \"New client\")."),
            .option("--date", "YYYY-MM-DD", "The assessment date (default today, in UTC)."),
            .option("--model", "FILE", "Take the dimensions and facts from this model instead of the built-in one."),
            .option("--schema", "PATH", "The JSON Schema to reference in \"$schema\", relative to the current folder (default schemas/assessment.schema.json)."),
            .flag("--force", "Overwrite FILE if it exists."),
        ],
        details: """
        Without FILE, the assessment goes to standard output. Fill in the scores (0 to 3 or a
        level name), evidence, facts and targets; the "guidance" entries describe each level
        and are ignored by csm.

        Example:
          csm init clients/acme.json --organization "Acme Corp"
        """
    )

    static func execute(_ arguments: ParsedArguments) throws(CSMError) -> Int32 {
        let model = try Session.loadModel(arguments.value("--model"))
        let path = arguments.positionals.first
        if let path, path != "-" {
            if FileSystem.kind(of: path) != .missing && !arguments.has("--force") {
                throw .usage("\(path) already exists; choose another file or pass --force to overwrite it")
            }
            try OutputTarget(path: path, option: nil).check(against: arguments.value("--model").map { [$0] } ?? [])
        }
        var date = today()
        if let text = arguments.value("--date") {
            guard let parsed = CalendarDate(text) else { throw .usage("invalid --date '\(text)'; write it as YYYY-MM-DD, for example 2026-10-15") }
            date = parsed
        }
        let schema = arguments.value("--schema") ?? "schemas/assessment.schema.json"
        let reference = path.map { relativeReference(to: schema, from: FileSystem.directoryName(of: $0)) } ?? schema
        let template = AssessmentTemplate.make(model: model, organization: arguments.value("--organization") ?? "New client",
                                               date: date, schemaReference: reference)
        try OutputTarget(path: path).write(JSONWriter.write(template))
        if let path, path != "-" {
            Terminal.writeStandardError("Wrote \(path); fill in the scores, then run: csm run \(ShellQuoting.quote(path))\n")
        }
        return 0
    }

    /// Today's date in UTC.
    static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDate(year: 2026, month: 1, day: 1)!
    }

    /// The path of `target` as seen from `folder`, both relative to the current folder: "../schemas/x.json".
    static func relativeReference(to target: String, from folder: String) -> String {
        if target.hasPrefix("/") || target.contains("://") { return target }
        let folderParts = FileSystem.normalize(folder).split(separator: "/").filter { $0 != "." }
        let targetParts = FileSystem.normalize(target).split(separator: "/")
        var common = 0
        while common < folderParts.count, common < targetParts.count - 1, folderParts[common] == targetParts[common] { common += 1 }
        if folderParts.dropFirst(common).contains("..") { return target }
        let ups = Array(repeating: "..", count: folderParts.count - common)
        return (ups + targetParts.dropFirst(common).map(String.init)).joined(separator: "/")
    }
}
