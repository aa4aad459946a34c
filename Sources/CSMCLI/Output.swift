import CSMSystem

/// Where a command's output goes: standard output, or a file written atomically.
struct OutputTarget {
    let path: String?
    /// The option that gave the path, for messages, or nil when the path is a positional argument.
    var option: String? = "--output"

    /// Checks that the output would not overwrite one of the inputs, nor land
    /// inside a rule pack folder, where the next run would read it as part of the pack.
    /// `createdFolder` is a folder the command creates before writing, so it may be missing.
    func check(against inputs: [String], folders: [String] = [], createdFolder: String? = nil) throws(CSMError) {
        guard let path else { return }
        if path == "-" { return }
        let named = option.map { "\($0) \(path)" } ?? path

        if FileSystem.kind(of: path) == .directory {
            throw .usage("\(named) is a directory; give a file path")
        }
        for input in inputs where input != "-" {
            if FileSystem.isSameFile(path, input) || normalized(path) == normalized(input) {
                throw .usage("\(named) is also an input (\(input)); choose another output path so the input is not overwritten")
            }
        }
        let target = normalized(path)
        for folder in folders where FileSystem.kind(of: folder) == .directory {
            let root = FileSystem.canonicalPath(folder) ?? folder
            if target.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw .usage("\(named) is inside the rule pack \(folder); write reports outside rule pack folders")
            }
        }
        let folder = FileSystem.directoryName(of: path)
        if FileSystem.kind(of: folder) != .directory && !isCreated(folder, createdFolder) {
            throw .usage("\(named): folder \(folder) does not exist")
        }
    }

    private func isCreated(_ folder: String, _ createdFolder: String?) -> Bool {
        guard let createdFolder else { return false }
        return folder == createdFolder || normalized(folder) == normalized(createdFolder)
    }

    /// Whether output goes to a terminal, so colours may be used.
    var isTerminal: Bool {
        (path == nil || path == "-") && Terminal.isTerminal(1)
    }

    func write(_ text: String) throws(CSMError) {
        guard let path, path != "-" else {
            Terminal.writeStandardOutput(text)
            return
        }
        try FileSystem.writeAtomically(Array(text.utf8), to: path)
    }

    private func normalized(_ path: String) -> String {
        if let canonical = FileSystem.canonicalPath(path) { return canonical }
        let folder = FileSystem.canonicalPath(FileSystem.directoryName(of: path)) ?? FileSystem.directoryName(of: path)
        return FileSystem.join(folder, FileSystem.baseName(of: path))
    }
}

/// Colour setting from --color and the environment.
enum ColorChoice {
    static let option = OptionSpec.option("--color", "WHEN", "Colour output: auto (on a terminal), always or never. Default auto. NO_COLOR turns colour off whatever this says.")

    static func style(_ arguments: ParsedArguments, output: OutputTarget) throws(CSMError) -> Style {
        let choice = try arguments.choice("--color", ["auto", "always", "never"], default: "auto")
        if let noColor = Terminal.environment("NO_COLOR"), !noColor.isEmpty { return Style(enabled: false) }
        switch choice {
        case "always": return Style(enabled: true)
        case "never": return Style(enabled: false)
        default: return Style(enabled: output.isTerminal && Terminal.shouldColor(descriptor: 1))
        }
    }
}
