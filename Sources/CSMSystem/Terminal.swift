#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terminal facts that decide how output is styled.
public enum Terminal {
    /// Reports whether a file descriptor is a terminal.
    public static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// Reads an environment variable.
    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// Colours are used only on a terminal, never when NO_COLOR is set to a
    /// non-empty value, and never for TERM=dumb.
    public static func shouldColor(descriptor: Int32) -> Bool {
        if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return false }
        if environment("TERM") == "dumb" { return false }
        return isTerminal(descriptor)
    }

    /// Writes text to standard output without buffering surprises.
    public static func writeStandardOutput(_ text: String) {
        write(1, Array(text.utf8))
    }

    public static func writeStandardOutput(_ bytes: [UInt8]) {
        write(1, bytes)
    }

    public static func writeStandardError(_ text: String) {
        write(2, Array(text.utf8))
    }

    private static func write(_ descriptor: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += count
        }
    }
}

/// ANSI styles; `Style.none` when colour is off keeps call sites simple.
public struct Style: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func apply(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { apply("1", text) }
    public func dim(_ text: String) -> String { apply("2", text) }
    public func red(_ text: String) -> String { apply("31", text) }
    public func green(_ text: String) -> String { apply("32", text) }
    public func yellow(_ text: String) -> String { apply("33", text) }
    public func cyan(_ text: String) -> String { apply("36", text) }
}
