import CSMSystem

/// The priority arithmetic as readable steps, shared by every format.
public enum PriorityArithmetic {
    /// The steps; `dimensionName` replaces the dimension id (client reports use the dimension's label).
    public static func steps(_ breakdown: PriorityBreakdown, dimensionName: String? = nil) -> [String] {
        var steps: [String] = []
        let dimension = dimensionName ?? breakdown.dimensionID ?? "no assessed dimension"
        var gapLine = "gap \(Formatting.fixed(breakdown.gap, 2)) on \(dimension)"
        if breakdown.effectiveGap != breakdown.gap { gapLine += ", raised to the minimum \(Formatting.fixed(breakdown.effectiveGap, 2))" }
        steps.append(gapLine)
        var value = breakdown.effectiveGap
        value *= breakdown.weight
        steps.append("× weight \(Formatting.fixed(breakdown.weight, 2)) = \(Formatting.fixed(value, 4))")
        value *= breakdown.impact.multiplier
        steps.append("× impact \(breakdown.impact.rawValue) (\(Formatting.compact(breakdown.impact.multiplier))) = \(Formatting.fixed(value, 4))")
        value /= breakdown.effort.divisor
        steps.append("÷ effort \(breakdown.effort.rawValue) (\(Formatting.compact(breakdown.effort.divisor))) = \(Formatting.fixed(value, 4))")
        value *= breakdown.stepFactor
        let ahead = breakdown.levelsAhead == 1 ? "next level" : "\(breakdown.levelsAhead) levels ahead"
        steps.append("× step \(Formatting.fixed(breakdown.stepFactor, 2)) (\(ahead)) = \(Formatting.fixed(value, 4))")
        let base = value
        for factor in breakdown.factors {
            value *= factor.factor
            steps.append("× \(Formatting.fixed(factor.factor, 2)) from \(factor.ruleID): \(factor.reason) = \(Formatting.fixed(value, 4))")
        }
        if !breakdown.factors.isEmpty && breakdown.combinedFactor != breakdown.factors.reduce(1.0, { $0 * $1.factor }) {
            value = base * breakdown.combinedFactor
            steps.append("the factors multiply to more than the limit, so they count as \(Formatting.fixed(breakdown.combinedFactor, 2)) in total = \(Formatting.fixed(value, 4))")
        }
        steps.append("× 10 = priority \(Formatting.fixed(breakdown.priority, 2))")
        return steps
    }
}
