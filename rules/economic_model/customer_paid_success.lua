-- Customers willing to pay for their success: from free favors for the loudest customers to a success portfolio run as a business.
local D = "economic_model.customer_paid_success"

rule {
  id = "customer_paid_success.free-services-inventory",
  title = "Post-sale services are given away without anyone knowing their cost",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "free-services-inventory",
    title = "Inventory the post-sale services given away today",
    summary = "A catalog of every post-sale service currently delivered for free, to whom and at what cost, shows "
      .. "where effort goes and what could be packaged.",
    actions = {
      "CS Ops lists every post-sale service delivered in the last year, from training and health checks to custom reports.",
      "For each service, CSMs and services staff estimate hours per year and the accounts that received it.",
      "Finance values the hours with the cost baseline and ranks services by cost.",
      "The CS leader marks each service as standard for all, tier-specific or a candidate for a paid offering.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CS_COST" },
    requires = { "cs-cost-baseline" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g against a target of %.3g, so the cost of free services is still invisible.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "customer_paid_success.baseline-success-entitlement",
  title = "What each customer tier receives as standard is not defined",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "baseline-success-entitlement",
    title = "Define the standard success entitlement for each tier",
    summary = "A published entitlement matrix states what every tier receives as standard, which makes extras visible "
      .. "and ready to package.",
    actions = {
      "The CS leader drafts an entitlement matrix by tier covering onboarding, reviews, training, support and reporting.",
      "Sales, finance and support review the matrix against current contracts and commitments.",
      "The matrix is published internally and referenced in order forms.",
      "CSMs log requests outside the entitlement so demand for extras can be measured.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CS_COST", "CSAT" },
    requires = { "free-services-inventory", "coverage-tiers" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g with a target of %.3g, and nothing can be sold on top of an undefined standard.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.0 } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "customer_paid_success.willingness-to-pay-research",
  title = "No evidence on which services customers would pay for",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "willingness-to-pay-research",
    title = "Research which services customers value enough to pay for",
    summary = "Interviews and a short survey find which post-sale services customers value most and what they would "
      .. "pay, before any offering is designed.",
    actions = {
      "CS and product marketing interview fifteen customers across tiers about the services they value most.",
      "A short survey to a wider sample ranks candidate services and tests price ranges.",
      "Product marketing summarizes the findings with a shortlist of offering candidates.",
      "The CS leader shares the shortlist with sales and finance for review.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "NPS", "PAID_ATTACH" },
    requires = { "free-services-inventory" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g against a target of %.3g, so demand for paid services has not been tested.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.8 }, facts = { paid_success_offering = false } } },
    quiet = { { scores = { [D] = 0.8 }, target = "reactive" } },
  },
}

rule {
  id = "customer_paid_success.paid-package-pilot",
  title = "No paid success offering has been tried",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "paid-package-pilot",
    title = "Pilot one paid success package",
    summary = "One offer, such as accelerated onboarding or a premium CSM, is piloted with a small group of customers "
      .. "once customer value can be shown with evidence.",
    actions = {
      "The CS leader picks the offer with the strongest demand from the willingness-to-pay research.",
      "Finance sets a pilot price and product marketing writes a one-page offer description.",
      "Sales and CS offer the package to ten to twenty suitable customers over one quarter.",
      "CS reports uptake, delivery cost and customer feedback and recommends whether to launch.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "PAID_ATTACH", "TTFV" },
    requires = { "baseline-success-entitlement", "willingness-to-pay-research", "customer-outcome-tracking" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g against a target of %.3g, and no paid offering has been tested yet.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") and not fact_is("paid_success_offering", true) end,
  examples = {
    fires = { { scores = { [D] = 1.2 }, facts = { paid_success_offering = false } }, { scores = { [D] = 1.2 } } },
    quiet = { { scores = { [D] = 1.2 }, facts = { paid_success_offering = true } }, { scores = { [D] = 2.2 } } },
  },
}

rule {
  id = "customer_paid_success.tiered-success-plans",
  title = "Success offerings have no clear tiers, entitlements or prices",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "tiered-success-plans",
    title = "Launch tiered success plans with list prices",
    summary = "A free baseline plan plus one or more premium plans, each with clear entitlements and a list price, "
      .. "are sold in new deals and renewals.",
    actions = {
      "Product marketing and finance define the plans, their entitlements and list prices.",
      "Sales operations adds the plans to the price book and the quoting tool.",
      "Sales and CS are trained to position the plans, with a talk track and objection handling.",
      "CS Ops reports attach rate, plan ARR and plan renewal rate every month.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "PAID_ATTACH", "GRR" },
    requires = { "baseline-success-entitlement", "customer-outcome-tracking" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g against a target of %.3g, a gap of %.3g, so success is not yet a product "
      .. "customers can choose."):format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.5 } } },
    quiet = { { scores = { [D] = 2.5 } }, { scores = { [D] = 1.5 }, targets = { [D] = "adopting" } } },
  },
}

