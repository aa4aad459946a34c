-- Quantitative measurement of CS economic value: from a cost center defended by anecdote to measured marginal returns.
local D = "economic_model.value_measurement"

rule {
  id = "value_measurement.cs-cost-baseline",
  title = "The full cost of customer success is unknown",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "cs-cost-baseline",
    title = "Establish the full cost of customer success",
    summary = "Finance and CS total the annual cost of people, tools and programs in customer success and express it "
      .. "per account and per segment.",
    actions = {
      "Finance extracts CS salaries, benefits, tools, programs and allocated overhead for the last fiscal year.",
      "CS Ops allocates the total to segments using the coverage model and CSM books.",
      "The baseline is published as CS cost per account, per segment and as a share of ARR.",
      "Finance updates the baseline every quarter from the ledger.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CS_COST" },
    requires = {},
  },
  reason = function()
    return ("Value measurement scores %.3g against a target of %.3g, so the CS budget is defended without a cost "
      .. "baseline."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "value_measurement.book-level-retention-report",
  title = "Retained and expanded revenue is not reported per CS book",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "book-level-retention-report",
    title = "Report retained and expanded ARR for each CS book",
    summary = "Renewed, churned, contracted and expanded ARR is reported for every book of business, the first "
      .. "measure of what CS looks after.",
    actions = {
      "CS Ops links every account to its CSM or coverage pool in the retention report.",
      "The report shows starting ARR, churn, contraction, expansion, GRR and NRR per book each month.",
      "CS managers review the book results with each CSM in monthly one-to-ones.",
      "The CS leader shares the totals with finance every quarter.",
    },
    effort = "small",
    impact = "high",
    kpis = { "GRR", "NRR", "EXPANSION_ARR" },
    requires = { "monthly-retention-reporting" },
  },
  reason = function()
    return ("Value measurement scores %.3g against a target of %.3g, so what CS looks after is not measured per book.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.0 } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "value_measurement.simple-cs-roi-model",
  title = "No one can state a return on the CS investment",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "simple-cs-roi-model",
    title = "Publish a simple, transparent CS return calculation",
    summary = "A one-page calculation sets CS cost against the retained and expanded revenue CS influences, with every "
      .. "assumption written down so finance can challenge it.",
    actions = {
      "CS Ops and finance agree which revenue CS is assumed to influence and by how much.",
      "The calculation uses the cost baseline and the book-level retention report as inputs.",
      "The CS leader presents the one-pager and its assumptions to the CFO.",
      "The calculation is refreshed every half year and changes in assumptions are noted.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CS_ROI" },
    requires = { "cs-cost-baseline", "book-level-retention-report" },
  },
  reason = function()
    return ("Value measurement scores %.3g with a target of %.3g, so the return on CS spending has not been stated.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.9 } } },
    quiet = { { scores = { [D] = 0.9 }, target = "reactive" } },
  },
}

rule {
  id = "value_measurement.cs-value-attribution",
  title = "Finance and CS have no agreed rules for what counts as CS value",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "cs-value-attribution",
    title = "Agree value attribution rules with finance",
    summary = "Written rules define which renewals, CS-sourced expansions and references count toward CS value and "
      .. "against which baseline, and CS value is reported quarterly on that basis.",
    actions = {
      "CS Ops drafts attribution rules for renewals, CS-qualified expansion and references, with a baseline for each.",
      "The CFO signs off the rules and the systems the data comes from.",
      "CS publishes a quarterly value report with cost, attributed value and return to the executive team.",
      "Disputed attributions are logged and the rules are reviewed once a year.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CS_ROI", "CSQL" },
    requires = { "simple-cs-roi-model", "csql-process" },
  },
  reason = function()
    return ("Value measurement scores %.3g against a target of %.3g, a gap of %.3g, so CS value is still a matter of "
      .. "opinion."):format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.5 } } },
    quiet = { { scores = { [D] = 2.5 } }, { scores = { [D] = 1.5 }, targets = { [D] = "adopting" } } },
  },
}

