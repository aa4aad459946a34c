-- Data-driven customer insights: from disconnected spreadsheets to governed data, validated models and tested programs.
local D = "operating_model.data_driven_insights"

rule {
  id = "data_driven_insights.metric-dictionary",
  title = "Teams disagree on what churn, retention and an active customer mean",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "metric-dictionary",
    title = "Agree one dictionary of customer metrics with finance",
    summary = "ARR, churn, GRR, NRR, logo churn, active user and health get one written definition reconciled with "
      .. "finance, ending debates about whose number is right.",
    actions = {
      "CS Ops drafts definitions and formulas for ARR, GRR, NRR, logo churn, first-year churn, active user and health.",
      "The CFO and the CS leader sign off the definitions and the system each number is taken from.",
      "The dictionary is published on the wiki and linked from every CS dashboard.",
      "Finance and CS reconcile last quarter's GRR and NRR with the new definitions and document any difference.",
    },
    effort = "small",
    impact = "high",
    kpis = { "GRR", "FCST_ACC" },
    requires = {},
  },
  reason = function()
    return ("Data-driven insights scores %.3g against a target of %.3g, so metrics are not yet defined the same way "
      .. "everywhere."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "data_driven_insights.churn-reason-taxonomy",
  title = "Churn reasons are free text or not recorded",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "churn-reason-taxonomy",
    title = "Record every churn and downgrade with a fixed reason taxonomy",
    summary = "A fixed list of primary and secondary reasons, separating the stated reason from the root cause and "
      .. "voluntary from involuntary churn, makes churn analyzable.",
    actions = {
      "CS Ops drafts a taxonomy of ten to fifteen reasons grouped into product, value, service, commercial and "
        .. "involuntary causes.",
      "The CRM requires a stated reason and a root cause on every churned or downgraded opportunity.",
      "CS managers reclassify the last twelve months of churn with the new taxonomy.",
      "CS Ops publishes churned ARR by root cause every month.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "LOGO_CHURN", "GRR" },
    requires = {},
  },
  reason = function()
    return ("Data-driven insights scores %.3g against a target of %.3g, and churn cannot be acted on until its causes "
      .. "are recorded consistently."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.2 } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "data_driven_insights.usage-event-instrumentation",
  title = "CS cannot see how customers use the product",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "usage-event-instrumentation",
    title = "Instrument the product events that show real adoption",
    summary = "Product and engineering capture the usage events that represent real adoption of core features and "
      .. "make them available to CS per account.",
    actions = {
      "CS and product managers list the ten events that best show a customer is getting value.",
      "Engineering instruments those events with an account identifier and sends them to the analytics store.",
      "CS Ops syncs weekly usage per account into the CRM or CS platform.",
      "CSMs confirm on five accounts each that the usage data matches what customers report.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "ADOPTION", "HEALTH_COV" },
    requires = {},
  },
  reason = function()
    if fact_is("usage_telemetry", false) then
      return ("Data-driven insights scores %.3g against a target of %.3g, and product usage data is not available to CS.")
        :format(score(D), target(D))
    end
    return ("Data-driven insights scores %.3g against a target of %.3g, and usage data is not confirmed to reach CS.")
      :format(score(D), target(D))
  end,
  -- Calibrated health scores and digital programs need usage data, so an explicit "no telemetry" keeps this proposed
  -- up to performing.
  when = function()
    if fact_is("usage_telemetry", true) then return false end
    return needs(D, "adopting") or (needs(D, "performing") and fact_is("usage_telemetry", false))
  end,
  examples = {
    fires = { { scores = { [D] = 0.5 } }, { scores = { [D] = 1.5 }, facts = { usage_telemetry = false } } },
    quiet = {
      { scores = { [D] = 0.5 }, facts = { usage_telemetry = true } },
      { scores = { [D] = 1.5 } },
    },
  },
}

rule {
  id = "data_driven_insights.customer-360",
  title = "CRM, usage, support and billing data are not joined per account",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "customer-360",
    title = "Build one customer view in the CS platform",
    summary = "CRM, usage, support, billing and survey data are joined on one account key and shown in a single view "
      .. "that CSMs use every day.",
    actions = {
      "CS Ops maps the account identifiers of CRM, billing, support, product analytics and surveys to one key.",
      "Integrations load each source into the CS platform on a daily schedule with error alerts.",
      "An account page shows ARR, renewal date, usage trend, open tickets, survey scores and health together.",
      "CS managers confirm in pipeline reviews that CSMs work from the shared view, not from personal spreadsheets.",
    },
    effort = "large",
    impact = "high",
    kpis = { "HEALTH_COV", "FCST_ACC" },
    requires = { "metric-dictionary", "cs-system-of-record" },
  },
  reason = function()
    return ("Data-driven insights scores %.3g against a target of %.3g, a gap of %.3g, and insight needs joined data.")
      :format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.2 } } },
    quiet = { { scores = { [D] = 2.0 } }, { scores = { [D] = 1.2 }, target = "adopting" } },
  },
}

