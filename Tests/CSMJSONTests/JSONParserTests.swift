import CSMJSON
import Foundation
import XCTest

final class JSONParserTests: XCTestCase {
    // MARK: - Values

    func testParseScalars() throws {
        let cases: [(name: String, input: String, expected: JSON)] = [
            ("null", "null", .null),
            ("true", "true", .bool(true)),
            ("false", "false", .bool(false)),
            ("integer", "-12", .int(-12)),
            ("fraction", "2.5", .double(2.5)),
            ("string", #""hi""#, .string("hi")),
            ("padded", " \t\r\n 7 \n", .int(7)),
        ]

        for testCase in cases {
            XCTAssertEqual(try parse(testCase.input).plain, testCase.expected, testCase.name)
        }
    }


    func testParseContainers() throws {
        let node = try parse(#"{"b": [1, "x", null, {}], "a": {"c": []}}"#)
        let expected: JSON = .object([
            ("b", .array([.int(1), .string("x"), .null, .object([])])),
            ("a", .object([("c", .array([]))])),
        ])

        XCTAssertEqual(node.plain, expected)
    }


    func testStringEscapes() throws {
        let cases: [(name: String, input: String, expected: String)] = [
            ("short escapes", #""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
            ("unicode escape", #""caf\u00e9""#, "café"),
            ("uppercase hex", #""\u00C9""#, "É"),
            ("surrogate pair", #""\uD83D\uDE00""#, "😀"),
            ("NUL escape", #""a\u0000b""#, "a\u{0}b"),
            ("raw UTF-8", #""é😀 中文""#, "é😀 中文"),
            ("escape between runs", #""abc\ndef""#, "abc\ndef"),
            ("line separator", #""\u2028""#, "\u{2028}"),
            ("empty", #""""#, ""),
            ("DEL is raw", "\"\u{7F}\"", "\u{7F}"),
        ]

        for testCase in cases {
            XCTAssertEqual(try parse(testCase.input).value.asString, testCase.expected, testCase.name)
        }
    }


    func testStringsAfterEscapedStringStayIndependent() throws {
        let node = try parse(#"["a\nb", "plain", "c\td"]"#)

        XCTAssertEqual(node.plain, .array([.string("a\nb"), .string("plain"), .string("c\td")]))
    }


    func testTypeNames() throws {
        let cases: [(input: String, typeName: String)] = [
            ("null", "null"), ("true", "boolean"), ("1", "number"), (#""s""#, "string"), ("[]", "array"), ("{}", "object"),
        ]

        for testCase in cases {
            XCTAssertEqual(try parse(testCase.input).value.typeName, testCase.typeName, testCase.input)
        }
    }


    func testAccessorsReturnNilForOtherTypes() throws {
        let value = try parse("[]").value

        XCTAssertNil(value.asString)
        XCTAssertNil(value.asBool)
        XCTAssertNil(value.asNumber)
        XCTAssertNil(value.asObject)
        XCTAssertEqual(value.asArray?.count, 0)
    }


    // MARK: - Objects

    func testObjectMembersKeepFileOrder() throws {
        let object = try parse(#"{"z": 1, "a": 2, "m": 3}"#).value.asObject

        XCTAssertEqual(object?.members.map(\.key), ["z", "a", "m"])
    }


    func testObjectSubscriptSmall() throws {
        let object = try parse(#"{"a": 1, "b": "x"}"#).value.asObject

        XCTAssertEqual(object?["b"]?.value.asString, "x")
        XCTAssertNil(object?["c"])
    }


    func testObjectSubscriptLarge() throws {
        let members = (0..<50).map { #""key\#($0)": \#($0)"# }.joined(separator: ", ")
        let object = try parse("{\(members)}").value.asObject

        XCTAssertEqual(object?.members.count, 50)
        XCTAssertEqual(object?["key37"]?.value.asNumber?.int64, 37)
        XCTAssertNil(object?["key50"])
    }


    func testObjectSubscriptAfterMutation() throws {
        var object = try XCTUnwrap(parse(#"{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8}"#).value.asObject)
        object.members.removeFirst()

        XCTAssertNil(object["k0"])
        XCTAssertEqual(object["k8"]?.value.asNumber?.int64, 8)
    }


    func testObjectEqualityIgnoresIndex() throws {
        let parsed = try XCTUnwrap(parse(#"{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8}"#).value.asObject)
        let rebuilt = JSONObject(members: parsed.members)

        XCTAssertEqual(parsed, rebuilt)
    }


    // MARK: - Positions

    private let nestedDocument = """
        {
          "name": "x",
          "list": [1, {"deep": true}],
          "é": null
        }
        """


    func testPositionsOfNestedValues() throws {
        let root = try parse(nestedDocument)
        let object = try XCTUnwrap(root.value.asObject)
        let list = try XCTUnwrap(object["list"]?.value.asArray)
        let inner = try XCTUnwrap(list[1].value.asObject)
        let cases: [(name: String, position: SourcePosition?, expected: String)] = [
            ("root", root.position, "1:1"),
            ("name key", object.members[0].keyPosition, "2:3"),
            ("name value", object["name"]?.position, "2:11"),
            ("list value", object["list"]?.position, "3:11"),
            ("first element", list[0].position, "3:12"),
            ("second element", list[1].position, "3:15"),
            ("deep key", inner.members[0].keyPosition, "3:16"),
            ("deep value", inner["deep"]?.position, "3:24"),
            ("accented key", object.members[2].keyPosition, "4:3"),
            ("value after accented key", object["é"]?.position, "4:8"),
        ]

        for testCase in cases {
            XCTAssertEqual(testCase.position?.description, testCase.expected, testCase.name)
        }
    }


    func testPositionOffsetCountsBytes() throws {
        let object = try XCTUnwrap(parse(nestedDocument).value.asObject)

        XCTAssertEqual(object["é"]?.position.offset, 56)
    }


    func testPositionsAfterMultiByteStrings() throws {
        let elements = try XCTUnwrap(parse(#"["😀", "a\u00e9", "é", 1]"#).value.asArray)

        XCTAssertEqual(elements[3].position, SourcePosition(line: 1, column: 23, offset: 26))
    }


    func testPositionsWithCRLF() throws {
        let elements = try XCTUnwrap(parse("[\r\n1,\r\n  2]").value.asArray)

        XCTAssertEqual(elements[0].position.description, "2:1")
        XCTAssertEqual(elements[1].position.description, "3:3")
    }


    func testByteOrderMarkSkipped() throws {
        let node = try parse("\u{FEFF}{\"a\": 1}")
        let value = try XCTUnwrap(node.value.asObject?["a"])

        XCTAssertEqual(node.position, SourcePosition(line: 1, column: 1, offset: 3))
        XCTAssertEqual(value.position, SourcePosition(line: 1, column: 7, offset: 9))
    }


    func testByteOrderMarkOnlyAtStart() {
        XCTAssertEqual(syntaxError(" \u{FEFF}1")?.kind, .unexpectedCharacter)
    }


    func testSourcePositionDescription() {
        XCTAssertEqual(SourcePosition(line: 3, column: 14, offset: 40).description, "3:14")
    }


    // MARK: - Depth

    func testDepthLimitAllowsExactDepth() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)

        XCTAssertEqual(try parse(text).value.typeName, "array")
    }


    func testDepthLimitCountsObjects() throws {
        let text = String(repeating: #"{"a":"#, count: 64) + "1" + String(repeating: "}", count: 64)

        XCTAssertEqual(try parse(text).value.typeName, "object")
    }


    func testDepthLimitZeroAllowsScalar() throws {
        XCTAssertEqual(try parse("1", maxDepth: 0).plain, .int(1))
    }


    // MARK: - Input collections

    func testParseStringUTF8View() throws {
        XCTAssertEqual(try JSONParser.parse(#"{"a": 1}"#.utf8).plain, .object([("a", .int(1))]))
    }


    func testParseArraySlice() throws {
        let bytes = Array("xx[1]yy".utf8)

        XCTAssertEqual(try JSONParser.parse(bytes[2..<5]).plain, .array([.int(1)]))
    }


    func testParseSlicePositionsStartAtSlice() throws {
        let bytes = Array("xx[1]".utf8)
        let elements = try XCTUnwrap(JSONParser.parse(bytes[2...]).value.asArray)

        XCTAssertEqual(elements[0].position, SourcePosition(line: 1, column: 2, offset: 1))
    }


    func testParseNonContiguousCollection() throws {
        let bytes = Array(#"[true, "é"]"#.utf8).lazy.map { $0 }

        XCTAssertEqual(try JSONParser.parse(bytes).plain, .array([.bool(true), .string("é")]))
    }


    func testParseFoundationData() throws {
        let data = Data(#"{"a": [null]}"#.utf8)

        XCTAssertEqual(try JSONParser.parse(data).plain, .object([("a", .array([.null]))]))
    }


    func testParseMegabyteDocument() throws {
        let item = #"{"id": "competency-1", "name": "Secure d\u00e9veloppement", "level": 3, "score": 0.75, "tags": ["a", "b"]}"#
        let count = 10_000
        let text = "[" + Array(repeating: item, count: count).joined(separator: ",\n") + "]"
        let elements = try XCTUnwrap(parse(text).value.asArray)

        XCTAssertGreaterThan(text.utf8.count, 1_000_000)
        XCTAssertEqual(elements.count, count)
        XCTAssertEqual(elements.last?.position.line, count)
    }
}
