import CSMPortfolio
import XCTest

final class ScoreHistogramTests: XCTestCase {
    private func histogram(_ scores: [Double]) -> ScoreHistogram {
        var histogram = ScoreHistogram()
        for score in scores { histogram.add(score) }
        return histogram
    }

    func testQuantilesInterpolateLikeSpreadsheets() {
        // NumPy: np.percentile([0.5, 1, 1.5, 2, 3], [25, 50, 75]) == [1, 1.5, 2]
        let scores = histogram([3, 1, 0.5, 2, 1.5])
        XCTAssertEqual(scores.quantile(0.25)!, 1, accuracy: 1e-9)
        XCTAssertEqual(scores.quantile(0.5)!, 1.5, accuracy: 1e-9)
        XCTAssertEqual(scores.quantile(0.75)!, 2, accuracy: 1e-9)
        // np.percentile([1, 2], 25) == 1.25
        XCTAssertEqual(histogram([2, 1]).quantile(0.25)!, 1.25, accuracy: 1e-9)
        XCTAssertEqual(scores.minimum, 0.5)
        XCTAssertEqual(scores.maximum, 3)
        XCTAssertEqual(scores.mean!, 1.6, accuracy: 1e-9)
    }

    func testScoresAreRoundedToThreeDecimals() {
        let scores = histogram([1.23449, 1.2345])
        XCTAssertEqual(scores.minimum!, 1.234, accuracy: 1e-12)
        XCTAssertEqual(scores.maximum!, 1.235, accuracy: 1e-12)
    }

    func testPercentileIsMidRank() {
        let scores = histogram([1, 2, 2, 3])
        XCTAssertEqual(scores.percentile(of: 2)!, 50, accuracy: 1e-9)   // 1 below, 2 equal: (1 + 1) / 4
        XCTAssertEqual(scores.percentile(of: 3)!, 87.5, accuracy: 1e-9)
        XCTAssertEqual(scores.percentile(of: 0)!, 0, accuracy: 1e-9)
        XCTAssertEqual(histogram([2]).percentile(of: 2)!, 50, accuracy: 1e-9)
    }

    func testEmptyHistogramHasNoStatistics() {
        let empty = ScoreHistogram()
        XCTAssertNil(empty.quantile(0.5))
        XCTAssertNil(empty.percentile(of: 1))
        XCTAssertNil(empty.mean)
        XCTAssertNil(empty.minimum)
    }

    func testMergeEqualsAddingEverything() {
        var left = histogram([0.1, 2.2, 2.9])
        left.merge(histogram([1.5, 0.0]))
        XCTAssertEqual(left, histogram([0.0, 0.1, 1.5, 2.2, 2.9]))
    }

    func testOutOfRangeAndNonFiniteScores() {
        var scores = ScoreHistogram()
        scores.add(.nan)
        scores.add(.infinity)
        XCTAssertEqual(scores.total, 0)
        scores.add(7)
        XCTAssertEqual(scores.maximum, 3, "a score past the scale lands in the last bin")
    }
}
