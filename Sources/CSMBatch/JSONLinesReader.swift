#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSMSystem

/// Reads a JSON Lines stream one line at a time, in constant memory: only the
/// current line and a fixed read buffer are held, however long the stream.
///
/// Blank lines are skipped but still counted, so line numbers match what an
/// editor shows. A line longer than `maximumLineLength` is skipped to its end
/// and reported as too long instead of being buffered.
public final class JSONLinesReader {
    public enum Line {
        case text(number: Int, bytes: [UInt8])
        case tooLong(number: Int)
    }

    public static let defaultMaximumLineLength = FileSystem.defaultMaximumFileSize

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let path: String
    private let maximumLineLength: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var lineNumber = 0
    /// Bytes consumed so far, for progress against the file size.
    public private(set) var bytesRead: Int64 = 0

    /// Opens `path` for reading; "-" reads standard input.
    public init(path: String, maximumLineLength: Int = JSONLinesReader.defaultMaximumLineLength) throws(CSMError) {
        self.path = path
        self.maximumLineLength = maximumLineLength
        buffer = Array(repeating: 0, count: 1 << 16)
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 {
                throw .input(Diagnostic(file: path, message: "cannot open: \(FileSystem.systemMessage(errno))"))
            }
            ownsDescriptor = true
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The next non-blank line, or nil at the end of the stream.
    public func next() throws(CSMError) -> Line? {
        var line: [UInt8] = []
        var skipping = false
        while true {
            if start == end {
                if atEnd { break }
                try fill()
                continue
            }
            let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n"))
            let stop = newline ?? end
            if !skipping {
                if line.count + (stop - start) > maximumLineLength {
                    skipping = true
                    line = []
                } else {
                    line.append(contentsOf: buffer[start..<stop])
                }
            }
            start = newline.map { $0 + 1 } ?? end
            guard newline != nil else { continue }
            lineNumber += 1
            if skipping { return .tooLong(number: lineNumber) }
            if isBlank(line) {
                line.removeAll(keepingCapacity: true)
                continue
            }
            return .text(number: lineNumber, bytes: line)
        }
        // The last line may lack its newline.
        guard skipping || !isBlank(line) else { return nil }
        lineNumber += 1
        return skipping ? .tooLong(number: lineNumber) : .text(number: lineNumber, bytes: line)
    }

    private func fill() throws(CSMError) {
        start = 0
        end = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .input(Diagnostic(file: path == "-" ? "standard input" : path,
                                        message: "cannot read: \(FileSystem.systemMessage(errno))"))
            }
            if count == 0 { atEnd = true }
            end = count
            bytesRead += Int64(count)
            return
        }
    }

    private func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
