import CSMJSON
import XCTest

final class JSONSyntaxErrorTests: XCTestCase {
    private struct Case {
        let name: String
        let input: [UInt8]
        let kind: JSONSyntaxError.Kind
        let position: String
        let message: String

        init(_ name: String, _ input: String, _ kind: JSONSyntaxError.Kind, _ position: String, _ message: String) {
            self.init(name, Array(input.utf8), kind, position, message)
        }

        init(_ name: String, _ input: [UInt8], _ kind: JSONSyntaxError.Kind, _ position: String, _ message: String) {
            self.name = name
            self.input = input
            self.kind = kind
            self.position = position
            self.message = message
        }
    }


    private let cases: [Case] = [
        Case("empty input", "", .emptyInput, "1:1", "file is empty"),
        Case("whitespace only", " \n\t\r\n ", .emptyInput, "1:1", "file is empty"),
        Case("byte-order mark only", "\u{FEFF}", .emptyInput, "1:1", "file is empty"),

        Case("wrong closing bracket", "[1}", .unexpectedCharacter, "1:3", "unexpected character '}'; expected ',' or ']'"),
        Case("missing comma in object", #"{"a": 1 "b": 2}"#, .unexpectedCharacter, "1:9", #"unexpected character '"'; expected ',' or '}'"#),
        Case("missing comma in array", "[1 2]", .unexpectedCharacter, "1:4", "unexpected character '2'; expected ',' or ']'"),
        Case("missing colon", #"{"a" 1}"#, .unexpectedCharacter, "1:6", "unexpected character '1'; expected ':' after the key"),
        Case("unquoted key", "{a: 1}", .unexpectedCharacter, "1:2", "unexpected character 'a'; expected a string key in double quotes"),
        Case("single-quoted string", "['a']", .unexpectedCharacter, "1:2", "unexpected character '''; expected a value"),
        Case("typographic quote", "[“a”]", .unexpectedCharacter, "1:2", "unexpected character '“' (U+201C); expected a value"),
        Case("no-break space", "[1,\u{A0}2]", .unexpectedCharacter, "1:4", "unexpected character U+00A0; expected a value"),
        Case("byte-order mark inside", "[\u{FEFF}1]", .unexpectedCharacter, "1:2", "unexpected character U+FEFF; expected a value"),
        Case("emoji", "😀", .unexpectedCharacter, "1:1", "unexpected character '😀' (U+1F600); expected a value"),
        Case("control character", "[\u{1}]", .unexpectedCharacter, "1:2", "unexpected character U+0001; expected a value"),
        Case("trailing comma array", "[1,]", .unexpectedCharacter, "1:4", "unexpected character ']' after ','; JSON does not allow a trailing comma"),
        Case("trailing comma object", "{\"a\": 1,\n}", .unexpectedCharacter, "2:1", "unexpected character '}' after ','; JSON does not allow a trailing comma"),
        Case("hex number", "[0x10]", .unexpectedCharacter, "1:3", "unexpected character 'x'; expected ',' or ']'"),
        Case("column counts scalars", "[\"é\", }", .unexpectedCharacter, "1:7", "unexpected character '}'; expected a value"),

        Case("truncated array", #"{"a": [1,"#, .unexpectedEndOfInput, "1:10", "unexpected end of file; the JSON is truncated"),
        Case("truncated string", "\"abc", .unexpectedEndOfInput, "1:5", "unexpected end of file; the JSON is truncated"),
        Case("truncated after key", "{\"a\"", .unexpectedEndOfInput, "1:5", "unexpected end of file; the JSON is truncated"),
        Case("truncated literal", "[tru", .unexpectedEndOfInput, "1:5", "unexpected end of file; the JSON is truncated"),
        Case("truncated escape", "\"a\\", .unexpectedEndOfInput, "1:4", "unexpected end of file; the JSON is truncated"),
        Case("truncated unicode escape", "\"\\u12", .unexpectedEndOfInput, "1:6", "unexpected end of file; the JSON is truncated"),
        Case("truncated surrogate pair", "\"\\uD83D\\uDE", .unexpectedEndOfInput, "1:12", "unexpected end of file; the JSON is truncated"),

        Case("misspelled null", "[nul]", .invalidLiteral, "1:2", "invalid literal 'nul'; expected true, false, null or a quoted string"),
        Case("capitalized true", "True", .invalidLiteral, "1:1", "invalid literal 'True'; expected true, false, null or a quoted string"),
        Case("bare word", "{\"a\":\n  hello}", .invalidLiteral, "2:3", "invalid literal 'hello'; expected true, false, null or a quoted string"),

        Case("unknown escape", #""a\x""#, .invalidEscape, "1:3", #"invalid escape '\x'; valid escapes are \" \\ \/ \b \f \n \r \t and \uXXXX"#),
        Case("escaped apostrophe", #""\'""#, .invalidEscape, "1:2", #"invalid escape '\''; valid escapes are \" \\ \/ \b \f \n \r \t and \uXXXX"#),

        Case("short unicode escape", "\"\\u1é\"", .invalidUnicodeEscape, "1:2", #"invalid \u escape '\u1é"'; expected four hex digits after \u"#),
        Case("non-hex unicode escape", #""\u12G4""#, .invalidUnicodeEscape, "1:2", #"invalid \u escape '\u12G4'; expected four hex digits after \u"#),
        Case(
            "lone high surrogate", #""\uD800""#, .invalidUnicodeEscape, "1:2",
            #"lone surrogate '\uD800' in string; a high surrogate must be followed by a low surrogate escape (\uDC00 to \uDFFF)"#),
        Case(
            "lone low surrogate", #""x\uDC00""#, .invalidUnicodeEscape, "1:3",
            #"lone surrogate '\uDC00' in string; a low surrogate must follow a high surrogate escape (\uD800 to \uDBFF)"#),
        Case(
            "high surrogate then letter", #""\uD800\u0041""#, .invalidUnicodeEscape, "1:2",
            #"lone surrogate '\uD800' in string; a high surrogate must be followed by a low surrogate escape (\uDC00 to \uDFFF)"#),

        Case(
            "raw tab in string", "\"a\tb\"", .controlCharacterInString, "1:3",
            #"control character U+0009 is not allowed in a string; write it as an escape such as \n or \u0009"#),
        Case(
            "raw newline in string", "[\"a\nb\"]", .controlCharacterInString, "1:4",
            #"control character U+000A is not allowed in a string; write it as an escape such as \n or \u0009"#),

        Case("invalid byte in string", [0x22, 0x61, 0x62, 0xFF, 0x22], .invalidUTF8, "1:4", "invalid UTF-8 byte 0xFF at byte offset 3"),
        Case("overlong encoding", [0x22, 0xC0, 0x80, 0x22], .invalidUTF8, "1:2", "invalid UTF-8 byte 0xC0 at byte offset 1"),
        Case("encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, "1:2", "invalid UTF-8 byte 0xED at byte offset 1"),
        Case("cut-off sequence", [0x22, 0xE2, 0x82], .invalidUTF8, "1:2", "invalid UTF-8 byte 0xE2 at byte offset 1"),
        Case("stray continuation byte", [0x22, 0xC3, 0xA9, 0x80, 0x22], .invalidUTF8, "1:3", "invalid UTF-8 byte 0x80 at byte offset 3"),
        Case("invalid byte outside string", [0x5B, 0xFF, 0x5D], .invalidUTF8, "1:2", "invalid UTF-8 byte 0xFF at byte offset 1"),
        Case("invalid byte after value", [0x31, 0x20, 0xFE], .invalidUTF8, "1:3", "invalid UTF-8 byte 0xFE at byte offset 2"),

        Case("duplicate key", "{\n  \"a\": 1,\n  \"a\": 2\n}", .duplicateKey, "3:3", #"duplicate key "a"; first defined at 2:3"#),
        Case("duplicate escaped key", #"{"a\"b": 1, "a\u0022b": 2}"#, .duplicateKey, "1:13", #"duplicate key "a\"b"; first defined at 1:2"#),
        Case(
            "canonically equivalent keys", "{\"\u{E9}\": 1, \"e\u{301}\": 2}", .duplicateKey, "1:10",
            "duplicate key \"e\u{301}\"; first defined at 1:2"),
        Case(
            "duplicate key in large object", #"{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k3":0}"#,
            .duplicateKey, "1:74", #"duplicate key "k3"; first defined at 1:16"#),

        Case("leading zero", "[01]", .invalidNumber, "1:2", "invalid number '01'; leading zeros are not allowed"),
        Case("negative leading zero", "-007", .invalidNumber, "1:1", "invalid number '-007'; leading zeros are not allowed"),
        Case("leading plus", "+1", .invalidNumber, "1:1", "invalid number '+1'; a leading '+' is not allowed"),
        Case("leading point", "[.5]", .invalidNumber, "1:2", "invalid number '.5'; a digit must come before the decimal point"),
        Case("minus point", "-.5", .invalidNumber, "1:1", "invalid number '-.5'; a digit must come before the decimal point"),
        Case("trailing point", "1.", .invalidNumber, "1:1", "invalid number '1.'; a digit must follow the decimal point"),
        Case("point before exponent", "1.e5", .invalidNumber, "1:1", "invalid number '1.e5'; a digit must follow the decimal point"),
        Case("empty exponent", "[1e]", .invalidNumber, "1:2", "invalid number '1e'; the exponent needs at least one digit"),
        Case("signed empty exponent", "1e+", .invalidNumber, "1:1", "invalid number '1e+'; the exponent needs at least one digit"),
        Case("lone minus", "-", .invalidNumber, "1:1", "invalid number '-'; a digit must follow '-'"),
        Case("minus plus", "-+1", .invalidNumber, "1:1", "invalid number '-+1'; a digit must follow '-'"),
        Case("minus letter", "[-a]", .invalidNumber, "1:2", "invalid number '-a'; a digit must follow '-'"),
        Case("NaN", "NaN", .invalidNumber, "1:1", "invalid number 'NaN'; JSON has no NaN or Infinity"),
        Case("Infinity", "[Infinity]", .invalidNumber, "1:2", "invalid number 'Infinity'; JSON has no NaN or Infinity"),
        Case("negative Infinity", "-Infinity", .invalidNumber, "1:1", "invalid number '-Infinity'; JSON has no NaN or Infinity"),

        Case("overflow", "1e400", .numberOutOfRange, "1:1", "number 1e400 is out of range"),
        Case("negative overflow", "[-1e400]", .numberOutOfRange, "1:2", "number -1e400 is out of range"),
        Case("long integer overflow", String(repeating: "9", count: 400), .numberOutOfRange, "1:1", "number \(String(repeating: "9", count: 40))... is out of range"),
        Case("underflow", "1e-400", .numberOutOfRange, "1:1", "number 1e-400 is out of range; it rounds to zero as a Double"),
        Case("fraction underflow", "-0.0001e-400", .numberOutOfRange, "1:1", "number -0.0001e-400 is out of range; it rounds to zero as a Double"),

        Case("second document", "{} {}", .trailingContent, "1:4", "unexpected character '{' after the top-level value"),
        Case("second value on next line", "1\n2", .trailingContent, "2:1", "unexpected character '2' after the top-level value"),
        Case("extra closing bracket", "[1]]", .trailingContent, "1:4", "unexpected character ']' after the top-level value"),

        Case("depth 65", String(repeating: "[", count: 65), .nestingTooDeep, "1:65", "nesting is deeper than 64 levels"),
        Case(
            "depth 65 objects", String(repeating: #"{"a":"#, count: 65), .nestingTooDeep, "1:321", "nesting is deeper than 64 levels"),

        Case("after byte-order mark", "\u{FEFF}[}", .unexpectedCharacter, "1:2", "unexpected character '}'; expected a value"),
        Case("after CRLF", "[\r\n1\r\n}", .unexpectedCharacter, "3:1", "unexpected character '}'; expected ',' or ']'"),
        Case("after lone CR", "[\r1\r}", .unexpectedCharacter, "3:1", "unexpected character '}'; expected ',' or ']'"),
        Case("after emoji in string", "[\"😀é\" 1]", .unexpectedCharacter, "1:7", "unexpected character '1'; expected ',' or ']'"),
    ]


    func testErrorKinds() {
        for testCase in cases {
            XCTAssertEqual(syntaxError(testCase.input)?.kind, testCase.kind, testCase.name)
        }
    }


    func testErrorPositions() {
        for testCase in cases {
            XCTAssertEqual(syntaxError(testCase.input)?.position.description, testCase.position, testCase.name)
        }
    }


    func testErrorMessages() {
        for testCase in cases {
            XCTAssertEqual(syntaxError(testCase.input)?.message, testCase.message, testCase.name)
        }
    }


    func testEveryKindCovered() {
        let covered = Set(cases.map(\.kind))
        let all: [JSONSyntaxError.Kind] = [
            .emptyInput, .unexpectedCharacter, .unexpectedEndOfInput, .invalidLiteral, .invalidEscape,
            .invalidUnicodeEscape, .controlCharacterInString, .invalidUTF8, .duplicateKey, .invalidNumber,
            .numberOutOfRange, .trailingContent, .nestingTooDeep,
        ]

        for kind in all {
            XCTAssertTrue(covered.contains(kind), "no case for \(kind)")
        }
    }


    func testOffsetCountsBytes() {
        let error = syntaxError("[\"é\", }")

        XCTAssertEqual(error?.position.offset, 7)
    }


    func testOffsetIncludesByteOrderMark() {
        let error = syntaxError("\u{FEFF}[}")

        XCTAssertEqual(error?.position.offset, 4)
    }


    func testOffsetOfTruncation() {
        let error = syntaxError("[1,\n")

        XCTAssertEqual(error?.position, SourcePosition(line: 2, column: 1, offset: 4))
    }


    func testByteOrderMarkOnlyOffset() {
        let error = syntaxError("\u{FEFF}")

        XCTAssertEqual(error?.position.offset, 3)
    }


    func testDescriptionPrefixesPosition() {
        let error = syntaxError("[1}")

        XCTAssertEqual(error?.description, "1:3: unexpected character '}'; expected ',' or ']'")
    }


    func testDepthLimitCustom() {
        let error = syntaxError("[[[1]]]", maxDepth: 2)

        XCTAssertEqual(error?.kind, .nestingTooDeep)
        XCTAssertEqual(error?.position.description, "1:3")
        XCTAssertEqual(error?.message, "nesting is deeper than 2 levels")
    }


    func testDepthLimitZeroRejectsEmptyArray() {
        XCTAssertEqual(syntaxError("[]", maxDepth: 0)?.kind, .nestingTooDeep)
    }


    func testVeryDeepNestingRejected() {
        let error = syntaxError(String(repeating: "[", count: 100_000))

        XCTAssertEqual(error?.kind, .nestingTooDeep)
    }
}