rule {
  id = "data_driven_insights.calibrated-health-score",
  title = "The health score is not checked against real outcomes",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "calibrated-health-score",
    title = "Calibrate the health score against renewal outcomes",
    summary = "The health score is re-weighted per segment from historical renewals and churn, covers every active "
      .. "account, and is re-checked on a fixed schedule.",
    actions = {
      "CS Ops compares last year's health scores with renewal outcomes and measures how much churned ARR was flagged.",
      "Signal weights are adjusted per segment and the new model is documented with its test results.",
      "Every active account, including digitally served ones, receives a score that refreshes at least weekly.",
      "CS Ops repeats the comparison every quarter and publishes the share of churn that was flagged in advance.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "HEALTH_ACC", "HEALTH_COV", "EARLY_RISK" },
    requires = { "health-score-v1", "customer-360" },
  },
  reason = function()
    return ("Data-driven insights scores %.3g against a target of %.3g, so the health score is not yet trusted for "
      .. "decisions."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  priority = function()
    local floor = param("health_coverage_floor")
    if fact_below("health_score_coverage", floor) then
      return 1.3, ("only %.0f %% of active accounts have a current health score, below %.0f %%")
        :format(fact("health_score_coverage") * 100, floor * 100)
    end
  end,
  examples = {
    fires = { { scores = { [D] = 1.6 }, facts = { health_score_coverage = 0.4 } } },
    quiet = { { scores = { [D] = 2.6 }, facts = { health_score_coverage = 0.4 } } },
  },
}

rule {
  id = "data_driven_insights.cohort-churn-analytics",
  title = "Retention is reported as one number with no cohort or root-cause analysis",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "cohort-churn-analytics",
    title = "Analyze retention by cohort and root cause",
    summary = "Retention is broken down by signing cohort, segment, product and onboarding path, and each finding gets "
      .. "an owner outside CS where the cause lies elsewhere.",
    actions = {
      "A data analyst builds retention curves by signing quarter, segment, product and onboarding path.",
      "CS Ops combines the curves with the churn root causes into a quarterly findings report.",
      "Each finding is assigned to an owning function with an action and a date.",
      "A monthly one-page insight summary goes to product, sales and marketing leaders.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "GRR", "NRR", "LOGO_CHURN" },
    requires = { "churn-reason-taxonomy", "metric-dictionary" },
  },
  reason = function()
    return ("Data-driven insights scores %.3g against a target of %.3g, so the drivers behind retention stay hidden.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.9 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "data_driven_insights.data-quality-governance",
  title = "Nobody owns the quality of the data behind health and forecasts",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "data-quality-governance",
    title = "Assign data owners and quality targets for every health input",
    summary = "Each data source behind health scores and forecasts gets an owner, automated quality checks and a "
      .. "freshness target, so models and reports stay trustworthy.",
    actions = {
      "CS Ops lists every input to health, forecast and value reporting with its source system and owner.",
      "Owners agree freshness and completeness targets for their inputs.",
      "Automated checks flag stale or missing data and open a ticket for the owner.",
      "A monthly data quality report shows each input's performance against its targets.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "HEALTH_COV", "FCST_ACC" },
    requires = { "customer-360" },
  },
  reason = function()
    return ("Data-driven insights scores %.3g against an optimizing target of %.3g, a level where models and "
      .. "reports rest on owned, checked data."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.2 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.2 } } },
  },
}

rule {
  id = "data_driven_insights.cs-program-experiments",
  title = "The effect of CS programs is assumed, not measured",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "cs-program-experiments",
    title = "Test CS programs with holdout groups",
    summary = "New programs and coverage changes are rolled out with holdout groups or staggered starts, so their "
      .. "effect on retention is measured rather than assumed.",
    actions = {
      "CS Ops writes a test plan template: hypothesis, target KPI, groups, sample size and duration.",
      "The next two CS programs launch with a randomly chosen holdout or a staggered start.",
      "A data analyst reports the measured effect and its confidence at the end of each test.",
      "An experiment log records every test and the decision it led to.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CS_ROI", "GRR" },
    requires = { "customer-360", "dedicated-cs-ops" },
  },
  reason = function()
    return ("Data-driven insights scores %.3g against an optimizing target of %.3g, a level where CS programs "
      .. "prove their effect against holdout groups."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.9 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 3 }, targets = { [D] = 3 } } },
  },
}

rule {
  id = "data_driven_insights.customer-benchmark-insights",
  title = "Customers get no insight from the data the company holds about them",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "customer-benchmark-insights",
    title = "Give customers benchmarks against their peers",
    summary = "Anonymized benchmarks compare each customer's adoption and outcomes with similar customers, turning "
      .. "the company's data into value the customer can see.",
    actions = {
      "Legal and CS agree the aggregation rules and minimum peer group size that keep benchmarks anonymous.",
      "A data analyst builds benchmarks for five adoption and outcome measures by industry and size.",
      "CSMs include the benchmark page in every business review of high-touch accounts.",
      "CS tracks how often customers ask for benchmarks and uses the answers to choose new ones.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "NRR", "NPS", "PAID_ATTACH" },
    requires = { "customer-360" },
  },
  reason = function()
    return ("Data-driven insights scores %.3g against an optimizing target of %.3g, a level where customer data "
      .. "also creates value for customers."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.5 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.5 }, target = "performing" } },
  },
}
