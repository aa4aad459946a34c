import CSMModel
import CSMPlanning
import CSMSystem

/// Sections about the plan: ranked initiatives with their details, the roadmap and the KPI scorecard.
extension HTMLReport {
    var initiativeSection: HTML {
        let initiatives = record.plan.initiatives
        guard !initiatives.isEmpty else {
            return """
            <section id="initiatives" class="major" aria-labelledby="initiatives-heading">
            <h2 id="initiatives-heading">Recommended initiatives</h2>
            <p class="empty">No rule proposed an initiative: every assessed dimension is at its target.</p>
            </section>
            """
        }
        return """
        <section id="initiatives" class="major" aria-labelledby="initiatives-heading">
        <h2 id="initiatives-heading">Recommended initiatives</h2>
        <p class="section-lead">Initiatives proposed by the rules, ranked by priority. The details below give each one's actions, the KPIs it should move, why it was proposed and how its priority was computed.</p>
        <table class="initiatives-table">
        <colgroup><col class="col-rank"><col class="col-title"><col class="col-dimensions"><col class="col-toward"><col class="col-phase"><col class="col-effort"><col class="col-impact"><col class="col-priority"></colgroup>
        <thead><tr><th scope="col" class="num">Rank</th><th scope="col">Initiative</th><th scope="col">Dimensions</th><th scope="col">Toward</th><th scope="col">Phase</th><th scope="col">Effort</th><th scope="col">Impact</th><th scope="col" class="num">Priority</th></tr></thead>
        <tbody>\(initiatives.map(initiativeRow))</tbody>
        </table>
        <h3>Initiative details</h3>
        \(initiatives.map(initiativeDetails))
        </section>
        """
    }

    private func initiativeRow(_ initiative: Initiative) -> HTML {
        let dimensions = initiative.dimensions.map(dimensionLabel).joined(separator: ", ")
        return """
        <tr><td class="num">\(initiative.rank)</td><td class="title"><a href="#\(anchor(initiative))">\(initiative.title)</a></td><td>\(dimensions)</td><td>\(levelBadge(initiative.toward))</td><td>\(phaseName(initiative))</td><td>\(initiative.effort.rawValue)</td><td>\(initiative.impact.rawValue)</td><td class="num priority">\(initiative.priority, decimals: 2)</td></tr>
        """
    }

    func phaseName(_ initiative: Initiative) -> String {
        record.roadmap.phase(of: initiative.id) ?? "Backlog"
    }

    // MARK: - Details

    private func initiativeDetails(_ initiative: Initiative) -> HTML {
        """
        <article class="initiative" id="\(anchor(initiative))" aria-labelledby="\(anchor(initiative))-title">
        <header><span class="rank">\(initiative.rank)</span><h3 id="\(anchor(initiative))-title">\(initiative.title)</h3><span class="priority">priority \(initiative.priority, decimals: 2)</span></header>
        <div class="meta">\(initiativeTags(initiative))</div>
        <p>\(HTML.linked(initiative.summary))</p>
        <div class="columns">
        <div><h4>Actions</h4><ol>\(initiative.actions.map { "<li>\(HTML.linked($0))</li>" as HTML })</ol></div>
        <div>\(kpiList(initiative))\(prerequisiteList(initiative))</div>
        </div>
        <div class="columns">
        <div><h4>Why</h4><ul class="reasons">\(initiative.reasons.map(reasonItem))</ul></div>
        <div><h4>Priority arithmetic</h4><ol class="steps">\(PriorityArithmetic.steps(initiative.breakdown, dimensionName: initiative.breakdown.dimensionID.flatMap { record.model.dimension($0)?.label }).map { "<li>\(HTML.linked($0))</li>" as HTML })</ol></div>
        </div>
        </article>
        """
    }

    /// Formats a rule's reason, with the values it read when the run was traced (`--explain`).
    private func reasonItem(_ reason: InitiativeReason) -> HTML {
        var reads = HTML.empty
        if record.explained && !reason.trace.isEmpty {
            let entries = reason.trace.map { entry -> HTML in
                let phase = entry.phase == "when" ? "" : "in \(entry.phase)(): "
                let note: HTML = entry.note.map { " <span class=\"muted\">(\($0))</span>" } ?? ""
                return "<li>\(phase)\(entry.call) = \(entry.value)\(note)</li>"
            }
            reads = "<ul class=\"reads\" aria-label=\"Values the rule read\">\(entries)</ul>"
        }
        return "<li>\(HTML.linked(reason.text))<div class=\"rule-id\"><code>\(reason.ruleID)</code> · pack \(reason.pack)</div>\(reads)</li>"
    }

