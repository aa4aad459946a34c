-- Structure and efficacy of the CS role: from a blurred support role to coverage designed on capacity and proven by results.
local D = "operating_model.cs_role_structure"

rule {
  id = "cs_role_structure.cs-charter-and-scope",
  title = "The CS role has no written charter and absorbs whatever work arrives",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "cs-charter-and-scope",
    title = "Write the CS charter and what CS does not own",
    summary = "A short charter ranks adoption, renewal, expansion and advocacy for CS and names the work that "
      .. "belongs elsewhere, such as break-fix tickets.",
    actions = {
      "The CS leader drafts a one-page charter with the mission, the ranked priorities and an explicit list of "
        .. "out-of-scope work.",
      "The heads of sales, support and services review the charter and agree where out-of-scope work goes.",
      "The charter is published and every CSM discusses it with their manager in the next one-to-one.",
      "CS managers review CSM calendars after one quarter to check that out-of-scope work has moved.",
    },
    effort = "small",
    impact = "high",
    kpis = { "REACTIVE_SHARE", "GRR" },
    requires = { "executive-customer-charter" },
  },
  reason = function()
    return ("CS role structure scores %.3g against a target of %.3g, so the role is still defined by whatever lands "
      .. "on it."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.4 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "cs_role_structure.coverage-tiers",
  title = "Accounts are assigned to CSMs ad hoc with no segmentation",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "coverage-tiers",
    title = "Segment customers into coverage tiers",
    summary = "Customers are tiered on current ARR plus growth potential and complexity, and each tier gets a named, "
      .. "pooled or digital coverage model.",
    actions = {
      "CS Ops scores every account on ARR, growth potential and complexity and proposes three or four tiers.",
      "The CS leader assigns a coverage model per tier (named CSM, pooled team or digital only) and the touch "
        .. "frequency it includes.",
      "Every active account gets a tier field in the CRM and a coverage owner.",
      "Tiers are reviewed twice a year and accounts that changed band are moved.",
    },
    effort = "small",
    impact = "high",
    kpis = { "CSM_COV", "GRR" },
    requires = {},
  },
  reason = function()
    return ("CS role structure scores %.3g against a target of %.3g, and coverage without tiers spreads CSMs thin.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  priority = function()
    local limit = param("long_tail_acv_usd")
    if fact_below("acv_median_usd", limit) then
      return 1.2, ("the median contract is worth $%.0f a year, below $%.0f, so most customers need low-touch coverage")
        :format(fact("acv_median_usd"), limit)
    end
  end,
  examples = {
    fires = { { scores = { [D] = 0.8 }, facts = { acv_median_usd = 9000 } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "cs_role_structure.post-sale-raci",
  title = "Nobody is sure who owns renewals, expansion and escalations",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "post-sale-raci",
    title = "Agree a RACI for post-sale work",
    summary = "One table states who is responsible and accountable for onboarding, renewals, expansion, escalations "
      .. "and support hand-offs across sales, CS, support and services.",
    actions = {
      "CS Ops drafts a RACI covering onboarding, renewal, expansion, escalation, support hand-off and references.",
      "The leaders of sales, CS, support and services settle every row that has no accountable owner or more than one.",
      "The RACI is published and linked from the playbooks that mention each activity.",
      "Escalations in the following quarter are checked against the RACI and any gaps are fixed.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "FCST_ACC", "CSQL" },
    requires = { "cs-charter-and-scope" },
  },
  reason = function()
    return ("CS role structure scores %.3g with a target of %.3g, and unclear ownership shows up at renewal time.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.0 } } },
    quiet = { { scores = { [D] = 0.0 }, target = "reactive" } },
  },
}

rule {
  id = "cs_role_structure.capacity-coverage-model",
  title = "Books of business are sized by rule of thumb",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "capacity-coverage-model",
    title = "Size books of business from a capacity model",
    summary = "Hours needed per account in each tier, from cadence and effort, set the size of each book and the "
      .. "hiring plan, replacing ratios copied from elsewhere.",
    actions = {
      "CS Ops estimates the hours per account per year for each tier from the engagement cadence and a time sample.",
      "The model sets the target number of accounts and ARR per CSM for each tier.",
      "Books above the target are rebalanced, or the gap is shown in the hiring plan.",
      "The model is refreshed every half year with actual time data.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CSM_COV", "GRR", "CSM_ATTR" },
    requires = { "coverage-tiers" },
  },
  reason = function()
    return ("CS role structure scores %.3g against a target of %.3g, a gap of %.3g, so workload is not yet planned.")
      :format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.5 } } },
    quiet = { { scores = { [D] = 2.5 } }, { scores = { [D] = 1.5 }, targets = { [D] = "adopting" } } },
  },
}

