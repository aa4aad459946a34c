import CSMJSON
import XCTest

final class JSONWriterTests: XCTestCase {
    private let document: JSON = .object([
        ("name", .string("x")),
        ("list", .array([.int(1), .bool(false), .null])),
        ("empty array", .array([])),
        ("empty object", .object([])),
        ("nested", .object([("score", .double(0.5))])),
    ])


    // MARK: - Layout

    func testWritePretty() {
        let expected = """
            {
              "name": "x",
              "list": [
                1,
                false,
                null
              ],
              "empty array": [],
              "empty object": {},
              "nested": {
                "score": 0.5
              }
            }

            """

        XCTAssertEqual(JSONWriter.write(document), expected)
    }


    func testWriteCompact() {
        let expected = #"{"name":"x","list":[1,false,null],"empty array":[],"empty object":{},"nested":{"score":0.5}}"#

        XCTAssertEqual(JSONWriter.write(document, pretty: false), expected)
    }


    func testWriteScalarsPretty() {
        let cases: [(value: JSON, expected: String)] = [
            (.null, "null\n"), (.bool(true), "true\n"), (.int(-7), "-7\n"), (.string("a"), "\"a\"\n"), (.array([]), "[]\n"), (.object([]), "{}\n"),
        ]

        for testCase in cases {
            XCTAssertEqual(JSONWriter.write(testCase.value), testCase.expected, testCase.expected)
        }
    }