    private func initiativeTags(_ initiative: Initiative) -> HTML {
        let dimensions = initiative.dimensions.map { "<span class=\"tag\">\(dimensionLabel($0))</span>" as HTML }
        return """
        \(dimensions)<span class="tag">toward <strong>\(initiative.toward.id)</strong></span><span class="tag">phase <strong>\(phaseName(initiative))</strong></span><span class="tag">effort <strong>\(initiative.effort.rawValue)</strong></span><span class="tag">impact <strong>\(initiative.impact.rawValue)</strong></span><span class="tag">id <strong>\(initiative.id)</strong></span>
        """
    }

    private func kpiList(_ initiative: Initiative) -> HTML {
        guard !initiative.kpis.isEmpty else { return .empty }
        let items = initiative.kpis.map { code -> HTML in
            guard let kpi = record.model.kpi(code) else { return "<li><code>\(code)</code></li>" }
            return "<li>\(kpi.name) <span class=\"muted small\">\(code)</span></li>"
        }
        return "<h4>KPIs</h4><ul>\(items)</ul>"
    }

    /// Prerequisites link to their details when a rule proposed them; otherwise the roadmap assumed them in place.
    private func prerequisiteList(_ initiative: Initiative) -> HTML {
        guard !initiative.requires.isEmpty else { return .empty }
        let items = initiative.requires.map { id -> HTML in
            guard let prerequisite = self.initiative(id) else {
                return "<li><code>\(id)</code> <span class=\"muted small\">assumed in place</span></li>"
            }
            return "<li><a href=\"#\(anchor(prerequisite))\">\(prerequisite.title)</a> <span class=\"muted small\">#\(prerequisite.rank), \(phaseName(prerequisite))</span></li>"
        }
        return "<h4>Prerequisites</h4><ul>\(items)</ul>"
    }

    // MARK: - Roadmap

    var roadmapSection: HTML {
        let roadmap = record.roadmap
        let capacity: HTML = roadmap.capacity.map { " Each phase holds at most \($0) initiatives." } ?? ""
        return """
        <section id="roadmap" class="major" aria-labelledby="roadmap-heading">
        <h2 id="roadmap-heading">Roadmap</h2>
        <p class="section-lead">Initiatives by phase, in rank order, with prerequisites placed no later than the initiatives that need them.\(capacity)</p>
        <div class="lanes">\(roadmap.phases.map(lane))</div>
        \(backlog)
        \(assumedPrerequisites)
        </section>
        """
    }

    private func lane(_ phase: Roadmap.Phase) -> HTML {
        let cards = phase.initiativeIDs.compactMap(initiative).map(card)
        let body: HTML = cards.isEmpty
            ? "<p class=\"empty lane-empty\">No initiative in this phase.</p>"
            : "<ol class=\"lane-cards\">\(cards)</ol>"
        let count = phase.initiativeIDs.count
        return """
        <div class="lane"><div class="lane-head"><span class="phase">\(phase.definition.name)</span><span class="months">\(phase.definition.span)</span><span class="months">\(count) initiative\(count == 1 ? "" : "s")</span></div>\(body)</div>
        """
    }

    private func card(_ initiative: Initiative) -> HTML {
        let earlier = initiative.requires.compactMap(self.initiative).map { "#\($0.rank)" }
        let after: HTML = earlier.isEmpty ? .empty : "<span class=\"after\">after \(earlier.joined(separator: ", "))</span>"
        return """
        <li class="card"><span class="card-rank"><span>#\(initiative.rank)</span><span>priority \(initiative.priority, decimals: 2)</span></span><a href="#\(anchor(initiative))">\(initiative.title)</a>\(after)<span class="effort-impact"><strong>\(initiative.effort.rawValue)</strong> effort · <strong>\(initiative.impact.rawValue)</strong> impact</span></li>
        """
    }

