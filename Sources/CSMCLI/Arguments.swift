import CSMSystem

/// A command-line option a command accepts.
struct OptionSpec: Sendable {
    let name: String
    /// Placeholder for the value in help, or nil for a flag.
    let value: String?
    let repeatable: Bool
    let help: String

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, repeatable: false, help: help)
    }

    static func option(_ name: String, _ value: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: value, repeatable: repeatable, help: help)
    }
}

/// What a command accepts, and its help text.
struct CommandSpec: Sendable {
    let name: String
    let summary: String
    /// Usage line after "csm ", for example "run ASSESSMENT [options]".
    let usage: String
    let positionals: ClosedRange<Int>
    let options: [OptionSpec]
    /// Extra help paragraphs (examples, notes).
    let details: String

    var help: String {
        var text = "\(summary)\n\nUsage: csm \(usage)\n"
        if !options.isEmpty {
            text += "\nOptions:\n"
            let all = options + [OptionSpec.flag("--help", "Show this help.")]
            let labels = all.map { option in option.value.map { "\(option.name) \($0)" } ?? option.name }
            let width = min(28, (labels.map(\.count).max() ?? 0) + 2)
            for (option, label) in zip(all, labels) {
                let wrapped = Formatting.wrap(option.help, width: 76 - width)
                let first = "  " + Formatting.padRight(label, width) + (wrapped.first ?? "")
                text += (label.count >= width ? "  " + label + "\n  " + String(repeating: " ", count: width) + (wrapped.first ?? "") : first) + "\n"
                for line in wrapped.dropFirst() { text += "  " + String(repeating: " ", count: width) + line + "\n" }
            }
        }
        if !details.isEmpty { text += "\n" + details + "\n" }
        return text
    }
}

/// Parsed arguments of one command.
struct ParsedArguments {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var helpRequested = false

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// Parses `arguments` against `spec`: `--name value`, `--name=value`, flags, and `--` to end options.
    static func parse(_ arguments: [String], spec: CommandSpec) throws(CSMError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument == "--help" || argument == "-h" {
                parsed.helpRequested = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                let names = spec.options.map(\.name) + ["--help"]
                throw .usage("unknown option '\(name)' for 'csm \(spec.name)'\(Suggestions.hint(for: name, in: names)); run 'csm \(spec.name) --help' for the options")
            }
            guard option.value != nil else {
                if inlineValue != nil { throw .usage("option \(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            var value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw .usage("option \(name) needs a value (\(option.value!))")
                }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, parsed.values[name] != nil {
                throw .usage("option \(name) is given more than once")
            }
            if value.isEmpty { throw .usage("option \(name) needs a non-empty value (\(option.value!))") }
            parsed.values[name, default: []].append(value)
        }
        if !parsed.helpRequested && !spec.positionals.contains(parsed.positionals.count) {
            let bounds = spec.positionals
            let missing = parsed.positionals.count < bounds.lowerBound
            func arguments(_ count: Int) -> String { "\(count) argument\(count == 1 ? "" : "s")" }
            let expected: String
            if bounds.lowerBound == bounds.upperBound {
                expected = arguments(bounds.lowerBound)
            } else if missing && bounds.upperBound >= 100_000 {
                // An upper bound as large as batch's 1,000,000 inputs is a guard, not part of the usage.
                expected = "at least " + arguments(bounds.lowerBound)
            } else {
                expected = "\(bounds.lowerBound) to " + arguments(bounds.upperBound)
            }
            let what = missing ? "missing arguments" : "too many arguments"
            throw .usage("\(what): 'csm \(spec.name)' takes \(expected) (usage: csm \(spec.usage))")
        }
        return parsed
    }

    /// Reads an option that must be one of `choices`.
    func choice(_ name: String, _ choices: [String], default defaultValue: String) throws(CSMError) -> String {
        guard let value = value(name) else { return defaultValue }
        guard choices.contains(value) else {
            throw .usage("invalid value '\(value)' for \(name)\(Suggestions.hint(for: value, in: choices)); use one of \(choices.joined(separator: ", "))")
        }
        return value
    }

    /// Reads a number option with bounds.
    func number(_ name: String, minimum: Double, maximum: Double) throws(CSMError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text), number.isFinite, number >= minimum, number <= maximum else {
            throw .usage("invalid value '\(text)' for \(name); expected a number from \(Formatting.compact(minimum)) to \(Formatting.compact(maximum))")
        }
        return number
    }

    /// Reads a whole-number option with bounds.
    func integer(_ name: String, minimum: Int, maximum: Int) throws(CSMError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), number >= minimum, number <= maximum else {
            throw .usage("invalid value '\(text)' for \(name); expected a whole number from \(minimum) to \(maximum)")
        }
        return number
    }
}