rule {
  id = "cs_role_structure.csm-scorecard-and-variable-pay",
  title = "CSMs are measured on activity rather than on the results of their book",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "csm-scorecard-and-variable-pay",
    title = "Introduce a CSM scorecard and variable pay tied to retention",
    summary = "A balanced scorecard of retention, adoption and customer sentiment per book is reviewed monthly, and a "
      .. "variable pay component rewards the book's retention.",
    actions = {
      "The CS leader defines a scorecard with GRR or NRR, adoption and survey results per book of business.",
      "CS Ops automates the scorecard from the retention reports and shares it monthly with each CSM.",
      "Finance and the people team design a variable component, such as 15 % of target pay, tied to book retention.",
      "The plan is reviewed after two quarters for unintended effects, such as avoiding at-risk accounts.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NRR", "GRR", "CSM_ATTR" },
    requires = { "monthly-retention-reporting", "post-sale-raci" },
  },
  reason = function()
    return ("CS role structure scores %.3g against a target of %.3g, so what CSMs are paid for does not yet match "
      .. "their purpose."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.0 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "cs_role_structure.commercial-ownership-model",
  title = "Renewal and expansion ownership between CS and sales is unclear",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "commercial-ownership-model",
    title = "Decide who owns renewals and expansion, and how credit is shared",
    summary = "The company chooses whether CS, account managers or sales own renewals and expansion, and writes down "
      .. "the hand-off and credit rules.",
    actions = {
      "The CRO and the CS leader compare the ownership options and their effect on compensation and coverage.",
      "The executive team decides the model, and the decision is written into the RACI.",
      "Sales operations configures opportunity types and credit splits in the CRM to match.",
      "Disputed deals in the first two quarters are logged and the rules are refined.",
    },
    effort = "small",
    impact = "high",
    kpis = { "CSQL", "FCST_ACC", "NRR" },
    requires = { "post-sale-raci" },
  },
  reason = function()
    return ("CS role structure scores %.3g with a target of %.3g, and expansion stalls when nobody clearly owns it.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.9 } } },
    quiet = { { scores = { [D] = 2.1 } } },
  },
}

rule {
  id = "cs_role_structure.cs-executive-seat",
  title = "The CS leader is not part of the executive team",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "cs-executive-seat",
    title = "Give the CS leader an executive-team seat",
    summary = "The CS leader reports to the CEO and owns post-sale outcomes such as net revenue retention as a full "
      .. "member of the executive team.",
    actions = {
      "The CEO defines the scope of a chief customer officer role, including the post-sale teams it leads.",
      "The CS leader's objectives are rewritten around NRR and the company's customer outcome goals.",
      "The CS leader joins the weekly executive meeting and presents the customer section of the board pack.",
      "After two quarters the CEO reviews how often customer evidence changed executive decisions.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "NRR" },
    requires = { "annual-cs-plan" },
  },
  reason = function()
    return ("CS role structure scores %.3g against an optimizing target of %.3g, a level where an executive owns "
      .. "post-sale results."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.3 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.3 } } },
  },
}

rule {
  id = "cs_role_structure.dynamic-coverage-allocation",
  title = "Coverage is fixed by ARR band and never rebalanced",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "dynamic-coverage-allocation",
    title = "Rebalance coverage every quarter on health, potential and stage",
    summary = "Each quarter CSM capacity moves toward accounts whose health, growth potential or lifecycle stage "
      .. "needs it, rather than staying fixed by contract size.",
    actions = {
      "CS Ops defines allocation rules that combine health, growth potential and lifecycle stage with ARR.",
      "A quarterly rebalancing proposal lists accounts to move between coverage models.",
      "CS managers approve the moves and customers receive a planned introduction to their new contact.",
      "The effect of moves on retention and cost to serve is reported after two quarters.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CSM_COV", "NRR", "CS_COST" },
    requires = { "capacity-coverage-model", "calibrated-health-score" },
  },
  reason = function()
    return ("CS role structure scores %.3g against an optimizing target of %.3g, a level where capacity follows "
      .. "need rather than contract size."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.6 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 2.6 }, targets = { [D] = 2 } } },
  },
}

rule {
  id = "cs_role_structure.coverage-efficacy-study",
  title = "Coverage ratios and tiers have never been tested against outcomes",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "coverage-efficacy-study",
    title = "Measure what each coverage level actually delivers",
    summary = "Comparing retention and expansion of accounts under different coverage levels shows where more or less "
      .. "CSM time pays off.",
    actions = {
      "A data analyst pairs similar accounts that received different coverage levels over the past year.",
      "The study reports the difference in GRR, NRR and cost to serve per coverage level.",
      "The CS leader adjusts tier thresholds or ratios where the difference does not justify the cost.",
      "The study is repeated once a year and the results go into the annual CS plan.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "CS_ROI", "GRR" },
    requires = { "cs-program-experiments" },
  },
  reason = function()
    return ("CS role structure scores %.3g against an optimizing target of %.3g, a level where coverage design is "
      .. "proven with outcome data."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}
