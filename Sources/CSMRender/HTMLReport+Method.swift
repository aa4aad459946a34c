import CSMEvaluator
import CSMModel
import CSMPlanning
import CSMRules
import CSMSystem

/// The closing sections: how the numbers are computed, the run's provenance, and warnings.
extension HTMLReport {
    var methodSection: HTML {
        """
        <section id="method" class="major method" aria-labelledby="method-heading">
        <h2 id="method-heading">How scores and priorities are computed</h2>
        <h3>Levels</h3>
        <p>Every dimension is scored from 0 to 3. A score's level is the highest threshold it reaches: 1 adopting, 2 performing, 3 optimizing; below 1 is reactive.</p>
        \(levelTable)
        <h3>Targets, gaps and averages</h3>
        <p>A dimension's target is the one set for it in the assessment, else the assessment's overall target, else the model default of \(record.model.defaultTarget, decimals: 1). Its gap is the target minus the score, and never below 0. When several respondents scored a dimension and the assessment gives no agreed score, the score is their mean; respondents whose scores differ by \(Evaluator.disagreementWidth, decimals: 1) or more are flagged as disagreeing.</p>
        <p>Competency and overall figures are weighted means over the assessed dimensions only. A dimension's weight is its competency weight times its own weight in the model, scaled so the mean weight is 1. A dimension that is not assessed is left out of every mean instead of counting as 0, and a surplus on one dimension does not offset a gap on another.</p>
        <h3>Priority</h3>
        \(priorityFormula)
        \(runDetails)
        </section>
        """
    }

    private var levelTable: HTML {
        let rows = record.model.levels.map { definition -> HTML in
            let level = definition.level
            let range: HTML = level == .optimizing ? "3" : "\(level.threshold, decimals: 0) to below \(level.threshold + 1, decimals: 0)"
            return "<tr><th scope=\"row\">\(levelBadge(level))</th><td class=\"nowrap\">\(range)</td><td>\(definition.summary)</td></tr>"
        }
        return """
        <table class="level-table">
        <thead><tr><th scope="col">Level</th><th scope="col">Score</th><th scope="col">What it looks like</th></tr></thead>
        <tbody>\(rows)</tbody>
        </table>
        """
    }

    private var priorityFormula: HTML {
        let policy = PriorityPolicy.standard
        let impacts = Impact.allCases.map { "\($0.rawValue) \(Formatting.compact($0.multiplier))" }.joined(separator: ", ")
        let efforts = Effort.allCases.map { "\($0.rawValue) \(Formatting.compact($0.divisor))" }.joined(separator: ", ")
        return """
        <p>The engine computes a default priority for each initiative from the gap of the dimension it builds, and rules may adjust it:</p>
        <div class="formula">base     = max(gap, \(policy.minimumGap, decimals: 2)) × weight × impact ÷ effort × \(Formatting.compact(policy.stepDiscount))^(levels ahead − 1)
        priority = base × factors × \(Formatting.compact(policy.scale))</div>
        <ul>
        <li><strong>Impact</strong> multiplies: \(impacts). <strong>Effort</strong> divides: \(efforts).</li>
        <li><strong>Levels ahead</strong> is 1 when the initiative builds the next level above the current score; each further level multiplies the priority by \(Formatting.compact(policy.stepDiscount)), so foundations come first.</li>
        <li><strong>Factors</strong> come from rules: a proposing rule's own adjustment and every matching adjustment rule. They multiply, and their product is kept between \(Formatting.compact(policy.minimumCombinedFactor)) and \(Formatting.compact(policy.maximumCombinedFactor)).</li>
        <li>The priority is rounded to two decimals. Equal priorities are ordered by initiative id, so the same inputs always give the same ranking.</li>
        </ul>
        <p>The details of every initiative show this arithmetic step by step.</p>
        """
    }

    /// The model and rule packs behind the report, and how the rules ran.
    private var runDetails: HTML {
        let packs = record.packs.map { pack -> HTML in
            "<tr><th scope=\"row\">\(pack.name)</th><td>\(pack.manifest.version)</td><td>\(pack.origin)</td><td><code>\(String(pack.sha256.prefix(16)))</code></td></tr>"
        }
        let counts = record.statusCounts.filter { $0.count > 0 }
            .map { "\($0.count) \($0.status.rawValue.replacingUnderscores)" }.joined(separator: ", ")
        return """
        <h3>Model and rule packs</h3>
        <p>Model: \(record.model.name), \(record.model.id) \(record.model.version) (\(record.model.origin)). \(record.model.descriptorsNote)</p>
        <table class="pack-table">
        <thead><tr><th scope="col">Rule pack</th><th scope="col">Version</th><th scope="col">Origin</th><th scope="col">SHA-256</th></tr></thead>
        <tbody>\(packs)</tbody>
        </table>
        <p class="muted small">Rules: \(counts.isEmpty ? "none ran" : counts).</p>
        """
    }

    // MARK: - Warnings

    var warningSection: HTML {
        let warnings = record.warningMessages
        let failures = record.failures
        // Failed rules get their own table below, with pack, location and kind.
        let items = warnings.filter { $0.code != "rule_failed" }.map { warning -> HTML in
            "<li><span class=\"code\">\(warning.code.replacingUnderscores)</span>\(HTML.linked(warning.message))</li>"
        }
        var body: HTML = items.isEmpty ? .empty : "<ul class=\"warnings\">\(items)</ul>"
        if warnings.isEmpty { body = "<p class=\"empty\">No warnings.</p>" }
        return """
        <section id="warnings" class="keep-with-previous" aria-labelledby="warnings-heading">
        <h2 id="warnings-heading">Warnings</h2>
        \(body)
        \(failureTable(failures))
        </section>
        """
    }

    /// Rules that failed during a `--keep-going` run: the report is incomplete without them.
    private func failureTable(_ failures: [RuleFailure]) -> HTML {
        guard !failures.isEmpty else { return .empty }
        let rows = failures.map { failure -> HTML in
            let location = failure.line.map { "\(failure.file):\($0)" } ?? failure.file
            return "<tr><th scope=\"row\"><code>\(failure.ruleID ?? "–")</code></th><td>\(failure.pack)</td><td><code>\(location)</code></td><td>\(failure.kind.rawValue.replacingUnderscores)</td><td>\(HTML.linked(failure.message))</td></tr>"
        }
        return """
        <h3>Failed rules</h3>
        <p class="small">\(failures.count == 1 ? "1 rule failed, so the initiatives it would have proposed or adjusted are" : "\(failures.count) rules failed, so the initiatives they would have proposed or adjusted are") missing from this report.</p>
        <table class="failure-table">
        <thead><tr><th scope="col">Rule</th><th scope="col">Pack</th><th scope="col">Location</th><th scope="col">Kind</th><th scope="col">Message</th></tr></thead>
        <tbody>\(rows)</tbody>
        </table>
        """
    }
}

extension String {
    /// "not_fired" as "not fired".
    var replacingUnderscores: String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
