-- Codified customer journey: from an unwritten post-sale journey to one run and revised on evidence.
local D = "customer_lifecycle.codified_journey"

rule {
  id = "codified_journey.journey-mapping-workshop",
  title = "No shared picture of the post-sale journey",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "journey-mapping-workshop",
    title = "Map today's post-sale journey as customers experience it",
    summary = "A cross-functional workshop writes down the steps, hand-offs and pain points a new customer actually goes "
      .. "through, so every later change starts from one agreed picture.",
    actions = {
      "The CS leader runs a half-day workshop with sales, support, services, finance and product to walk through "
        .. "three recent customers from signature to first renewal.",
      "CS Ops publishes the resulting current-state journey map, with every hand-off and the team that owns it, "
        .. "on the shared wiki.",
      "The workshop lists the five most frequent failure points and assigns each one an owner and a due date.",
      "The CS leader validates the map in short calls with three customers and records what they corrected.",
    },
    effort = "small",
    impact = "high",
    kpis = { "TTFV", "ONB_COMP" },
    requires = {},
  },
  reason = function()
    return ("Codified journey scores %.3g, below the adopting threshold of 1.0, against a target of %.3g.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } }, { scores = { [D] = "reactive" }, target = "adopting" } },
    quiet = { { scores = { [D] = 1.2 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } }, { scores = {} } },
  },
}

rule {
  id = "codified_journey.lifecycle-stage-definitions",
  title = "Post-sale lifecycle stages have no names, owners or exit criteria",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "lifecycle-stage-definitions",
    title = "Define lifecycle stages with owners and exit criteria",
    summary = "Four to six named post-sale stages, each with an accountable owner and an objective exit test, give "
      .. "teams a common language for where every customer stands.",
    actions = {
      "CS leadership agrees the stages (for example onboard, adopt, realize value, renew, expand) in a lifecycle "
        .. "document signed off by the heads of sales, support and services.",
      "Each stage gets a named owner and one or two exit criteria that can be checked in the CRM, such as go-live "
        .. "date recorded or first value milestone confirmed by the customer.",
      "The moments that make or break the relationship (kick-off, go-live, first value, first escalation, renewal) "
        .. "are listed per stage with a minimum service standard for each.",
      "The lifecycle document is added to new-hire onboarding for every customer-facing role.",
    },
    effort = "small",
    impact = "high",
    kpis = { "TTFV", "ONB_COMP" },
    requires = { "journey-mapping-workshop" },
  },
  reason = function()
    return ("Codified journey scores %.3g with a target of %.3g, so stages and exit criteria are not yet written down.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.8 } } },
    quiet = { { scores = { [D] = 1.0 } }, { scores = { [D] = 0.8 }, target = "reactive" } },
  },
}

rule {
  id = "codified_journey.sales-to-cs-handoff",
  title = "Customers are handed from sales to CS without a standard record",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "sales-to-cs-handoff",
    title = "Standardize the sales-to-CS hand-off",
    summary = "A mandatory hand-off record captures why the customer bought, what outcomes they expect and what was "
      .. "promised, so customers do not have to explain their goals twice.",
    actions = {
      "Sales operations adds a hand-off form to the CRM opportunity with buying reasons, desired outcomes, "
        .. "stakeholders, commitments made and known risks.",
      "Deals cannot move to closed-won until the form is complete, enforced by a CRM validation rule.",
      "The account executive and the assigned CSM hold an internal hand-off call before the customer kick-off.",
      "CS managers review ten hand-off records each month and report completeness to the sales leader.",
    },
    effort = "small",
    impact = "high",
    kpis = { "TTFV", "FIRST_YEAR_CHURN" },
    requires = {},
  },
  reason = function()
    return ("Codified journey scores %.3g against a target of %.3g, and an informal hand-off is where early churn "
      .. "usually starts."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.3 }, facts = { first_year_churn = 0.2 } } },
    quiet = { { scores = { [D] = 1.5 } } },
  },
}

rule {
  id = "codified_journey.outcome-based-onboarding",
  title = "Onboarding tracks completed tasks, not the customer's first value",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "outcome-based-onboarding",
    title = "Rebuild onboarding around first-value milestones",
    summary = "Onboarding is planned backwards from a first value milestone agreed per use case, which shortens time "
      .. "to value and exposes stalled customers early.",
    actions = {
      "Onboarding leads define one first-value milestone per main use case, written so the customer can confirm it.",
      "The kick-off template records the agreed milestone and target date for every new customer.",
      "CS Ops adds milestone date fields to the CRM and a weekly report of customers past their target date.",
      "Onboarding managers run a recovery call with every customer that is more than two weeks late.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "TTFV", "ONB_COMP", "ADOPTION" },
    requires = { "lifecycle-stage-definitions", "sales-to-cs-handoff" },
  },
  reason = function()
    return ("Codified journey scores %.3g against a target of %.3g, a gap of %.3g, and onboarding is where the "
      .. "journey is most visible to customers."):format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  priority = function()
    local floor = param("onboarding_completion_floor")
    if fact_below("onboarding_completion", floor) then
      return 1.3, ("only %.0f %% of new customers finish onboarding on time, below %.0f %%")
        :format(fact("onboarding_completion") * 100, floor * 100)
    end
  end,
  examples = {
    fires = { { scores = { [D] = 1.4 } }, { scores = { [D] = 1.4 }, facts = { onboarding_completion = 0.55 } } },
    quiet = { { scores = { [D] = 2.1 } }, { scores = { [D] = 1.4 }, targets = { [D] = "adopting" } } },
  },
}

