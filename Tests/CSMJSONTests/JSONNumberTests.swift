import CSMJSON
import XCTest

final class JSONNumberTests: XCTestCase {
    private struct Case {
        let literal: String
        let double: Double
        let isInteger: Bool
        let int64: Int64?
    }


    private let cases: [Case] = [
        Case(literal: "0", double: 0, isInteger: true, int64: 0),
        Case(literal: "-0", double: -0.0, isInteger: true, int64: 0),
        Case(literal: "42", double: 42, isInteger: true, int64: 42),
        Case(literal: "-42", double: -42, isInteger: true, int64: -42),
        Case(literal: "9223372036854775807", double: 9_223_372_036_854_775_808, isInteger: true, int64: .max),
        Case(literal: "-9223372036854775808", double: -9_223_372_036_854_775_808, isInteger: true, int64: .min),
        Case(literal: "9223372036854775808", double: 9_223_372_036_854_775_808, isInteger: true, int64: nil),
        Case(literal: "-9223372036854775809", double: -9_223_372_036_854_775_808, isInteger: true, int64: nil),
        Case(literal: "123456789012345678901234567890", double: 1.2345678901234568e29, isInteger: true, int64: nil),
        Case(literal: "9007199254740993", double: 9_007_199_254_740_992, isInteger: true, int64: 9_007_199_254_740_993),
        Case(literal: "1.5", double: 1.5, isInteger: false, int64: nil),
        Case(literal: "1.0", double: 1, isInteger: false, int64: nil),
        Case(literal: "1.50", double: 1.5, isInteger: false, int64: nil),
        Case(literal: "-0.0", double: -0.0, isInteger: false, int64: nil),
        Case(literal: "0.1", double: 0.1, isInteger: false, int64: nil),
        Case(literal: "1e2", double: 100, isInteger: false, int64: nil),
        Case(literal: "1E+2", double: 100, isInteger: false, int64: nil),
        Case(literal: "1e-2", double: 0.01, isInteger: false, int64: nil),
        Case(literal: "1e-05", double: 1e-5, isInteger: false, int64: nil),
        Case(literal: "1.7976931348623157e308", double: .greatestFiniteMagnitude, isInteger: false, int64: nil),
        Case(literal: "-1.7976931348623157e308", double: -.greatestFiniteMagnitude, isInteger: false, int64: nil),
        Case(literal: "2.2250738585072014e-308", double: .leastNormalMagnitude, isInteger: false, int64: nil),
        Case(literal: "4.9406564584124654e-324", double: .leastNonzeroMagnitude, isInteger: false, int64: nil),
        Case(literal: "0e400", double: 0, isInteger: false, int64: nil),
        Case(literal: "0.000e-999", double: 0, isInteger: false, int64: nil),
        Case(literal: "1e0000000000000000000000001", double: 10, isInteger: false, int64: nil),
    ]


    private func number(_ literal: String) throws -> JSONNumber? {
        try parse(literal).value.asNumber
    }


    func testNumberDouble() throws {
        for testCase in cases {
            XCTAssertEqual(try number(testCase.literal)?.double.bitPattern, testCase.double.bitPattern, testCase.literal)
        }
    }


    func testNumberIsInteger() throws {
        for testCase in cases {
            XCTAssertEqual(try number(testCase.literal)?.isInteger, testCase.isInteger, testCase.literal)
        }
    }


    func testNumberInt64() throws {
        for testCase in cases {
            XCTAssertEqual(try number(testCase.literal)?.int64, testCase.int64, testCase.literal)
        }
    }


    func testNumberKeepsLiteral() throws {
        for testCase in cases {
            XCTAssertEqual(try number(testCase.literal)?.literal, testCase.literal, testCase.literal)
        }
    }


    func testNumberLiteralInsideArray() throws {
        let elements = try XCTUnwrap(parse("[1.50,-3e2]").value.asArray)

        XCTAssertEqual(elements.map { $0.value.asNumber?.literal }, ["1.50", "-3e2"])
    }


    func testPlainNumberCases() throws {
        let cases: [(literal: String, expected: JSON)] = [
            ("42", .int(42)),
            ("-0", .int(0)),
            ("42.0", .double(42)),
            ("1e2", .double(100)),
            ("9223372036854775808", .double(9_223_372_036_854_775_808)),
            ("0.25", .double(0.25)),
        ]

        for testCase in cases {
            XCTAssertEqual(try parse(testCase.literal).plain, testCase.expected, testCase.literal)
        }
    }


    func testOutOfRangeKinds() {
        let cases = ["1e400", "-1e400", "1e-400", "-1e-400", "0.1e-323", "1e309", "2e308"]

        for literal in cases {
            XCTAssertEqual(syntaxError(literal)?.kind, .numberOutOfRange, literal)
        }
    }


    func testInvalidNumberKinds() {
        let cases = ["01", "00", "-01", "+1", "+0", ".5", "1.", "-", "1e", "1E-", "NaN", "nan", "Infinity", "-Infinity", "inf", "--1", "-.0"]

        for literal in cases {
            XCTAssertEqual(syntaxError(literal)?.kind, .invalidNumber, literal)
        }
    }


    func testNumberRandomDecimalsMatchSwift() throws {
        var generator = SplitMix64(seed: 3)

        for _ in 0..<2_000 {
            let mantissa = Int64(bitPattern: generator.next() % 2_000_000_000_000) - 1_000_000_000_000
            let exponent = Int(generator.next() % 600) - 300
            let literal = "\(mantissa).\(generator.next() % 1000)e\(exponent)"
            let expected = try XCTUnwrap(Double(literal))
            guard expected.isFinite, expected != 0 else { continue }

            XCTAssertEqual(try number(literal)?.double, expected, literal)
        }
    }
}