rule {
  id = "value_measurement.cohort-value-comparison",
  title = "The effect of CS programs and coverage on retention is not quantified",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "cohort-value-comparison",
    title = "Compare cohorts with and without CS programs",
    summary = "Retention and expansion of comparable accounts with and without a program or coverage level are "
      .. "compared, giving a measured estimate of CS impact.",
    actions = {
      "A data analyst selects comparable account groups that differ in coverage or program participation.",
      "The comparison reports GRR, NRR and time to first value per group with sample sizes.",
      "Finance reviews the method before results are used in budget discussions.",
      "The comparison is repeated every half year and after every major program change.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "GRR", "CS_ROI" },
    requires = { "cohort-churn-analytics" },
  },
  reason = function()
    return ("Value measurement scores %.3g against a target of %.3g, so the impact of CS has not been separated from "
      .. "other causes."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.0 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "value_measurement.customer-outcome-tracking",
  title = "The value customers actually achieve is not recorded",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "customer-outcome-tracking",
    title = "Record the outcomes each covered customer achieves",
    summary = "Outcomes and return achieved against each success plan are recorded per account, giving evidence of "
      .. "customer value for renewals, references and paid offerings.",
    actions = {
      "CS enablement adds outcome fields (metric, baseline, current value, date confirmed) to the success plan record.",
      "CSMs update achieved outcomes after every business review and ask the customer to confirm them.",
      "CS Ops reports the share of covered accounts with at least one confirmed outcome.",
      "Marketing turns confirmed outcomes into case studies with the customer's approval.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NPS", "NRR", "PAID_ATTACH" },
    requires = { "joint-success-plans" },
  },
  reason = function()
    return ("Value measurement scores %.3g with a target of %.3g, and customer-side value is the evidence every later "
      .. "step needs."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.8 } } },
    quiet = { { scores = { [D] = 1.8 }, target = "adopting" } },
  },
}

rule {
  id = "value_measurement.marginal-return-model",
  title = "CS investment is sized without knowing what one more unit returns",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "marginal-return-model",
    title = "Model the marginal return of CS capacity per segment",
    summary = "A model estimates the retention and expansion gained from one more CSM or program in each segment, and "
      .. "investment is sized on that estimate.",
    actions = {
      "A data analyst estimates retention and expansion response to coverage changes per segment from cohort and test results.",
      "Finance turns the estimates into the expected return of one more CSM or program per segment.",
      "The annual CS plan uses the model to place new capacity.",
      "The model is recalibrated every year against the realized results.",
    },
    effort = "large",
    impact = "high",
    kpis = { "CS_ROI", "CS_COST" },
    requires = { "cohort-value-comparison", "cs-program-experiments" },
  },
  reason = function()
    return ("Value measurement scores %.3g against an optimizing target of %.3g, a level where investment is "
      .. "sized on marginal returns."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.2 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.2 } } },
  },
}

rule {
  id = "value_measurement.retention-valuation-bridge",
  title = "The board does not see what retention is worth in company value",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "retention-valuation-bridge",
    title = "Translate retention into lifetime value and company value",
    summary = "A bridge model shows the board how each point of gross and net revenue retention changes customer "
      .. "lifetime value and company valuation.",
    actions = {
      "Finance builds a model linking GRR and NRR to customer lifetime value and revenue over five years.",
      "The CFO adds a valuation view using the multiples the board already uses.",
      "The CS leader presents the bridge at a board meeting with the current retention plan.",
      "The model is updated with every annual plan.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "NRR", "CS_ROI" },
    requires = { "cs-value-attribution" },
  },
  reason = function()
    return ("Value measurement scores %.3g against an optimizing target of %.3g, a level where CS value is stated "
      .. "in the board's valuation terms."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.7 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 2.7 }, targets = { [D] = 2 } } },
  },
}

rule {
  id = "value_measurement.automated-proof-of-value",
  title = "Customers see their realized value only in occasional reviews",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "automated-proof-of-value",
    title = "Show customers their realized value continuously",
    summary = "A customer-facing dashboard or scheduled report shows each customer the outcomes and return they have "
      .. "achieved, without waiting for a business review.",
    actions = {
      "CS and product define the value measures shown per use case, taken from confirmed outcomes and usage data.",
      "Product or CS Ops builds the dashboard or a monthly automated report per account.",
      "CSMs walk high-touch customers through the dashboard and collect feedback.",
      "CS tracks dashboard usage and the renewal rate of accounts that use it.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NRR", "GRR", "PAID_ATTACH" },
    requires = { "customer-outcome-tracking", "customer-360" },
  },
  reason = function()
    return ("Value measurement scores %.3g against an optimizing target of %.3g, a level where customers see "
      .. "their realized value without asking."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = 3 } },
    quiet = { { scores = {}, target = 3 } },
  },
}