rule {
  id = "codified_journey.lifecycle-stage-tracking",
  title = "Lifecycle stages exist on paper but are not tracked per account",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "lifecycle-stage-tracking",
    title = "Track every account's lifecycle stage in the system of record",
    summary = "Each account carries its current stage and the date it entered it, which makes time in stage and "
      .. "stuck customers measurable.",
    actions = {
      "CS Ops adds stage and stage-entry date fields to every active account in the CS platform or CRM.",
      "Automation rules move accounts between stages when an exit criterion is recorded, such as the go-live date.",
      "A time-in-stage dashboard by segment is reviewed in the monthly CS operations meeting.",
      "Account owners clean up accounts without a stage until coverage reaches every active account.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "TTFV", "HEALTH_COV" },
    requires = { "lifecycle-stage-definitions", "cs-system-of-record" },
  },
  reason = function()
    return ("Codified journey scores %.3g against a target of %.3g, so the stages cannot yet be measured per account.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.0 } } },
    quiet = { { scores = { [D] = 2.0 } }, { scores = { [D] = 1.0 }, target = "adopting" } },
  },
}

rule {
  id = "codified_journey.moments-of-truth-process-fixes",
  title = "Billing, provisioning and support processes ignore the journey's critical moments",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "moments-of-truth-process-fixes",
    title = "Fix the operational processes behind the journey's critical moments",
    summary = "Provisioning, billing, support and contracting are reviewed against the moments customers remember, "
      .. "and the worst points of friction get owners and deadlines.",
    actions = {
      "CS Ops lists, for each critical moment, the internal processes that shape it and the team that owns each one.",
      "Process owners review six months of complaints, support tickets and survey comments tied to those moments.",
      "The executive team approves a fix list with an owner, due date and expected CSAT or TTFV effect for each item.",
      "CS reports progress on the fix list every month until each item is closed.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "CSAT", "NPS", "TTFV" },
    requires = { "journey-mapping-workshop" },
  },
  reason = function()
    return ("Codified journey scores %.3g with a target of %.3g, and a journey only works when the processes behind it "
      .. "match it."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.7 } } },
    quiet = { { scores = { [D] = 2.5 } }, { scores = { [D] = 1.7 }, targets = { [D] = 1.5 } } },
  },
}

rule {
  id = "codified_journey.journey-analytics-review",
  title = "Journey changes are not driven by stage and cohort evidence",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "journey-analytics-review",
    title = "Run a quarterly journey review on stage and cohort data",
    summary = "Stage conversion, time in stage and retention by journey path are analyzed every quarter, and a "
      .. "cross-functional review assigns fixes where customers stall or leave.",
    actions = {
      "CS Ops builds a journey report with stage conversion, median time in stage and 12-month retention by path.",
      "Each quarter the stage owners from CS, sales, product and support review the report and agree up to three fixes.",
      "Every fix is logged in a journey change log with the KPI it should move and a check date.",
      "The next review checks the logged KPIs and closes or reverses each change.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "GRR", "NRR", "TTFV" },
    requires = { "lifecycle-stage-tracking", "customer-360" },
  },
  reason = function()
    return ("Codified journey scores %.3g against an optimizing target of %.3g, a level where the journey is "
      .. "revised on stage and cohort evidence."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.3 }, targets = { [D] = "optimizing" } } },
    quiet = { { scores = { [D] = 2.3 } }, { scores = { [D] = 3 }, target = "optimizing" } },
  },
}

rule {
  id = "codified_journey.outside-in-journey-redesign",
  title = "The journey is designed from the inside out",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "outside-in-journey-redesign",
    title = "Redesign the journey with customers, from evaluation to advocacy",
    summary = "Customer interviews and advisory input reshape the journey end to end, including the pre-sale steps "
      .. "that set expectations.",
    actions = {
      "The CS leader and product marketing interview at least twelve customers across segments about their "
        .. "experience from evaluation to renewal.",
      "A design team drafts the target journey from evaluation to advocacy and tests it with the customer advisory group.",
      "Sales and marketing update pre-sale materials so that promises match the redesigned journey.",
      "The new journey is published with a dated change log and reviewed again after two quarters.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "NPS", "NRR" },
    requires = { "moments-of-truth-process-fixes", "voice-of-customer-loop" },
  },
  reason = function()
    return ("Codified journey scores %.3g against an optimizing target of %.3g, a level where customers help "
      .. "design the journey end to end."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "codified_journey.icp-feedback-from-journey",
  title = "What makes customers succeed does not reach sales qualification",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "icp-feedback-from-journey",
    title = "Feed journey success patterns back into the ideal customer profile",
    summary = "Evidence on which customers reach value fastest and stay longest refines the ideal customer profile, "
      .. "deal qualification and what sales may promise.",
    actions = {
      "CS Ops compares the fastest and slowest quartiles of time to first value by industry, size, use case and "
        .. "deal terms.",
      "Sales and CS leaders update the ideal customer profile and qualification checklist from the findings.",
      "Deals outside the profile require a documented CS review before signature.",
      "First-year churn of in-profile and out-of-profile customers is reported separately every quarter.",
    },
    effort = "large",
    impact = "high",
    kpis = { "FIRST_YEAR_CHURN", "TTFV" },
    requires = { "journey-analytics-review", "cohort-churn-analytics" },
  },
  reason = function()
    return ("Codified journey scores %.3g against an optimizing target of %.3g, a level where journey evidence "
      .. "shapes which customers are sold to."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.6 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 2.6 }, targets = { [D] = 2 } } },
  },
}
