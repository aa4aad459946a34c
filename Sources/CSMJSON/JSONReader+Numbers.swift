// MARK: - Numbers and literals

extension JSONReader {
    /// Parses the number at `index` by the RFC 8259 grammar
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = index
        var cursor = index
        let isNegative = bytes[cursor] == UInt8(ascii: "-")
        if isNegative {
            cursor += 1
        }

        guard cursor < bytes.count, isDigit(bytes[cursor]) else {
            throw invalidNumber(from: start, reason: missingIntegerReason(at: cursor, afterMinus: isNegative))
        }

        // The integer part is accumulated as a negative Int64 so that Int64.min fits.
        var negativeValue: Int64? = 0
        var hasNonZeroDigit = false
        if bytes[cursor] == UInt8(ascii: "0") {
            cursor += 1
            if cursor < bytes.count && isDigit(bytes[cursor]) {
                throw invalidNumber(from: start, reason: "leading zeros are not allowed")
            }
        } else {
            while cursor < bytes.count && isDigit(bytes[cursor]) {
                negativeValue = negativeValue.flatMap { appendDigit(bytes[cursor], toNegative: $0) }
                hasNonZeroDigit = true
                cursor += 1
            }
        }

        var isInteger = true
        if cursor < bytes.count && bytes[cursor] == UInt8(ascii: ".") {
            isInteger = false
            cursor += 1
            guard cursor < bytes.count, isDigit(bytes[cursor]) else {
                throw invalidNumber(from: start, reason: "a digit must follow the decimal point")
            }
            while cursor < bytes.count && isDigit(bytes[cursor]) {
                hasNonZeroDigit = hasNonZeroDigit || bytes[cursor] != UInt8(ascii: "0")
                cursor += 1
            }
        }

        if cursor < bytes.count && (bytes[cursor] == UInt8(ascii: "e") || bytes[cursor] == UInt8(ascii: "E")) {
            isInteger = false
            cursor += 1
            if cursor < bytes.count && (bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-")) {
                cursor += 1
            }
            guard cursor < bytes.count, isDigit(bytes[cursor]) else {
                throw invalidNumber(from: start, reason: "the exponent needs at least one digit")
            }
            while cursor < bytes.count && isDigit(bytes[cursor]) {
                cursor += 1
            }
        }

        index = cursor
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
        let int64 = isInteger ? negativeValue.flatMap { isNegative ? $0 : positive($0) } : nil
        let double = try convertToDouble(literal, int64: int64, isNegative: isNegative, start: start)
        if double == 0 && hasNonZeroDigit {
            throw error(.numberOutOfRange, at: start, "number \(excerpt(from: start, to: cursor)) is out of range; it rounds to zero as a Double")
        }
        return JSONNumber(literal: literal, double: double, isInteger: isInteger, int64: int64)
    }


    private func convertToDouble(_ literal: String, int64: Int64?, isNegative: Bool, start: Int) throws(JSONSyntaxError) -> Double {
        if let int64 {
            return int64 == 0 && isNegative ? -0.0 : Double(int64)  // both round to nearest, like Double(literal)
        }

        // Double(String) returns ±infinity past the Double range (Swift 6.3.1, checked
        // by the 1e400 tests). It does not return nil for text that passed the grammar.
        guard let double = Double(literal), double.isFinite else {
            throw error(.numberOutOfRange, at: start, "number \(excerpt(from: start, to: index)) is out of range")
        }
        return double
    }


    /// Appends a decimal digit to a negative accumulator, or returns `nil` on overflow.
    private func appendDigit(_ digit: UInt8, toNegative value: Int64) -> Int64? {
        let (shifted, multiplyOverflow) = value.multipliedReportingOverflow(by: 10)
        let (result, subtractOverflow) = shifted.subtractingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
        return multiplyOverflow || subtractOverflow ? nil : result
    }


    private func positive(_ negativeValue: Int64) -> Int64? {
        negativeValue == .min ? nil : -negativeValue
    }


    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }


    /// Explains why the number has no integer digit at `offset`, as in `+1`, `.5` or `-Infinity`.
    private func missingIntegerReason(at offset: Int, afterMinus: Bool) -> String {
        guard offset < bytes.count else {
            return "a digit must follow '-'"
        }
        switch bytes[offset] {
        case UInt8(ascii: "+") where !afterMinus:
            return "a leading '+' is not allowed"
        case UInt8(ascii: "."):
            return "a digit must come before the decimal point"
        case UInt8(ascii: "I"), UInt8(ascii: "i"), UInt8(ascii: "N"), UInt8(ascii: "n"):
            return "JSON has no NaN or Infinity"
        default:
            return "a digit must follow '-'"
        }
    }


    /// Builds the error for a malformed number and shows the whole token, such as `'01.5'`.
    private func invalidNumber(from start: Int, reason: String) -> JSONSyntaxError {
        var end = start
        while end < bytes.count && isNumberTokenByte(bytes[end]) {
            end += 1
        }
        return error(.invalidNumber, at: start, "invalid number '\(excerpt(from: start, to: end))'; \(reason)")
    }


    private func isNumberTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }


    /// Parses `true`, `false` or `null` at `index`, and rejects other words such
    /// as `True`, `nul` or `NaN`.
    mutating func parseLiteral() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        var end = index
        while end < bytes.count && isLetter(bytes[end]) {
            end += 1
        }

        let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if word.elementsEqual("true".utf8) {
            index = end
            return .bool(true)
        }
        if word.elementsEqual("false".utf8) {
            index = end
            return .bool(false)
        }
        if word.elementsEqual("null".utf8) {
            index = end
            return .null
        }

        let text = excerpt(from: start, to: end)
        if ["nan", "inf", "infinity"].contains(text.lowercased()) {
            throw error(.invalidNumber, at: start, "invalid number '\(text)'; JSON has no NaN or Infinity")
        }
        let isCutOff = end == bytes.count && ["true", "false", "null"].contains { $0.utf8.starts(with: word) }
        if isCutOff {
            throw unexpectedEnd()
        }
        throw error(.invalidLiteral, at: start, "invalid literal '\(text)'; expected true, false, null or a quoted string")
    }


    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