    private var backlog: HTML {
        let items = record.roadmap.backlog.compactMap(initiative).map { initiative -> HTML in
            "<li><span class=\"muted\">#\(initiative.rank)</span><a href=\"#\(anchor(initiative))\">\(initiative.title)</a><span class=\"priority small\">\(initiative.priority, decimals: 2)</span></li>"
        }
        guard !items.isEmpty else {
            let reason = record.plan.initiatives.isEmpty ? "." : ": every initiative fits a phase."
            return "<h3>Backlog</h3><p class=\"empty\">The backlog is empty\(reason)</p>"
        }
        return """
        <h3>Backlog</h3>
        <p class="muted small">Initiatives that did not fit a phase, by rank. They follow once the phases above are done.</p>
        <ol class="backlog">\(items)</ol>
        """
    }

    /// Prerequisites no rule proposed, grouped by prerequisite, with the initiatives that rely on them.
    private var assumedPrerequisites: HTML {
        let assumed = record.roadmap.assumed
        guard !assumed.isEmpty else { return .empty }
        var order: [String] = []
        var dependents: [String: [String]] = [:]
        for entry in assumed {
            if dependents[entry.prerequisiteID] == nil { order.append(entry.prerequisiteID) }
            dependents[entry.prerequisiteID, default: []].append(entry.initiativeID)
        }
        let rows = order.map { prerequisite -> HTML in
            let names = (dependents[prerequisite] ?? []).map { id -> HTML in
                guard let initiative = self.initiative(id) else { return "<code>\(id)</code>" }
                return "<a href=\"#\(anchor(initiative))\">\(initiative.title)</a>"
            }
            return "<tr><th scope=\"row\"><code>\(prerequisite)</code></th><td>\(names.joined(separator: "; "))</td></tr>"
        }
        return """
        <h3>Assumed prerequisites</h3>
        <p class="muted small">No rule proposed these prerequisites, because the assessment shows no gap that calls for them, so the roadmap takes them as already in place. Confirm them before the initiatives that rely on them start.</p>
        <table class="assumed-table">
        <thead><tr><th scope="col">Prerequisite</th><th scope="col">Needed by</th></tr></thead>
        <tbody>\(rows)</tbody>
        </table>
        """
    }

    // MARK: - Scorecard

    var scorecardSection: HTML {
        let groups = record.scorecard.groups
        let body: HTML = groups.isEmpty
            ? "<p class=\"empty\">No scheduled initiative names a KPI.</p>"
            : groups.map(scorecardGroup).joined()
        return """
        <section id="scorecard" class="major" aria-labelledby="scorecard-heading">
        <h2 id="scorecard-heading">KPI scorecard</h2>
        <p class="section-lead">The KPIs that the scheduled initiatives should move, with the baseline from the assessment's facts. Initiatives in the backlog are left out.</p>
        \(body)
        </section>
        """
    }

    private func scorecardGroup(_ group: Scorecard.Group) -> HTML {
        let rows = group.entries.map { entry -> HTML in
            let baseline: HTML = entry.baselineText.map { "\($0)" } ?? "<span class=\"muted\">not given</span>"
            let movers = entry.initiativeIDs.compactMap(initiative).map { "<li><span class=\"muted\">#\($0.rank)</span> <a href=\"#\(anchor($0))\">\($0.title)</a></li>" as HTML }
            return """
            <tr><th scope="row">\(entry.kpi.name) <span class="code-label">\(entry.kpi.code)</span><div class="subtext">\(entry.kpi.description)</div></th><td class="num">\(baseline)</td><td class="better">\(direction(entry.kpi.better))</td><td><ul class="plain">\(movers)</ul></td></tr>
            """
        }
        return """
        <h3>\(group.category?.name ?? "Other")</h3>
        <table class="scorecard-table">
        <colgroup><col class="col-kpi"><col class="col-baseline"><col class="col-better"><col class="col-movers"></colgroup>
        <thead><tr><th scope="col">KPI</th><th scope="col" class="num">Baseline</th><th scope="col">Better</th><th scope="col">Initiatives that move it</th></tr></thead>
        <tbody>\(rows)</tbody>
        </table>
        """
    }

    private func direction(_ better: KPIDefinition.Direction) -> HTML {
        switch better {
        case .higher: return "↑ higher"
        case .lower: return "↓ lower"
        case .range: return "↔ within a range"
        }
    }
}
