/// The parser state over one contiguous byte buffer: the read offset and the
/// line bookkeeping that turns an offset into a line and column.
///
/// Every read checks `index < bytes.count` first, because release builds do
/// not bounds-check `UnsafeBufferPointer` subscripts.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0

    /// 1-based number of the line that contains `index`.
    var line = 1
    /// Byte offset of the first character of the current line.
    var lineStart = 0
    /// UTF-8 continuation bytes between `lineStart` and `index`, so that
    /// `index - lineStart - continuationBytes` counts Unicode scalars.
    var continuationBytes = 0

    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }


    // MARK: - Document

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        skipByteOrderMark()
        let start = position(at: index)
        skipWhitespace()
        guard index < bytes.count else {
            throw JSONSyntaxError(kind: .emptyInput, position: start, message: "file is empty")
        }

        let root = try parseValue(depth: 0)
        skipWhitespace()
        guard index >= bytes.count else {
            guard let found = characterDescription(at: index) else {
                throw invalidUTF8(at: index)
            }
            throw error(.trailingContent, at: index, "unexpected character \(found) after the top-level value")
        }
        return root
    }


    private mutating func skipByteOrderMark() {
        let hasMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if hasMark {
            index = 3
            lineStart = 3
        }
    }


    // MARK: - Values

    /// Parses the value at `index`, which must not be whitespace. `depth` is the
    /// number of arrays and objects that enclose the value.
    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard index < bytes.count else {
            throw unexpectedEnd()
        }

        let start = position(at: index)
        let value: JSONValue
        switch bytes[index] {
        case UInt8(ascii: "{"):
            value = .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["):
            value = .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""):
            value = .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            value = .number(try parseNumber())
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            value = try parseLiteral()
        default:
            throw try unexpectedCharacter(at: index, expected: "a value")
        }
        return JSONNode(value: value, position: start)
    }


    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> [JSONNode] {
        try checkDepth(depth)
        index += 1  // "["
        var elements: [JSONNode] = []

        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }

        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else {
                throw unexpectedEnd()
            }

            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                try rejectTrailingComma(before: UInt8(ascii: "]"))
            case UInt8(ascii: "]"):
                index += 1
                return elements
            default:
                throw try unexpectedCharacter(at: index, expected: "',' or ']'")
            }
        }
    }


    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONObject {
        try checkDepth(depth)
        index += 1  // "{"
        var members: [JSONObject.Member] = []
        var keyIndex: [String: Int]? = nil

        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return JSONObject(members: members, index: keyIndex)
        }

        while true {
            let member = try parseMember(depth: depth, members: members, keyIndex: keyIndex)
            members.append(member)
            if keyIndex != nil {
                keyIndex?[member.key] = members.count - 1
            } else if members.count > JSONObject.indexThreshold {
                keyIndex = Dictionary(members.enumerated().map { ($0.element.key, $0.offset) }) { first, _ in first }
            }

            skipWhitespace()
            guard index < bytes.count else {
                throw unexpectedEnd()
            }

            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                try rejectTrailingComma(before: UInt8(ascii: "}"))
            case UInt8(ascii: "}"):
                index += 1
                return JSONObject(members: members, index: keyIndex)
            default:
                throw try unexpectedCharacter(at: index, expected: "',' or '}'")
            }
        }
    }


    /// Parses `"key": value` and rejects a key already in `members`.
    private mutating func parseMember(
        depth: Int, members: [JSONObject.Member], keyIndex: [String: Int]?
    ) throws(JSONSyntaxError) -> JSONObject.Member {
        guard index < bytes.count else {
            throw unexpectedEnd()
        }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw try unexpectedCharacter(at: index, expected: "a string key in double quotes")
        }

        let keyPosition = position(at: index)
        let key = try parseString()
        let earlier = if let keyIndex { keyIndex[key].map { members[$0] } } else { members.first { $0.key == key } }
        if let earlier {
            throw JSONSyntaxError(
                kind: .duplicateKey, position: keyPosition,
                message: "duplicate key \(JSONWriter.quoted(key)); first defined at \(earlier.keyPosition)")
        }

        skipWhitespace()
        guard index < bytes.count else {
            throw unexpectedEnd()
        }
        guard bytes[index] == UInt8(ascii: ":") else {
            throw try unexpectedCharacter(at: index, expected: "':' after the key")
        }
        index += 1
        skipWhitespace()

        let value = try parseValue(depth: depth)
        return JSONObject.Member(key: key, keyPosition: keyPosition, value: value)
    }


    private func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        guard depth <= maxDepth else {
            throw error(.nestingTooDeep, at: index, "nesting is deeper than \(maxDepth) levels")
        }
    }


    /// Rejects `[1,]` and `{"a": 1,}` with a message that names the trailing comma.
    private func rejectTrailingComma(before closing: UInt8) throws(JSONSyntaxError) {
        guard index < bytes.count, bytes[index] == closing else { return }
        let closingText = String(UnicodeScalar(closing))
        throw error(
            .unexpectedCharacter, at: index,
            "unexpected character '\(closingText)' after ','; JSON does not allow a trailing comma")
    }


    // MARK: - Whitespace and positions

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                startLine()
            case UInt8(ascii: "\r"):
                index += 1
                if index < bytes.count && bytes[index] == UInt8(ascii: "\n") {
                    index += 1  // CR LF ends one line, not two
                }
                startLine()
            default:
                return
            }
        }
    }


    private mutating func startLine() {
        line += 1
        lineStart = index
        continuationBytes = 0
    }


    /// The position of `offset`, which must be on the current line with no
    /// multi-byte character between it and `index`.
    func position(at offset: Int) -> SourcePosition {
        SourcePosition(line: line, column: offset - lineStart - continuationBytes + 1, offset: offset)
    }


    // MARK: - Errors

    func error(_ kind: JSONSyntaxError.Kind, at offset: Int, _ message: String) -> JSONSyntaxError {
        JSONSyntaxError(kind: kind, position: position(at: offset), message: message)
    }


    func unexpectedEnd() -> JSONSyntaxError {
        error(.unexpectedEndOfInput, at: bytes.count, JSONSyntaxError.truncatedMessage)
    }


    /// Builds the error for the character at `offset`, or throws an invalid UTF-8
    /// error when the bytes there do not form a character.
    func unexpectedCharacter(at offset: Int, expected: String) throws(JSONSyntaxError) -> JSONSyntaxError {
        guard let found = characterDescription(at: offset) else {
            throw invalidUTF8(at: offset)
        }
        return error(.unexpectedCharacter, at: offset, "unexpected character \(found); expected \(expected)")
    }


    func invalidUTF8(at offset: Int) -> JSONSyntaxError {
        error(.invalidUTF8, at: offset, "invalid UTF-8 byte \(hexByte(bytes[offset])) at byte offset \(offset)")
    }


    /// Describes the character at `offset` for a message, such as `'}'`, `'“' (U+201C)`,
    /// or `U+00A0` for a character that does not show. Returns `nil` when the bytes
    /// there are not valid UTF-8.
    func characterDescription(at offset: Int) -> String? {
        guard let length = utf8SequenceLength(at: offset) else {
            return nil
        }
        let character = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        guard let scalar = character.unicodeScalars.first else {
            return nil
        }

        let code = codePoint(scalar)
        if scalar.isASCII {
            return scalar.value < 0x20 || scalar.value == 0x7F ? code : "'\(character)'"
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned,
            .nonspacingMark, .enclosingMark, .spacingMark:
            return code
        default:
            return "'\(character)' (\(code))"
        }
    }


    /// Formats the scalar in `U+XXXX` notation, such as `U+0009` or `U+1F600`.
    private func codePoint(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }


    /// Text from `start` for a message, cut at `maxLength` bytes, with control
    /// characters shown as `\u{..}`.
    func excerpt(from start: Int, to end: Int, maxLength: Int = 40) -> String {
        let end = min(end, bytes.count)
        let cut = min(end, start + maxLength)
        var text = ""
        for scalar in String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cut]), as: UTF8.self).unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                text += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return cut < end ? text + "..." : text
    }


    func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0x0" + digits : "0x" + digits
    }
}
