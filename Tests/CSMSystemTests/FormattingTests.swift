import CSMSystem
import XCTest

final class FormattingTests: XCTestCase {
    func testFixedRoundsHalfAwayFromZero() {
        XCTAssertEqual(Formatting.fixed(2.5, 0), "3")
        XCTAssertEqual(Formatting.fixed(-2.5, 0), "-3")
        XCTAssertEqual(Formatting.fixed(0.125, 2), "0.13")
        XCTAssertEqual(Formatting.fixed(1.0, 2), "1.00")
        XCTAssertEqual(Formatting.fixed(-0.001, 2), "0.00")
    }

    func testFixedHandlesHugeAndSpecialValues() {
        XCTAssertEqual(Formatting.fixed(9_007_199_254_740_992, 2), "9007199254740992")
        XCTAssertEqual(Formatting.fixed(1e19, 2), "1e+19")
        XCTAssertEqual(Formatting.fixed(-9.223372036854775807e18, 0), "-9.223372036854776e+18")
        XCTAssertEqual(Formatting.fixed(1e308, 1), "1e+308")
        XCTAssertEqual(Formatting.fixed(.infinity, 2), "inf")
        XCTAssertEqual(Formatting.fixed(-.infinity, 2), "-inf")
        XCTAssertEqual(Formatting.fixed(.nan, 2), "nan")
    }

    func testGroupedAndMoney() {
        XCTAssertEqual(Formatting.grouped(42_000_000), "42,000,000")
        XCTAssertEqual(Formatting.grouped(-1234.4), "-1,234")
        XCTAssertEqual(Formatting.grouped(1e20), "1e+20")
        XCTAssertEqual(Formatting.money(42_000_000), "$42.0M")
        XCTAssertEqual(Formatting.money(1_500), "$1.5k")
        XCTAssertEqual(Formatting.money(-2_000_000_000), "-$2.0B")
        XCTAssertEqual(Formatting.money(12), "$12")
    }

    func testPercentAndCompact() {
        XCTAssertEqual(Formatting.percent(0.875), "87.5 %")
        XCTAssertEqual(Formatting.percent(0.9), "90 %")
        XCTAssertEqual(Formatting.compact(3), "3")
        XCTAssertEqual(Formatting.compact(2.5), "2.5")
        XCTAssertEqual(Formatting.compact(1e300), "1e+300")
    }

    func testClosestNameSuggestion() {
        XCTAssertEqual(Suggestions.closest(to: "optimising", in: ["adopting", "performing", "optimizing"]), "optimizing")
        XCTAssertNil(Suggestions.closest(to: "zzzzzzzz", in: ["adopting", "performing"]))
    }
}
