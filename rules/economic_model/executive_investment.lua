-- Executive and board willingness to invest in CS: from the first budget cut to a growth engine with a multi-year plan.
local D = "economic_model.executive_investment"

rule {
  id = "executive_investment.retention-economics-briefing",
  title = "Executives do not see what churn costs the growth plan",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "retention-economics-briefing",
    title = "Brief the executive team on the economics of retention",
    summary = "A short briefing shows how current churn compounds against new bookings and acquisition payback, and "
      .. "what each point of gross retention is worth.",
    actions = {
      "Finance and the CS leader model ARR over three years at the current GRR and at GRR two and five points higher.",
      "The model adds the acquisition cost that current churn wastes each year.",
      "The CS leader presents the briefing in an executive meeting and records the questions raised.",
      "The briefing is repeated for new executives and updated with each annual plan.",
    },
    effort = "small",
    impact = "high",
    kpis = { "GRR", "NRR" },
    requires = { "monthly-retention-reporting" },
  },
  reason = function()
    return ("Executive investment scores %.3g against a target of %.3g, so CS funding still competes without an "
      .. "economic case."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "executive_investment.executive-cs-sponsor",
  title = "Customer success has no sponsor on the executive team",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "executive-cs-sponsor",
    title = "Name an executive sponsor for customer success",
    summary = "The CEO or another executive sponsors customer success, brings the CS leader into leadership meetings "
      .. "and answers for CS funding decisions.",
    actions = {
      "The CEO names the sponsoring executive and announces the role to the leadership team.",
      "The sponsor meets the CS leader every two weeks to review retention, risks and resourcing.",
      "The CS leader attends the monthly leadership meeting for the customer section.",
      "The sponsor presents CS budget requests in the planning cycle.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "NRR" },
    requires = {},
  },
  reason = function()
    return ("Executive investment scores %.3g with a target of %.3g, and CS funding needs a voice on the executive "
      .. "team."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.0 } } },
    quiet = { { scores = { [D] = 1.2 } } },
  },
}

rule {
  id = "executive_investment.retention-in-board-pack",
  title = "The board sees new bookings but not retention",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "retention-in-board-pack",
    title = "Put GRR and NRR in every board pack",
    summary = "Gross and net revenue retention, with a short narrative on churn drivers, appear in every board meeting "
      .. "next to bookings.",
    actions = {
      "The CFO adds a retention page with GRR, NRR and logo churn, trended over eight quarters, to the board pack.",
      "The CS leader writes a short narrative on the main churn drivers and the actions under way.",
      "The page uses the agreed metric definitions so that board and management see the same numbers.",
      "The CEO checks after two meetings that the board discussed the retention page.",
    },
    effort = "small",
    impact = "high",
    kpis = { "GRR", "NRR" },
    requires = { "monthly-retention-reporting" },
  },
  reason = function()
    if fact_is("retention_in_board_pack", false) then
      return ("Executive investment scores %.3g against a target of %.3g, and GRR and NRR are not in the board pack.")
        :format(score(D), target(D))
    end
    return ("Executive investment scores %.3g against a target of %.3g, and retention is not confirmed as a board metric.")
      :format(score(D), target(D))
  end,
  -- Boards fund what they review, so an explicit "not in the board pack" keeps this proposed up to performing.
  when = function()
    if fact_is("retention_in_board_pack", true) then return false end
    return needs(D, "adopting") or (needs(D, "performing") and fact_is("retention_in_board_pack", false))
  end,
  examples = {
    fires = { { scores = { [D] = 0.5 } }, { scores = { [D] = 1.5 }, facts = { retention_in_board_pack = false } } },
    quiet = { { scores = { [D] = 0.5 }, facts = { retention_in_board_pack = true } }, { scores = { [D] = 1.5 } } },
  },
}

rule {
  id = "executive_investment.annual-cs-plan",
  title = "CS budget is set without a plan tied to retention targets",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "annual-cs-plan",
    title = "Build an annual CS plan and business case",
    summary = "CS headcount, tools and operations budget are tied to retention and expansion targets in an annual plan "
      .. "that the executive team approves.",
    actions = {
      "The CS leader drafts the plan from the capacity model, the return calculation and the retention targets.",
      "Finance reviews the plan's assumptions and the expected effect on GRR and NRR.",
      "The executive team approves the plan with quarterly checkpoints.",
      "The CS leader reports progress against the plan every quarter.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NRR", "CS_COST", "CSM_COV" },
    requires = { "simple-cs-roi-model", "capacity-coverage-model" },
  },
  reason = function()
    return ("Executive investment scores %.3g against a target of %.3g, a gap of %.3g, so CS is funded by reaction, "
      .. "not plan."):format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.5 } } },
    quiet = { { scores = { [D] = 2.5 } }, { scores = { [D] = 1.5 }, target = "adopting" } },
  },
}

