#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File access without Foundation: reading, listing and atomic writing.
public enum FileSystem {
    /// Files larger than this are rejected before they are read.
    public static let defaultMaximumFileSize = 64 * 1024 * 1024

    /// Reads a whole file.
    ///
    /// - Throws: a `CSMError` of kind `.input` naming the path when the file is
    ///   missing, a directory, unreadable or larger than `maximumSize`.
    public static func readFile(_ path: String, maximumSize: Int = defaultMaximumFileSize) throws(CSMError) -> [UInt8] {
        if path.isEmpty {
            throw .input(Diagnostic(message: "file path is empty"))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            throw .input(Diagnostic(file: path, message: openFailureMessage(errno)))
        }
        defer { close(descriptor) }

        var status = stat()
        if fstat(descriptor, &status) != 0 {
            throw .input(Diagnostic(file: path, message: "cannot read file: \(systemMessage(errno))"))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw .input(Diagnostic(file: path, message: "is a directory, expected a file"))
        }
        if Int(status.st_size) > maximumSize {
            throw .input(Diagnostic(file: path, message: "file is \(status.st_size) bytes; the limit is \(maximumSize) bytes"))
        }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .input(Diagnostic(file: path, message: "cannot read file: \(systemMessage(errno))"))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maximumSize {
                throw .input(Diagnostic(file: path, message: "file is larger than the limit of \(maximumSize) bytes"))
            }
        }
        return bytes
    }

    /// Reads all of standard input.
    public static func readStandardInput(maximumSize: Int = defaultMaximumFileSize) throws(CSMError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .input(Diagnostic(file: "-", message: "cannot read standard input: \(systemMessage(errno))"))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maximumSize {
                throw .input(Diagnostic(file: "-", message: "standard input is larger than the limit of \(maximumSize) bytes"))
            }
        }
        return bytes
    }

    public enum EntryKind: Equatable, Sendable {
        case missing, file, directory, other
    }

    /// Returns what is at `path`, following symbolic links.
    public static func kind(of path: String) -> EntryKind {
        var status = stat()
        if stat(path, &status) != 0 { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Lists regular files under `directory` recursively, as paths joined to
    /// `directory`, sorted by their path relative to it (byte order). Hidden
    /// entries (names starting with ".") are skipped.
    public static func listFiles(in directory: String, extensions: Set<String>? = nil) throws(CSMError) -> [String] {
        var relative: [String] = []
        try collect(directory: directory, prefix: "", into: &relative, extensions: extensions, depth: 0)
        relative.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return relative.map { join(directory, $0) }
    }

    private static func collect(directory: String, prefix: String, into result: inout [String],
                                extensions: Set<String>?, depth: Int) throws(CSMError) {
        if depth > 16 {
            throw .input(Diagnostic(file: directory, message: "directories are nested more than 16 levels deep"))
        }
        let path = prefix.isEmpty ? directory : join(directory, prefix)
        guard let handle = opendir(path) else {
            throw .input(Diagnostic(file: path, message: "cannot open directory: \(systemMessage(errno))"))
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names {
            let child = prefix.isEmpty ? name : prefix + "/" + name
            switch kind(of: join(directory, child)) {
            case .directory:
                try collect(directory: directory, prefix: child, into: &result, extensions: extensions, depth: depth + 1)
            case .file:
                if let extensions, !extensions.contains(fileExtension(of: name)) { continue }
                result.append(child)
            default:
                continue
            }
        }
    }

    /// Writes `bytes` to a temporary file in the destination's folder, flushes
    /// it, and renames it over `path`, so readers see the old file or the new
    /// one, never a partial file.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CSMError) {
        let folder = directoryName(of: path)
        let base = baseName(of: path)
        var template = Array((join(folder, ".\(base).csm-XXXXXX")).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor < 0 {
            throw .input(Diagnostic(file: path, message: "cannot create a temporary file next to the output: \(systemMessage(errno))"))
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        TemporaryFiles.register(temporary)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
            TemporaryFiles.forget(temporary)
        }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let message = systemMessage(errno)
                close(descriptor)
                throw .input(Diagnostic(file: path, message: "cannot write output: \(message)"))
            }
            written += count
        }
        if fsync(descriptor) != 0 || fchmod(descriptor, 0o644) != 0 {
            let message = systemMessage(errno)
            close(descriptor)
            throw .input(Diagnostic(file: path, message: "cannot write output: \(message)"))
        }
        close(descriptor)
        if rename(temporary, path) != 0 {
            throw .input(Diagnostic(file: path, message: "cannot replace the output file: \(systemMessage(errno))"))
        }
        succeeded = true
    }

    /// Removes a file; returns false when it could not (for example, it was already gone).
    @discardableResult
    public static func removeFile(_ path: String) -> Bool {
        unlink(path) == 0
    }

    /// Size in bytes of the file at `path`, nil when it cannot be read.
    public static func size(of path: String) -> Int64? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int64(status.st_size)
    }

    /// An absolute path for `path` with symbolic links resolved, even when its
    /// last components do not exist yet: the longest existing prefix is made
    /// canonical and the rest is appended, normalized.
    public static func resolvedPath(_ path: String) -> String {
        if let canonical = canonicalPath(path) { return canonical }
        var missing: [String] = []
        var current = normalize(path)
        while true {
            let parent = directoryName(of: current)
            missing.insert(baseName(of: current), at: 0)
            if let canonical = canonicalPath(parent) {
                return normalize(join(canonical, missing.joined(separator: "/")))
            }
            if parent == current || parent == "." || parent == "/" {
                var base = parent == "/" ? "/" : (canonicalPath(".") ?? ".")
                base = join(base, missing.joined(separator: "/"))
                return normalize(base)
            }
            current = parent
        }
    }

    /// Reports whether `path` is `folder` or lies inside it (both resolved).
    public static func isInside(_ path: String, folder: String) -> Bool {
        let target = resolvedPath(path)
        let root = resolvedPath(folder)
        return target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// Returns the canonical absolute path, or nil when the path does not exist.
    public static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reports whether two paths name the same existing file (same device and inode).
    public static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    public static func createDirectory(_ path: String) throws(CSMError) {
        if kind(of: path) == .directory { return }
        let parent = directoryName(of: path)
        if parent != path && parent != "." && kind(of: parent) == .missing {
            try createDirectory(parent)
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw .input(Diagnostic(file: path, message: "cannot create directory: \(systemMessage(errno))"))
        }
    }

    public static func join(_ first: String, _ second: String) -> String {
        if first.isEmpty || first == "." { return second }
        return first.hasSuffix("/") ? first + second : first + "/" + second
    }

    public static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    public static func fileExtension(of name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// Removes "." components and folds "dir/.." pairs, without touching the file system:
    /// "tests/../../sample.json" becomes "../sample.json".
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == ".." && absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Returns `path` relative to `root` when it lies inside it.
    public static func relativePath(_ path: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    public static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }

    private static func openFailureMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "file not found"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory, expected a file"
        default: return "cannot open file: \(systemMessage(code))"
        }
    }
}
