// MARK: - Strings, escapes and UTF-8

extension JSONReader {
    /// Parses the string that starts at the opening quote at `index`.
    ///
    /// Runs of plain characters are decoded from the buffer in one step. Only a
    /// string with escapes is assembled in `scratch`.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1  // opening quote
        var runStart = index
        var hasEscapes = false

        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }

            switch byte {
            case UInt8(ascii: "\""):
                let string = finishString(runStart: runStart, hasEscapes: hasEscapes)
                index += 1
                return string
            case UInt8(ascii: "\\"):
                if !hasEscapes {
                    scratch.removeAll(keepingCapacity: true)
                    hasEscapes = true
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape()
                runStart = index
            case 0..<0x20:
                let name = characterDescription(at: index) ?? hexByte(byte)
                throw error(
                    .controlCharacterInString, at: index,
                    "control character \(name) is not allowed in a string; write it as an escape such as \\n or \\u0009")
            default:
                try skipUTF8Sequence()
            }
        }
        throw unexpectedEnd()
    }


    private mutating func finishString(runStart: Int, hasEscapes: Bool) -> String {
        let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
        guard hasEscapes else {
            return String(decoding: run, as: UTF8.self)
        }
        scratch.append(contentsOf: run)
        return String(decoding: scratch, as: UTF8.self)
    }


    /// Appends the character of the escape at `index` to `scratch` and moves past it.
    private mutating func parseEscape() throws(JSONSyntaxError) {
        let backslash = index
        guard index + 1 < bytes.count else {
            throw unexpectedEnd()
        }

        let replacement: UInt8
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): replacement = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): replacement = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): replacement = UInt8(ascii: "/")
        case UInt8(ascii: "b"): replacement = 0x08
        case UInt8(ascii: "f"): replacement = 0x0C
        case UInt8(ascii: "n"): replacement = UInt8(ascii: "\n")
        case UInt8(ascii: "r"): replacement = UInt8(ascii: "\r")
        case UInt8(ascii: "t"): replacement = UInt8(ascii: "\t")
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape()
            scratch.append(contentsOf: String(scalar).utf8)
            return
        default:
            let escapedLength = utf8SequenceLength(at: backslash + 1) ?? 1
            let text = excerpt(from: backslash, to: backslash + 1 + escapedLength)
            throw error(
                .invalidEscape, at: backslash,
                "invalid escape '\(text)'; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
        scratch.append(replacement)
        index += 2
    }


    /// Parses `\uXXXX` at `index`, or a surrogate pair `\uD83D\uDE00`, and moves past it.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try parseHexEscape(at: index)
        index += 6

        switch first {
        case 0xDC00...0xDFFF:
            throw loneSurrogate(first, at: index - 6)
        case 0xD800...0xDBFF:
            let hasSecondEscape = index + 1 < bytes.count
                && bytes[index] == UInt8(ascii: "\\") && bytes[index + 1] == UInt8(ascii: "u")
            guard hasSecondEscape else {
                throw loneSurrogate(first, at: index - 6)
            }
            let second = try parseHexEscape(at: index)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw loneSurrogate(first, at: index - 6)
            }
            index += 6
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(combined) ?? "\u{FFFD}"  // always valid: combined is in 0x10000...0x10FFFF
        default:
            return Unicode.Scalar(first) ?? "\u{FFFD}"  // always valid: surrogates are handled above
        }
    }


    /// Reads the four hex digits of the `\u` escape that starts at `start`.
    private func parseHexEscape(at start: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for offset in start + 2..<min(start + 6, bytes.count) {
            guard let digit = hexDigitValue(bytes[offset]) else {
                let text = excerpt(from: start, to: start + 6)
                throw error(.invalidUnicodeEscape, at: start, "invalid \\u escape '\(text)'; expected four hex digits after \\u")
            }
            value = value << 4 | digit
        }
        guard start + 6 <= bytes.count else {
            throw unexpectedEnd()
        }
        return value
    }


    private func loneSurrogate(_ value: UInt32, at offset: Int) -> JSONSyntaxError {
        let text = excerpt(from: offset, to: offset + 6)
        let rule = value >= 0xDC00
            ? "a low surrogate must follow a high surrogate escape (\\uD800 to \\uDBFF)"
            : "a high surrogate must be followed by a low surrogate escape (\\uDC00 to \\uDFFF)"
        return error(.invalidUnicodeEscape, at: offset, "lone surrogate '\(text)' in string; \(rule)")
    }


    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }


    /// Moves past the multi-byte UTF-8 character at `index`, or throws if it is invalid.
    private mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        guard let length = utf8SequenceLength(at: index) else {
            throw invalidUTF8(at: index)
        }
        index += length
        continuationBytes += length - 1
    }


    /// Returns the length of the well-formed UTF-8 sequence at `offset`, or `nil` if
    /// the bytes there are ill-formed by Unicode 15, table 3-7. Overlong forms,
    /// surrogates and sequences cut off by the end of input are ill-formed.
    func utf8SequenceLength(at offset: Int) -> Int? {
        let lead = bytes[offset]
        let length: Int
        let secondRange: ClosedRange<UInt8>
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, secondRange) = (3, 0x80...0xBF)
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        default: return nil
        }

        guard offset + length <= bytes.count, secondRange.contains(bytes[offset + 1]) else {
            return nil
        }
        for continuation in offset + 2..<offset + length where bytes[continuation] & 0xC0 != 0x80 {
            return nil
        }
        return length
    }
}
