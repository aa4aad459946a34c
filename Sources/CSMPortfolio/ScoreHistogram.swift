import CSMModel

/// Counts of dimension scores on a grid of 0.001 from 0 to 3: enough to give
/// exact quartiles and percentiles of scores rounded to three decimals, in the
/// same memory whether a portfolio has ten clients or ten million.
///
/// Histograms add up, so workers can fill their own and the totals do not
/// depend on how the clients were shared out.
public struct ScoreHistogram: Equatable, Sendable {
    /// Steps per score point.
    public static let resolution = 1000
    static let binCount = Int(ScoreScale.maximum) * resolution + 1

    private var counts: [Int]
    /// Scores per bin. Bin `i` counts the scores that round to `i / resolution`.
    var binCounts: [Int] { counts }
    public private(set) var total = 0
    private var sum = 0.0

    public init() {
        counts = Array(repeating: 0, count: ScoreHistogram.binCount)
    }

    /// The score's bin: the score rounded to the grid, half away from zero.
    static func bin(of score: Double) -> Int {
        let scaled = (score * Double(resolution)).rounded(.toNearestOrAwayFromZero)
        return min(binCount - 1, max(0, Int(scaled)))
    }

    static func value(ofBin bin: Int) -> Double {
        Double(bin) / Double(resolution)
    }

    public mutating func add(_ score: Double) {
        guard score.isFinite else { return }
        let bin = ScoreHistogram.bin(of: score)
        counts[bin] += 1
        total += 1
        sum += ScoreHistogram.value(ofBin: bin)
    }

    public mutating func merge(_ other: ScoreHistogram) {
        for bin in 0..<counts.count { counts[bin] += other.counts[bin] }
        total += other.total
        sum += other.sum
    }

    /// The mean of the rounded scores, nil when empty.
    public var mean: Double? {
        total == 0 ? nil : sum / Double(total)
    }

    public var minimum: Double? {
        counts.firstIndex { $0 > 0 }.map(ScoreHistogram.value(ofBin:))
    }

    public var maximum: Double? {
        counts.lastIndex { $0 > 0 }.map(ScoreHistogram.value(ofBin:))
    }

    /// The `q` quantile (0...1) with linear interpolation between the two
    /// nearest ranks, as spreadsheets' PERCENTILE and NumPy's default compute
    /// it; nil when empty.
    public func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let position = Double(total - 1) * min(1, max(0, q))
        let lower = Int(position.rounded(.down))
        let upper = Int(position.rounded(.up))
        let low = value(atRank: lower)
        let high = upper == lower ? low : value(atRank: upper)
        return low + (high - low) * (position - Double(lower))
    }

    /// The score at a zero-based rank in ascending order.
    private func value(atRank rank: Int) -> Double {
        var seen = 0
        for (bin, count) in counts.enumerated() where count > 0 {
            seen += count
            if rank < seen { return ScoreHistogram.value(ofBin: bin) }
        }
        return ScoreHistogram.value(ofBin: counts.count - 1)
    }

    /// The percentile of `score`, from 0 to 100: the share of scores below it plus
    /// half the share equal to it (the mid-rank percentile), so the middle of
    /// a portfolio is 50 and ties do not favour anyone. Nil when empty.
    public func percentile(of score: Double) -> Double? {
        guard total > 0, score.isFinite else { return nil }
        let bin = ScoreHistogram.bin(of: score)
        var below = 0
        for index in 0..<bin { below += counts[index] }
        let equal = counts[bin]
        return (Double(below) + Double(equal) / 2) / Double(total) * 100
    }
}
