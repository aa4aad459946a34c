import CSMSystem

/// The default priority formula:
///
///     base     = max(gap, 0.25) x weight x impact / effort x 0.5^(levels ahead - 1)
///     priority = base x product of factors x 10, rounded to 2 decimals
///
/// - gap: the dimension's gap to its target, in levels (0 to 3)
/// - weight: the dimension's model weight (mean 1)
/// - impact: low 1, medium 2, high 3; effort: small 1, medium 1.5, large 2
/// - levels ahead: 1 when the initiative builds the next level above the
///   current score, 2 or 3 when it builds a level further up
/// - factors: a proposing rule's own `priority()` result and every matching
///   `adjust` rule, multiplied and clamped to 0.1 to 10
///
/// Ties break by initiative id, so the same inputs always give the same order.
public struct PriorityPolicy: Sendable {
    public var minimumGap = 0.25
    public var stepDiscount = 0.5
    public var scale = 10.0
    public var minimumCombinedFactor = 0.1
    public var maximumCombinedFactor = 10.0

    public init() {}

    public static let standard = PriorityPolicy()

    func stepFactor(levelsAhead: Int) -> Double {
        var factor = 1.0
        if levelsAhead > 1 {
            for _ in 1..<levelsAhead { factor *= stepDiscount }
        }
        return factor
    }

    func clamp(_ factor: Double) -> Double {
        min(max(factor, minimumCombinedFactor), maximumCombinedFactor)
    }

    func round(_ value: Double) -> Double {
        Formatting.round(value, 2)
    }
}
