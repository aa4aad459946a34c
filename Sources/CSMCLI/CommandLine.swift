#if canImport(Glibc)
import Glibc
#endif
import CSMRun
import CSMSystem

/// The `csm` command line: parses arguments, calls the library, prints errors
/// in one shape (`csm: error: ...`) and returns the exit status.
public enum CSMCommandLine {
    static let commands: [(spec: CommandSpec, execute: @Sendable (ParsedArguments) throws(CSMError) -> Int32)] = [
        (RunCommand.spec, RunCommand.execute),
        (DiffCommand.spec, DiffCommand.execute),
        (BatchCommand.spec, BatchCommand.execute),
        (ExplainCommand.spec, ExplainCommand.execute),
        (WhyNotCommand.spec, WhyNotCommand.execute),
        (ModelCommand.spec, ModelCommand.execute),
        (InitCommand.spec, InitCommand.execute),
        (RulesListCommand.spec, RulesListCommand.execute),
        (RulesCheckCommand.spec, RulesCheckCommand.execute),
        (RulesTestCommand.spec, RulesTestCommand.execute),
        (RulesNewCommand.spec, RulesNewCommand.execute),
    ]

    static var overview: String {
        var text = """
        csm turns a Customer Success maturity assessment into prioritized, explained
        initiatives, using rule packs written in Lua.

        Usage: csm COMMAND [options]

        Commands:

        """
        for command in commands {
            let summary = Formatting.wrap(command.spec.summary, width: 62)
            text += "  " + Formatting.padRight(command.spec.name, 12) + (summary.first ?? "") + "\n"
            for line in summary.dropFirst() { text += String(repeating: " ", count: 14) + line + "\n" }
        }
        text += """

        Options:
          --help     Show help; 'csm COMMAND --help' shows a command's options.
          --version  Show the csm and Lua versions.

        Exit status: 0 success; 1 differences found, rule tests failed or check
        problems found; 2 invalid usage or input; 3 a rule failed at run time.
        """
        return text + "\n"
    }

    public static func main(_ arguments: [String]) -> Int32 {
        // Rules see UTC dates whatever the machine's time zone, so runs are reproducible.
        setenv("TZ", "UTC", 1)
        tzset()
        // A closed pipe (csm batch ... --results - | head) is an error to report, not a silent death.
        signal(SIGPIPE, SIG_IGN)

        guard let first = arguments.first else {
            Terminal.writeStandardError(overview)
            return 2
        }
        switch first {
        case "--help", "-h", "help":
            let topic = arguments.dropFirst().joined(separator: " ")
            if first == "help", let command = commands.first(where: { $0.spec.name == topic }) {
                Terminal.writeStandardOutput(command.spec.help)
            } else {
                Terminal.writeStandardOutput(overview)
            }
            return 0
        case "--version":
            Terminal.writeStandardOutput("csm \(CSMVersion.current) (\(CSMVersion.lua))\n")
            return 0
        default:
            break
        }
        var rest = Array(arguments.dropFirst())
        var name = first
        if first == "rules" {
            let subcommands = commands.filter { $0.spec.name.hasPrefix("rules ") }.map { String($0.spec.name.dropFirst(6)) }
            guard let sub = rest.first, !sub.hasPrefix("-") else {
                if rest.first == "--help" || rest.first == "-h" {
                    Terminal.writeStandardOutput("Rule pack tools: csm rules \(subcommands.joined(separator: "|")) [options]; 'csm rules SUBCOMMAND --help' shows each.\n")
                    return 0
                }
                return report(.usage("'csm rules' needs a subcommand: \(subcommands.joined(separator: ", ")); for example 'csm rules test'"))
            }
            guard subcommands.contains(sub) else {
                return report(.usage("unknown subcommand 'rules \(sub)'\(Suggestions.hint(for: sub, in: subcommands)); subcommands: \(subcommands.joined(separator: ", "))"))
            }
            name = "rules " + sub
            rest.removeFirst()
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            let names = commands.map(\.spec.name).filter { !$0.hasPrefix("rules ") } + ["rules"]
            return report(.usage("unknown command '\(first)'\(Suggestions.hint(for: first, in: names)); commands: \(names.joined(separator: ", ")); run 'csm --help'"))
        }
        do {
            let parsed = try ParsedArguments.parse(rest, spec: command.spec)
            if parsed.helpRequested {
                Terminal.writeStandardOutput(command.spec.help)
                return 0
            }
            return try command.execute(parsed)
        } catch {
            return report(error)
        }
    }

    static func report(_ error: CSMError) -> Int32 {
        var text = ""
        for diagnostic in error.diagnostics {
            text += "csm: error: \(diagnostic)\n"
        }
        if error.diagnostics.count > 1 {
            text += "csm: \(error.diagnostics.count) problems\n"
        }
        Terminal.writeStandardError(text)
        return error.exitCode
    }
}
