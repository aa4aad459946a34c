-- Customer experience aligned with financial and operational metrics: from after-the-fact churn to CX that plans revenue.
local D = "operating_model.cx_metrics_alignment"

rule {
  id = "cx_metrics_alignment.monthly-retention-reporting",
  title = "Retention is reported late, inconsistently or only by finance",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "monthly-retention-reporting",
    title = "Report GRR, NRR and logo churn by segment every month",
    summary = "A monthly retention report, reconciled with finance, shows gross and net revenue retention and logo "
      .. "churn by segment, so CS and leadership see trends within weeks.",
    actions = {
      "CS Ops builds the report from the agreed metric definitions, split by segment and coverage tier.",
      "Finance reconciles the figures with the ledger before the report is published.",
      "The report goes to the executive team within ten business days of month end.",
      "Each month's report records the three largest churn and contraction events with their causes.",
    },
    effort = "small",
    impact = "high",
    kpis = { "GRR", "NRR", "LOGO_CHURN" },
    requires = { "metric-dictionary" },
  },
  reason = function()
    return ("CX metrics alignment scores %.3g against a target of %.3g, so retention is not yet a regular, trusted "
      .. "number."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "cx_metrics_alignment.touchpoint-surveys",
  title = "Customer sentiment is measured sporadically or not at all",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "touchpoint-surveys",
    title = "Survey customers at defined touchpoints",
    summary = "Transactional satisfaction after onboarding and support, plus a twice-yearly relationship NPS, give a "
      .. "regular baseline of customer sentiment.",
    actions = {
      "CS Ops sets up a CSAT survey sent automatically after onboarding completion and after support case closure.",
      "Marketing and CS run a relationship NPS survey twice a year to all decision makers and main users.",
      "Results are stored per account in the CRM so that they can feed the health score.",
      "Response rates and scores are reported in the monthly retention report.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "NPS", "CSAT" },
    requires = {},
  },
  reason = function()
    return ("CX metrics alignment scores %.3g against a target of %.3g, and there is no regular sentiment baseline to "
      .. "link to revenue."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.9 } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "cx_metrics_alignment.renewal-forecast-ownership",
  title = "Nobody owns the renewal forecast",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "renewal-forecast-ownership",
    title = "Name an owner and simple categories for the renewal forecast",
    summary = "One person owns the renewal forecast, and every upcoming renewal is placed in commit, best case or at "
      .. "risk, giving finance a number it can plan with.",
    actions = {
      "The CS leader names the renewal forecast owner and the forecast date each month.",
      "Every renewal due in the next two quarters is categorized as commit, best case or at risk in the CRM.",
      "The owner submits the forecast to finance monthly with the main changes explained.",
      "Actual renewals are compared with the forecast made 90 days earlier and the accuracy is recorded.",
    },
    effort = "small",
    impact = "high",
    kpis = { "FCST_ACC" },
    requires = { "renewal-lead-time-calendar" },
  },
  reason = function()
    return ("CX metrics alignment scores %.3g with a target of %.3g, so renewal revenue is not yet forecast by CS.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.0 }, facts = { forecast_accuracy = 0.6 } } },
    quiet = { { scores = { [D] = 0.0 }, target = "reactive" } },
  },
}

rule {
  id = "cx_metrics_alignment.cx-revenue-linkage",
  title = "No one has checked which customer signals actually predict renewal",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "cx-revenue-linkage",
    title = "Test which CX signals predict renewal and expansion",
    summary = "An analysis of past renewals shows which signals (health band, NPS, adoption, support load) move with "
      .. "retention and expansion, and only those keep a place in reporting.",
    actions = {
      "A data analyst joins two years of renewal outcomes with the CX signals recorded before each renewal.",
      "The analysis reports how strongly each signal separates renewed, contracted and churned accounts.",
      "CS and finance agree the short list of signals that will be tracked as leading indicators.",
      "Signals that show no link are dropped from the health score and the executive report.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "HEALTH_ACC", "GRR" },
    requires = { "touchpoint-surveys", "customer-360" },
  },
  reason = function()
    return ("CX metrics alignment scores %.3g against a target of %.3g, a gap of %.3g, so CX measures are not yet tied "
      .. "to revenue."):format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.3 } } },
    quiet = { { scores = { [D] = 2.3 } }, { scores = { [D] = 1.3 }, target = "adopting" } },
  },
}