rule {
  id = "customer_paid_success.premium-value-evidence",
  title = "Premium customers are not shown what their plan delivered",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "premium-value-evidence",
    title = "Report delivered outcomes to every paying success customer",
    summary = "Customers on a paid plan receive regular evidence of the outcomes their plan delivered, and plan "
      .. "renewal is tracked against it.",
    actions = {
      "CS defines the outcome report each paid plan must deliver and how often.",
      "CSMs send the report before each plan renewal and review it with the customer.",
      "CS Ops tracks plan renewal rate and attach rate next to report delivery.",
      "Plans with falling renewal are reviewed for content, price or delivery problems.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "PAID_ATTACH", "NPS", "GRR" },
    requires = { "customer-outcome-tracking" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g against a target of %.3g, and paid plans renew only when their value is shown.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") and not fact_is("paid_success_offering", false) end,
  priority = function()
    local floor = param("paid_attach_floor")
    if fact_is("paid_success_offering", true) and fact_below("paid_attach_rate", floor) then
      return 1.3, ("only %.0f %% of eligible customers buy the paid plan, below %.0f %%")
        :format(fact("paid_attach_rate") * 100, floor * 100)
    end
  end,
  examples = {
    fires = { { scores = { [D] = 1.8 }, facts = { paid_success_offering = true, paid_attach_rate = 0.04 } } },
    quiet = { { scores = { [D] = 1.8 }, facts = { paid_success_offering = false } }, { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "customer_paid_success.success-offerings-business-line",
  title = "Paid success offerings have no margin or retention targets",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "success-offerings-business-line",
    title = "Run the success portfolio as a business line",
    summary = "The paid success portfolio gets its own margin and retention targets and a regular pricing and "
      .. "packaging review.",
    actions = {
      "Finance produces a profit and loss view of the success offerings, including delivery cost.",
      "The CS leader sets margin, attach and renewal targets per offering.",
      "A twice-yearly review adjusts prices, packaging and retires offerings that miss their targets.",
      "Results are reported in the quarterly board section.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "PAID_ATTACH", "CS_COST", "NRR" },
    requires = { "tiered-success-plans", "premium-value-evidence" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g against an optimizing target of %.3g, a level where paid offerings "
      .. "are managed for margin and renewal."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.1 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.1 } } },
  },
}

rule {
  id = "customer_paid_success.outcome-based-offerings",
  title = "Paid offerings sell effort rather than outcomes",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "outcome-based-offerings",
    title = "Add offerings priced on outcomes or built on benchmark insight",
    summary = "New offerings are priced on outcomes achieved or built on benchmarks and advisory content that only "
      .. "the company's data can provide.",
    actions = {
      "Product marketing designs one outcome-priced offer and one benchmark or advisory offer.",
      "Finance models the revenue risk of outcome pricing and sets guardrails.",
      "CS pilots both offers with a small set of customers who already see their realized value.",
      "The pilots' uptake and retention are reviewed before a wider launch.",
    },
    effort = "large",
    impact = "medium",
    kpis = { "NRR", "PAID_ATTACH" },
    requires = { "automated-proof-of-value", "customer-benchmark-insights" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g against an optimizing target of %.3g, a level where offerings are "
      .. "priced on outcomes rather than effort."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.6 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 2.6 }, targets = { [D] = 2.5 } } },
  },
}

rule {
  id = "customer_paid_success.paid-plan-retention-study",
  title = "Nobody knows whether paid plans improve retention",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "paid-plan-retention-study",
    title = "Measure the retention effect of paid success plans",
    summary = "Retention and expansion of paid-plan customers are compared with similar customers on the baseline "
      .. "plan, and the portfolio is adjusted on the result.",
    actions = {
      "A data analyst matches paid-plan accounts with similar baseline-plan accounts by size, segment and tenure.",
      "The study reports the difference in GRR, NRR and time to first value.",
      "The CS leader adjusts plan content or positioning where the difference is small.",
      "The study is repeated once a year.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "GRR", "NRR" },
    requires = { "premium-value-evidence", "cohort-value-comparison" },
  },
  reason = function()
    return ("Customer-paid success scores %.3g against an optimizing target of %.3g, a level where the paid "
      .. "portfolio proves its effect on retention."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = 3 } },
    quiet = { { scores = { [D] = 1.0 }, target = 2 } },
  },
}
