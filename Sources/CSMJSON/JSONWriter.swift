/// Writes `JSON` values as text that is the same, byte for byte, for equal values.
///
/// Object keys stay in the given order, and duplicate keys are written as given.
public enum JSONWriter {
    /// Writes `value` as UTF-8 JSON text.
    ///
    /// Pretty output indents by two spaces, writes `"key": value`, and ends with a
    /// newline. Compact output has no whitespace at all and no final newline.
    /// Every double must be finite.
    public static func write(_ value: JSON, pretty: Bool = true) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        appendValue(value, pretty: pretty, indent: 0, to: &output)
        if pretty {
            output.append(UInt8(ascii: "\n"))
        }
        return String(decoding: output, as: UTF8.self)
    }


    /// Quotes and escapes `string` as a JSON string literal, such as `"a\"b"`.
    static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        appendString(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }


    /// Formats a finite double as the shortest JSON number that parses back to
    /// the same bits: `42`, `-0`, `0.1`, `1e-05`, `1e+16`.
    static func format(_ double: Double) -> String {
        precondition(double.isFinite, "JSON cannot represent \(double); check values before writing")
        if double == 0 {
            return double.sign == .minus ? "-0" : "0"
        }
        // The magnitude check comes first, so Int64(double) cannot trap. This avoids
        // Double.rounded, which needs libm in debug builds.
        if double.magnitude < 9_007_199_254_740_992, Double(Int64(double)) == double {  // 2^53
            return String(Int64(double))
        }
        // Swift prints finite doubles in the shortest form that round-trips, and every
        // form it uses ("0.1", "1e-05", "1.5e+300", "9007199254740992.0") is valid JSON.
        // A test writes and parses back 20,000 random doubles to check this.
        return double.description
    }


    // MARK: - Values

    private static func appendValue(_ value: JSON, pretty: Bool, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let integer):
            output.append(contentsOf: String(integer).utf8)
        case .double(let double):
            output.append(contentsOf: format(double).utf8)
        case .string(let string):
            appendString(string, to: &output)
        case .array(let elements):
            appendArray(elements, pretty: pretty, indent: indent, to: &output)
        case .object(let members):
            appendObject(members, pretty: pretty, indent: indent, to: &output)
        }
    }


    private static func appendArray(_ elements: [JSON], pretty: Bool, indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (position, element) in elements.enumerated() {
            appendSeparator(isFirst: position == 0, pretty: pretty, indent: indent + 1, to: &output)
            appendValue(element, pretty: pretty, indent: indent + 1, to: &output)
        }
        appendClosing(UInt8(ascii: "]"), isEmpty: elements.isEmpty, pretty: pretty, indent: indent, to: &output)
    }


    private static func appendObject(_ members: [(String, JSON)], pretty: Bool, indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (position, (key, value)) in members.enumerated() {
            appendSeparator(isFirst: position == 0, pretty: pretty, indent: indent + 1, to: &output)
            appendString(key, to: &output)
            output.append(UInt8(ascii: ":"))
            if pretty {
                output.append(UInt8(ascii: " "))
            }
            appendValue(value, pretty: pretty, indent: indent + 1, to: &output)
        }
        appendClosing(UInt8(ascii: "}"), isEmpty: members.isEmpty, pretty: pretty, indent: indent, to: &output)
    }


    /// Appends the comma before every element but the first, and in pretty output
    /// the line break and indentation.
    private static func appendSeparator(isFirst: Bool, pretty: Bool, indent: Int, to output: inout [UInt8]) {
        if !isFirst {
            output.append(UInt8(ascii: ","))
        }
        if pretty {
            appendNewline(indent: indent, to: &output)
        }
    }


    private static func appendClosing(_ bracket: UInt8, isEmpty: Bool, pretty: Bool, indent: Int, to output: inout [UInt8]) {
        if pretty && !isEmpty {
            appendNewline(indent: indent, to: &output)
        }
        output.append(bracket)
    }


    private static func appendNewline(indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }


    // MARK: - Strings

    /// Appends `string` in quotes. Quote, backslash, control characters, U+2028 and
    /// U+2029 are escaped, and all other characters are written as raw UTF-8.
    private static func appendString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let escape = escapeSequence(in: utf8, at: index)
                guard let escape else {
                    index += 1
                    continue
                }

                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                output.append(contentsOf: escape.utf8)
                index += byte == 0xE2 ? 3 : 1
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        }
        output.append(UInt8(ascii: "\""))
    }


    /// Returns the escape for the character that starts at `index`, or `nil` if it is written raw.
    private static func escapeSequence(in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> String? {
        let byte = utf8[index]
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        case 0x00..<0x20:
            let digits = String(byte, radix: 16)
            return byte < 0x10 ? "\\u000" + digits : "\\u00" + digits
        case 0xE2:
            // U+2028 and U+2029 (E2 80 A8, E2 80 A9) are valid in JSON but end a line in JavaScript.
            guard index + 2 < utf8.count, utf8[index + 1] == 0x80 else { return nil }
            switch utf8[index + 2] {
            case 0xA8: return "\\u2028"
            case 0xA9: return "\\u2029"
            default: return nil
            }
        default:
            return nil
        }
    }
}
