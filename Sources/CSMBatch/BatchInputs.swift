import CSMSystem

/// One thing `csm batch` reads: an assessment file, or a JSON Lines stream of
/// assessments (a file or standard input).
public enum BatchSource: Equatable, Sendable {
    /// An assessment file; `name` is the base name of the client's outputs.
    /// `inFolder` is true for a file found in a folder, false for one named on the command line.
    case file(path: String, name: String, inFolder: Bool)
    /// A JSON Lines stream; its clients' outputs go to a folder named `name`.
    case jsonLines(path: String, name: String)
    /// JSON Lines on standard input.
    case standardInput(name: String)

    public var path: String {
        switch self {
        case let .file(path, _, _), let .jsonLines(path, _): return path
        case .standardInput: return "-"
        }
    }

    /// The source's name in results and messages ("stdin" for standard input).
    public var label: String {
        switch self {
        case let .file(path, _, _), let .jsonLines(path, _): return path
        case .standardInput: return "stdin"
        }
    }

    public var isJSONLines: Bool {
        switch self {
        case .file: return false
        case .jsonLines, .standardInput: return true
        }
    }
}

public enum BatchInputs {
    /// File extensions read as JSON Lines.
    public static let jsonLinesExtensions: Set<String> = ["jsonl", "ndjson"]

    /// Expands the command-line inputs into sources, in order: a folder gives
    /// its `*.json` files (recursively, sorted by path), a `.jsonl` or `.ndjson`
    /// file is a stream, `-` is standard input, any other file is one assessment.
    /// Files found in a folder that are other csm documents (rule packs, rule
    /// tests, run records) are skipped when read, not reported as invalid.
    ///
    /// Every client gets a distinct output name: the file's base name, with
    /// "-2", "-3"... added when two inputs share one.
    ///
    /// - Throws: a usage error naming the input when a path is missing, a folder
    ///   contains no assessment, or `-` is given twice.
    public static func expand(_ arguments: [String]) throws(CSMError) -> [BatchSource] {
        var problems: [Diagnostic] = []
        var entries: [(path: String, stream: Bool, stdin: Bool, inFolder: Bool)] = []
        var seenStandardInput = false
        for argument in arguments {
            if argument == "-" {
                if seenStandardInput {
                    problems.append(Diagnostic(message: "'-' (standard input) is given more than once"))
                }
                seenStandardInput = true
                entries.append((argument, true, true, false))
                continue
            }
            switch FileSystem.kind(of: argument) {
            case .directory:
                do {
                    let files = try FileSystem.listFiles(in: argument, extensions: ["json"])
                    if files.isEmpty {
                        problems.append(Diagnostic(file: argument, message: "folder contains no assessment (*.json) files"))
                    }
                    entries += files.map { ($0, false, false, true) }
                } catch {
                    problems += error.diagnostics
                }
            case .file:
                let stream = jsonLinesExtensions.contains(FileSystem.fileExtension(of: argument).lowercased())
                entries.append((argument, stream, false, false))
            case .missing:
                problems.append(Diagnostic(file: argument, message: "no such file or folder"))
            case .other:
                problems.append(Diagnostic(file: argument, message: "not a regular file or folder"))
            }
        }
        if !problems.isEmpty { throw CSMError(.usage, problems) }

        var used: Set<String> = []
        func unique(_ base: String) -> String {
            var name = base.isEmpty ? "client" : base
            var suffix = 2
            while !used.insert(name).inserted {
                name = (base.isEmpty ? "client" : base) + "-\(suffix)"
                suffix += 1
            }
            return name
        }
        return entries.map { entry in
            if entry.stdin { return .standardInput(name: unique("stdin")) }
            let name = unique(outputName(stem(of: entry.path)))
            return entry.stream ? .jsonLines(path: entry.path, name: name)
                : .file(path: entry.path, name: name, inFolder: entry.inFolder)
        }
    }

    /// The file name without its folder and last extension.
    static func stem(of path: String) -> String {
        let base = FileSystem.baseName(of: path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    /// A safe file name: letters, digits, "-", "_" and "." kept, everything else
    /// turned into "-", at most 80 characters, never starting with ".".
    public static func outputName(_ text: String) -> String {
        var result = ""
        var lastWasDash = false
        for scalar in text.unicodeScalars {
            let keep = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                || (scalar >= "0" && scalar <= "9") || scalar == "_" || scalar == "."
            if keep {
                result.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                result.append("-")
                lastWasDash = true
            }
            if result.count >= 80 { break }
        }
        while result.hasPrefix(".") || result.hasPrefix("-") { result.removeFirst() }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    /// A lowercase slug of an organization name for stream clients' file names:
    /// letters (of any script) and digits, with runs of anything else turned into
    /// one "-", at most 40 characters.
    public static func slug(_ name: String) -> String {
        var result = ""
        var count = 0
        var pendingDash = false
        for character in name.lowercased() where count < 40 {
            if character.isLetter || character.isNumber {
                if pendingDash && !result.isEmpty {
                    result.append("-")
                    count += 1
                }
                pendingDash = false
                result.append(character)
                count += 1
            } else {
                pendingDash = true
            }
        }
        return result
    }
}