rule {
  id = "cx_metrics_alignment.forecast-accuracy-cadence",
  title = "Renewal and expansion forecasts are not compared with actuals",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "forecast-accuracy-cadence",
    title = "Run a forecast cadence that tracks its own accuracy",
    summary = "A regular renewal and expansion forecast combines health data with CSM judgment and is compared with "
      .. "actual results, so its accuracy improves quarter by quarter.",
    actions = {
      "CS Ops sets a weekly forecast call for the current quarter and a monthly call for the next quarter.",
      "The forecast shows the health band next to each CSM's call and flags renewals where they disagree.",
      "Accuracy 90 days out is reported every quarter by segment and by forecaster.",
      "Forecasters with repeated large misses review their calls with the forecast owner.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "FCST_ACC" },
    requires = { "renewal-forecast-ownership", "health-score-v1" },
  },
  reason = function()
    return ("CX metrics alignment scores %.3g against a target of %.3g, and a forecast that is not checked does not "
      .. "improve."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.0 }, facts = { forecast_accuracy = 0.7 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "cx_metrics_alignment.csql-process",
  title = "Expansion opportunities spotted by CS are not tracked",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "csql-process",
    title = "Set up a CS-qualified lead process with sales",
    summary = "CS and sales agree what qualifies an expansion lead, how it is handed over and how it is tracked, so "
      .. "CS-sourced growth becomes visible in the pipeline.",
    actions = {
      "CS and sales leaders write the qualification criteria for a CS-qualified lead.",
      "Sales operations adds a lead source value and an acceptance step for CS leads in the CRM.",
      "Sales accepts or rejects each lead within five business days with a reason.",
      "A monthly report shows CS-qualified leads created, accepted, won and their ARR.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CSQL", "NRR", "EXPANSION_ARR" },
    requires = { "commercial-ownership-model" },
  },
  reason = function()
    return ("CX metrics alignment scores %.3g with a target of %.3g, so CS's contribution to growth is not counted.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.7 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "cx_metrics_alignment.leading-indicator-planning",
  title = "Targets are set on lagging retention numbers only",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "leading-indicator-planning",
    title = "Plan the year on validated leading indicators",
    summary = "Annual targets are set on the leading indicators proven to drive retention, and those targets roll up "
      .. "into the revenue plan.",
    actions = {
      "CS Ops translates the revenue retention target into targets for the proven leading indicators.",
      "Finance uses the indicator targets to build the retention line of the annual plan.",
      "Quarterly reviews compare indicator results with the plan and adjust actions before revenue is affected.",
      "The link between indicators and retention is re-tested each year before the next plan.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NRR", "FCST_ACC" },
    requires = { "cx-revenue-linkage", "calibrated-health-score" },
  },
  reason = function()
    return ("CX metrics alignment scores %.3g against an optimizing target of %.3g, a level where validated "
      .. "leading indicators drive the plan."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.4 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.4 } } },
  },
}

rule {
  id = "cx_metrics_alignment.segment-unit-economics",
  title = "Service levels are set without knowing cost to serve or lifetime value",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "segment-unit-economics",
    title = "Set service levels from cost to serve and lifetime value per segment",
    summary = "Unit economics per segment (cost to serve, retention, expansion and lifetime value) decide which "
      .. "service levels each segment receives.",
    actions = {
      "Finance and CS Ops allocate CS, support and services cost to each segment.",
      "The model calculates lifetime value and cost to serve per segment from actual retention and expansion.",
      "The CS leader proposes service level changes where cost to serve is out of line with value.",
      "The executive team approves the changes and the model is refreshed in each planning cycle.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "CS_COST", "NRR" },
    requires = { "cs-value-attribution" },
  },
  reason = function()
    return ("CX metrics alignment scores %.3g against an optimizing target of %.3g, a level where service levels "
      .. "follow unit economics per segment."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.5 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 3 }, targets = { [D] = 3 } } },
  },
}

rule {
  id = "cx_metrics_alignment.cx-investment-business-cases",
  title = "CX investments are approved without an expected financial return",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "cx-investment-business-cases",
    title = "Require a financial business case for CX and CS investments",
    summary = "Every CX or CS investment states its expected retention or expansion return before approval and is "
      .. "reviewed against the realized return afterwards.",
    actions = {
      "Finance publishes a one-page business case template with expected retention and expansion effect.",
      "All CX and CS investments above an agreed amount use the template before approval.",
      "The sponsor reports the realized effect two to four quarters after launch.",
      "The executive team reviews the realized returns once a year to recalibrate future estimates.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CS_ROI" },
    requires = { "cohort-value-comparison" },
  },
  reason = function()
    return ("CX metrics alignment scores %.3g against an optimizing target of %.3g, a level where CX spending is "
      .. "approved on expected return."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = 3 } },
    quiet = { { scores = { [D] = 2.0 }, target = 2 } },
  },
}