rule {
  id = "executive_investment.quarterly-board-cs-review",
  title = "CS initiatives are not reported to the board with owners and targets",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "quarterly-board-cs-review",
    title = "Report CS results and initiatives to the board every quarter",
    summary = "Each quarter the board sees retention, forecast, the largest risks and CS initiatives with an owner, "
      .. "target metric and checkpoint date.",
    actions = {
      "The CS leader prepares a two-page quarterly board section with retention, forecast accuracy and top risks.",
      "Each CS initiative is listed with an owner, target metric and next checkpoint date.",
      "The quarterly CS value report is attached as an appendix.",
      "Board questions and commitments are recorded and answered in the next section.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "NRR", "FCST_ACC" },
    requires = { "retention-in-board-pack", "cs-value-attribution" },
  },
  reason = function()
    return ("Executive investment scores %.3g against a target of %.3g, so the board cannot yet follow what CS "
      .. "investment delivers."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.0 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "executive_investment.staged-cs-investment",
  title = "Platform and CS Ops investments are all-or-nothing requests",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "staged-cs-investment",
    title = "Fund CS platform and operations in stages with success criteria",
    summary = "Investments in the CS platform, CS Ops and digital programs are released in stages, each with explicit "
      .. "success criteria for releasing the next.",
    actions = {
      "The CS leader splits each large investment into two or three stages with a budget per stage.",
      "Finance and the CS leader agree measurable success criteria for every stage.",
      "The executive sponsor reviews the criteria at each stage gate and records the decision.",
      "Completed stages and their results are reported in the quarterly board section.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "HEALTH_COV", "CSM_COV" },
    requires = { "annual-cs-plan" },
  },
  reason = function()
    return ("Executive investment scores %.3g with a target of %.3g, and staged funding lowers the risk of approving "
      .. "CS spending."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.9 } } },
    quiet = { { scores = { [D] = 1.9 }, targets = { [D] = 1.9 } } },
  },
}

rule {
  id = "executive_investment.multi-year-cs-roadmap",
  title = "CS investment is decided one year at a time",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "multi-year-cs-roadmap",
    title = "Agree a multi-year CS investment roadmap",
    summary = "The board and executive team agree a multi-year investment path for customer success, linked to company "
      .. "strategy and the retention assumptions in the valuation.",
    actions = {
      "The CS leader drafts a three-year roadmap of capabilities, headcount and platform investment.",
      "Finance links each stage to the retention and expansion assumptions of the long-range plan.",
      "The board reviews and endorses the roadmap in its strategy session.",
      "The roadmap is updated every year with realized results.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NRR", "CS_ROI" },
    requires = { "retention-valuation-bridge" },
  },
  reason = function()
    return ("Executive investment scores %.3g against an optimizing target of %.3g, a level where CS is funded as "
      .. "a multi-year growth engine."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.3 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.3 } } },
  },
}

rule {
  id = "executive_investment.cs-leader-board-voice",
  title = "The board hears about customers only second hand",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "cs-leader-board-voice",
    title = "Have the CS leader present customer evidence to the board",
    summary = "The CS leader presents to the board directly and contributes customer evidence to strategy reviews and "
      .. "acquisition due diligence.",
    actions = {
      "The CEO schedules the CS leader to present the customer section at least twice a year.",
      "The CS leader prepares customer evidence for every strategy review on the board agenda.",
      "Acquisition due diligence includes a customer retention and health review led by CS.",
      "The board chair gives feedback on the usefulness of the customer evidence once a year.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "NRR" },
    requires = { "cs-executive-seat" },
  },
  reason = function()
    return ("Executive investment scores %.3g against an optimizing target of %.3g, a level where the board hears "
      .. "customer evidence from the CS leader."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.8 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 3 }, targets = { [D] = 3 } } },
  },
}

rule {
  id = "executive_investment.marginal-return-reallocation",
  title = "CS budget stays where it was last year regardless of returns",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "marginal-return-reallocation",
    title = "Reallocate CS budget on measured marginal returns",
    summary = "CS budget moves between segments and programs according to their measured marginal return instead of "
      .. "last year's split.",
    actions = {
      "Finance and CS Ops rank segments and programs by measured marginal return each half year.",
      "The CS leader proposes moving budget from the lowest to the highest returns.",
      "The executive team approves the reallocation and records the expected effect.",
      "The realized effect is reviewed at the next reallocation.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CS_ROI", "CS_COST" },
    requires = { "marginal-return-model" },
  },
  reason = function()
    return ("Executive investment scores %.3g against an optimizing target of %.3g, a level where CS budget "
      .. "follows measured returns."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = 3 } },
    quiet = { { scores = { [D] = 2.0 }, target = 3, targets = { [D] = 2 } } },
  },
}