    func testWriteKeepsKeyOrder() {
        let value: JSON = .object([("z", .int(1)), ("a", .int(2)), ("m", .int(3))])

        XCTAssertEqual(JSONWriter.write(value, pretty: false), #"{"z":1,"a":2,"m":3}"#)
    }


    func testWriteKeepsDuplicateKeys() {
        let value: JSON = .object([("a", .int(1)), ("a", .int(2))])

        XCTAssertEqual(JSONWriter.write(value, pretty: false), #"{"a":1,"a":2}"#)
    }


    func testWriteIsDeterministic() {
        let first = JSONWriter.write(document)
        let second = JSONWriter.write(document)

        XCTAssertEqual(Array(first.utf8), Array(second.utf8))
    }


    // MARK: - Strings

    func testWriteStringEscapes() {
        let cases: [(name: String, input: String, expected: String)] = [
            ("quote", "a\"b", #""a\"b""#),
            ("backslash", "a\\b", #""a\\b""#),
            ("slash stays raw", "a/b", #""a/b""#),
            ("newline", "\n", #""\n""#),
            ("carriage return", "\r", #""\r""#),
            ("tab", "\t", #""\t""#),
            ("backspace", "\u{8}", #""\b""#),
            ("form feed", "\u{C}", #""\f""#),
            ("NUL", "\u{0}", #""\u0000""#),
            ("unit separator", "\u{1F}", #""\u001f""#),
            ("line separator", "\u{2028}", #""\u2028""#),
            ("paragraph separator", "a\u{2029}b", #""a\u2029b""#),
            ("neighbour of separators stays raw", "\u{2027}\u{202A}", "\"\u{2027}\u{202A}\""),
            ("DEL stays raw", "\u{7F}", "\"\u{7F}\""),
            ("non-ASCII stays raw", "é😀中", "\"é😀中\""),
            ("mixed", "x\u{2028}\"\ty", #""x\u2028\"\ty""#),
        ]

        for testCase in cases {
            XCTAssertEqual(JSONWriter.write(.string(testCase.input), pretty: false), testCase.expected, testCase.name)
        }
    }


    func testWriteEscapesKeys() {
        let value: JSON = .object([("a\"\n", .null)])

        XCTAssertEqual(JSONWriter.write(value, pretty: false), #"{"a\"\n":null}"#)
    }


    func testWriteStringsRoundTrip() throws {
        var generator = SplitMix64(seed: 5)
        let alphabet: [Unicode.Scalar] = ["a", "\"", "\\", "/", "\n", "\u{0}", "\u{1F}", "\u{7F}", "é", "\u{2028}", "\u{2029}", "😀", "\u{FEFF}"]

        for _ in 0..<500 {
            var string = ""
            for _ in 0..<Int(generator.next() % 12) {
                string.unicodeScalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            let written = JSONWriter.write(.string(string), pretty: false)

            XCTAssertEqual(try parse(written).plain, .string(string), written)
        }
    }


    // MARK: - Numbers

    func testWriteDoubles() {
        let cases: [(value: Double, expected: String)] = [
            (42, "42"),
            (42_000_000, "42000000"),
            (-3, "-3"),
            (0, "0"),
            (-0.0, "-0"),
            (0.5, "0.5"),
            (0.1, "0.1"),
            (-2.5e-7, "-2.5e-07"),
            (1e-5, "1e-05"),
            (1.0 / 3, "0.3333333333333333"),
            (9_007_199_254_740_991, "9007199254740991"),
            (9_007_199_254_740_992, "9007199254740992.0"),
            (1e16, "1e+16"),
            (1e300, "1e+300"),
            (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (.leastNonzeroMagnitude, "5e-324"),
            (.leastNormalMagnitude, "2.2250738585072014e-308"),
        ]

        for testCase in cases {
            XCTAssertEqual(JSONWriter.write(.double(testCase.value), pretty: false), testCase.expected, testCase.expected)
        }
    }


    func testWriteIntegers() {
        let cases: [(value: Int64, expected: String)] = [
            (0, "0"), (-1, "-1"), (.max, "9223372036854775807"), (.min, "-9223372036854775808"),
        ]

        for testCase in cases {
            XCTAssertEqual(JSONWriter.write(.int(testCase.value), pretty: false), testCase.expected, testCase.expected)
        }
    }


    func testWriteDoublesReparseToSameBits() throws {
        var generator = SplitMix64(seed: 9)

        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let written = JSONWriter.write(.double(value), pretty: false)

            XCTAssertEqual(try parse(written).value.asNumber?.double.bitPattern, value.bitPattern, written)
        }
    }


    func testWriteIntegralDoubleReparsesAsInt() throws {
        let written = JSONWriter.write(.double(42))

        XCTAssertEqual(try parse(written).plain, .int(42))
    }


    // MARK: - Round trip

    func testRoundTripPretty() throws {
        let value: JSON = .object([
            ("text", .string("é \"q\" \u{2028} \u{1}")),
            ("numbers", .array([.int(.min), .int(.max), .double(0.1), .double(-1.5e300), .double(9_007_199_254_740_992)])),
            ("flags", .array([.bool(true), .bool(false), .null])),
            ("nested", .object([("deeper", .object([("deepest", .array([.array([])]))]))])),
            ("", .object([])),
        ])

        XCTAssertEqual(try parse(JSONWriter.write(value)).plain, value)
    }


    func testRoundTripCompact() throws {
        let value: JSON = .array([.object([("b", .int(2)), ("a", .double(2.5))]), .string(""), .null])

        XCTAssertEqual(try parse(JSONWriter.write(value, pretty: false)).plain, value)
    }


    func testParsedDocumentWritesBack() throws {
        let text = """
            {
              "b": [
                1,
                2.5,
                "x\\n"
              ],
              "a": {}
            }

            """

        XCTAssertEqual(JSONWriter.write(try parse(text).plain), text)
    }


    // MARK: - Equality

    func testEqualityCases() {
        let cases: [(name: String, left: JSON, right: JSON, isEqual: Bool)] = [
            ("same object", .object([("a", .int(1))]), .object([("a", .int(1))]), true),
            ("key order matters", .object([("a", .int(1)), ("b", .int(2))]), .object([("b", .int(2)), ("a", .int(1))]), false),
            ("int is not double", .int(1), .double(1), false),
            ("signed zeros differ", .double(0), .double(-0.0), false),
            ("canonically equivalent strings differ", .string("\u{E9}"), .string("e\u{301}"), false),
            ("canonically equivalent keys differ", .object([("\u{E9}", .null)]), .object([("e\u{301}", .null)]), false),
            ("array lengths differ", .array([.null]), .array([.null, .null]), false),
        ]

        for testCase in cases {
            XCTAssertEqual(testCase.left == testCase.right, testCase.isEqual, testCase.name)
        }
    }
}
