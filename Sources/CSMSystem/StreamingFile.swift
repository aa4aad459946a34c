#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output written a piece at a time through a buffer: to standard output, or
/// to a temporary file that replaces `path` only on `commit()`, so a run that
/// stops half way leaves no partial file behind.
public final class StreamingFile {
    private let path: String?
    private let temporary: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var closed = false
    private static let flushSize = 1 << 16

    /// Writes to standard output.
    public init() {
        path = nil
        temporary = nil
        descriptor = 1
        buffer.reserveCapacity(StreamingFile.flushSize)
    }

    /// Writes to a temporary file next to `path`.
    public init(path: String) throws(CSMError) {
        self.path = path
        var template = Array(FileSystem.join(FileSystem.directoryName(of: path), ".\(FileSystem.baseName(of: path)).csm-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor < 0 {
            throw .input(Diagnostic(file: path, message: "cannot create a temporary file next to the output: \(FileSystem.systemMessage(errno))"))
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.temporary = temporary
        TemporaryFiles.register(temporary)
        buffer.reserveCapacity(StreamingFile.flushSize)
    }

    deinit {
        if !closed { abandon() }
    }

    public func write(_ text: String) throws(CSMError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= StreamingFile.flushSize { try flush() }
    }

    public func write(bytes: [UInt8]) throws(CSMError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= StreamingFile.flushSize { try flush() }
    }

    public func flush() throws(CSMError) {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE && path == nil {
                    throw .input(Diagnostic(file: "standard output", message: "the reader closed the pipe; output stopped"))
                }
                throw .input(Diagnostic(file: path ?? "standard output", message: "cannot write output: \(FileSystem.systemMessage(errno))"))
            }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file, moves it into place.
    public func commit() throws(CSMError) {
        try flush()
        closed = true
        guard let path, let temporary else { return }
        if fsync(descriptor) != 0 || fchmod(descriptor, 0o644) != 0 {
            let message = FileSystem.systemMessage(errno)
            close(descriptor)
            unlink(temporary)
            TemporaryFiles.forget(temporary)
            throw .input(Diagnostic(file: path, message: "cannot write output: \(message)"))
        }
        close(descriptor)
        defer { TemporaryFiles.forget(temporary) }
        if rename(temporary, path) != 0 {
            let message = FileSystem.systemMessage(errno)
            unlink(temporary)
            throw .input(Diagnostic(file: path, message: "cannot replace the output file: \(message)"))
        }
    }

    /// Drops a file's temporary copy; standard output keeps what it was sent.
    public func abandon() {
        guard !closed else { return }
        closed = true
        if let temporary {
            close(descriptor)
            unlink(temporary)
            TemporaryFiles.forget(temporary)
        } else {
            try? flush()
        }
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
