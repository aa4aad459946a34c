import CSMSystem

/// The files of one rule pack, read from a directory or from the built-in pack.
public struct RulePackSource: Sendable {
    public struct File: Sendable {
        /// Path inside the pack, with "/" separators.
        public let relativePath: String
        /// Path shown in messages: the directory as given joined with the relative path.
        public let displayPath: String
        public let bytes: [UInt8]
    }

    /// "builtin" or the directory as the user gave it.
    public let origin: String
    /// Every file of the pack, sorted by relative path (byte order).
    public let files: [File]

    public var isBuiltin: Bool { origin == "builtin" }

    /// Rule files, in load order: sorted by path inside the pack. Files under
    /// `tests/` belong to the pack's tests, not to its rules.
    public var luaFiles: [File] {
        files.filter { $0.relativePath.hasSuffix(".lua") && !$0.relativePath.hasPrefix("tests/") }
    }

    /// Test files: `tests/*.json` (not in subfolders, which may hold fixtures), sorted by path.
    public var testFiles: [File] {
        files.filter {
            $0.relativePath.hasPrefix("tests/") && $0.relativePath.hasSuffix(".json")
                && !$0.relativePath.dropFirst(6).contains("/")
        }
    }

    public var manifestFile: File? {
        files.first { $0.relativePath == PackManifest.fileName }
    }

    /// Rule files may not be larger than this.
    public static let maximumFileSize = 1024 * 1024

    /// Reads a pack directory: every `.lua` file below it, and `pack.json`.
    public init(directory: String) throws(CSMError) {
        switch FileSystem.kind(of: directory) {
        case .directory: break
        case .missing: throw .input(Diagnostic(file: directory, message: "rule pack directory not found"))
        default: throw .input(Diagnostic(file: directory, message: "is not a directory; --rules expects a rule pack directory"))
        }
        var files: [File] = []
        let listed = try FileSystem.listFiles(in: directory, extensions: ["lua", "json"])
        let relativePaths = listed.map { FileSystem.relativePath($0, to: directory) }
        if !relativePaths.contains(PackManifest.fileName),
           let nested = relativePaths.first(where: { $0.hasSuffix("/" + PackManifest.fileName) && !$0.hasPrefix("tests/") }) {
            let inner = FileSystem.join(directory, String(nested.dropLast(PackManifest.fileName.count + 1)))
            throw .input(Diagnostic(file: directory, message: "has no pack.json, but \(inner) has one; pass the pack directory itself, for example --rules \(inner)"))
        }
        // A pack with only a manifest is valid: it may just disable rules of earlier packs.
        if !relativePaths.contains(PackManifest.fileName) && !relativePaths.contains(where: { $0.hasSuffix(".lua") && !$0.hasPrefix("tests/") }) {
            throw .input(Diagnostic(file: directory, message: "no rule files (.lua) and no pack.json found; a rule pack is a directory of .lua files with an optional pack.json"))
        }
        for path in listed {
            let relative = FileSystem.relativePath(path, to: directory)
            if relative.hasSuffix(".json") && relative != PackManifest.fileName && !relative.hasPrefix("tests/") { continue }
            let bytes = try FileSystem.readFile(path, maximumSize: RulePackSource.maximumFileSize)
            files.append(File(relativePath: relative, displayPath: path, bytes: bytes))
        }
        self.origin = directory
        self.files = files
    }

    /// A pack held in memory, for tools and fuzzing: files as (relative path, bytes).
    public init(origin: String, files: [(path: String, bytes: [UInt8])]) {
        self.origin = origin
        self.files = files
            .map { File(relativePath: $0.path, displayPath: FileSystem.join(origin, $0.path), bytes: $0.bytes) }
            .sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
    }

    /// The pack embedded in the binary, shown as living under `rules/`.
    public init(builtin files: [(path: String, contents: String)]) {
        self.origin = "builtin"
        self.files = files
            .map { File(relativePath: $0.path, displayPath: "rules/" + $0.path, bytes: Array($0.contents.utf8)) }
            .sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
    }

    /// Default pack name when there is no manifest: the directory's last component.
    var defaultName: String {
        let base = FileSystem.baseName(of: origin.hasSuffix("/") ? String(origin.dropLast()) : origin)
        let cleaned = String(base.lowercased().map { ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        return cleaned.isEmpty ? "pack" : cleaned
    }

    /// SHA-256 over the manifest and the rule files' contents, independent of
    /// file names and order, so renaming or reordering files keeps the hash.
    public var contentHash: String {
        var lines: [String] = []
        for file in files {
            let digest = SHA256.hex(SHA256.hash(file.bytes))
            if file.relativePath == PackManifest.fileName { lines.append("manifest " + digest) }
            else if file.relativePath.hasSuffix(".lua") && !file.relativePath.hasPrefix("tests/") { lines.append("rule " + digest) }
        }
        lines.sort()
        return SHA256.hex(SHA256.hash(Array(lines.joined(separator: "\n").utf8)))
    }
}
