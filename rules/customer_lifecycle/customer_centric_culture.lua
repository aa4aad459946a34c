-- Customer-centric culture: from "the CS team's problem" to customer outcomes steering every function.
local D = "customer_lifecycle.customer_centric_culture"

rule {
  id = "customer_centric_culture.executive-customer-charter",
  title = "Leadership has never said what customer success means for the company",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "executive-customer-charter",
    title = "Publish an executive charter for customer success",
    summary = "The CEO and executive team state in writing what customer success means for the company and which "
      .. "outcomes every function shares, making it a company commitment rather than one team's job.",
    actions = {
      "The CEO drafts a one-page charter with the CS leader: the customer outcomes the company commits to and "
        .. "how each function contributes.",
      "The executive team reviews and signs the charter in a leadership meeting.",
      "The CEO presents the charter at an all-hands meeting and it is added to the company handbook.",
      "The charter is revisited in the annual planning cycle and any change is announced.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "NPS", "GRR" },
    requires = {},
  },
  reason = function()
    return ("Customer-centric culture scores %.3g, below the adopting threshold of 1.0, against a target of %.3g.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.4 } } },
    quiet = { { scores = { [D] = 1.3 } }, { scores = { [D] = 0.4 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "customer_centric_culture.leadership-customer-review",
  title = "Customer metrics are missing from the leadership meeting",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "leadership-customer-review",
    title = "Make customer health a standing item in the executive meeting",
    summary = "Every monthly executive meeting opens with retention, the largest risks and recent churn reasons, so "
      .. "leaders hear about customers before the quarter closes.",
    actions = {
      "The CS leader prepares a one-page customer section with GRR, NRR, logo churn, the top five at-risk accounts "
        .. "and new churn reasons.",
      "The CEO adds the section as the first agenda item of the monthly executive meeting.",
      "Each at-risk account discussed gets an executive owner and a next step, recorded in the minutes.",
      "The minutes are checked after three months to confirm the section was covered every time.",
    },
    effort = "small",
    impact = "high",
    kpis = { "GRR", "NRR" },
    requires = { "monthly-retention-reporting" },
  },
  reason = function()
    return ("Customer-centric culture scores %.3g against a target of %.3g, and leaders act on what they review every "
      .. "month."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.9 } } },
    quiet = { { scores = { [D] = 1.1 } } },
  },
}

rule {
  id = "customer_centric_culture.cross-functional-churn-review",
  title = "Churn is reported but never examined across functions",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "cross-functional-churn-review",
    title = "Hold a monthly blameless churn review across functions",
    summary = "Sales, product, support and CS review every lost or shrinking account each month and agree root "
      .. "causes and owners without assigning blame.",
    actions = {
      "CS Ops circulates the month's churned and downgraded accounts with ARR, stated reason and account history "
        .. "before the meeting.",
      "A one-hour review with sales, product, support and CS agrees a root cause for each account.",
      "Every root cause that recurs gets an owning function and an action recorded in a shared tracker.",
      "The tracker's open actions are reported at the next monthly executive meeting.",
    },
    effort = "small",
    impact = "high",
    kpis = { "LOGO_CHURN", "GRR" },
    requires = { "churn-reason-taxonomy" },
  },
  reason = function()
    return ("Customer-centric culture scores %.3g against a target of %.3g, so churn is still treated as a CS "
      .. "problem."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0 } } },
    quiet = { { scores = { [D] = 2 } }, { scores = { [D] = 0 }, target = "reactive" } },
  },
}

rule {
  id = "customer_centric_culture.customer-goals-in-every-okr",
  title = "Only CS carries goals tied to customer outcomes",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "customer-goals-in-every-okr",
    title = "Give every function a customer-outcome objective",
    summary = "In the next planning cycle, sales, product, support, marketing and finance each take on at least one "
      .. "objective measured by customer outcomes.",
    actions = {
      "The CS leader proposes a customer-outcome objective for each function, such as adoption of a new feature "
        .. "for product or first-year churn for sales.",
      "Each function head adopts at least one such objective in the planning document.",
      "The objectives are reviewed in the quarterly business review with the KPI values alongside.",
      "The people team checks that the objectives appear in the individual goals of function leaders.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NRR", "ADOPTION", "NPS" },
    requires = { "leadership-customer-review" },
  },
  reason = function()
    return ("Customer-centric culture scores %.3g against a target of %.3g, and shared goals are what move it past "
      .. "the CS team."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.2 } } },
    quiet = { { scores = { [D] = 2.2 } }, { scores = { [D] = 1.2 }, target = "adopting" } },
  },
}

rule {
  id = "customer_centric_culture.voice-of-customer-loop",
  title = "Customer feedback reaches product by chance and customers never hear back",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "voice-of-customer-loop",
    title = "Run a closed-loop voice-of-customer program with product",
    summary = "Feedback from surveys, calls and tickets flows into one intake, is ranked with ARR and impact data, "
      .. "and customers are told what happened to their request.",
    actions = {
      "Product operations sets up a single intake for customer requests, tagged with account, ARR and theme.",
      "Product and CS review the top themes each month and record a decision for each one.",
      "CSMs inform the requesting customers of every decision, and shipped items are announced in release notes.",
      "Detractors from relationship surveys are contacted within five business days and the outcome is logged.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "NPS", "ADOPTION" },
    requires = { "touchpoint-surveys" },
  },
  reason = function()
    return ("Customer-centric culture scores %.3g with a target of %.3g, and a closed feedback loop is visible proof "
      .. "of customer focus."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.9 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "customer_centric_culture.executive-sponsor-program",
  title = "Strategic accounts have no executive relationship",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "executive-sponsor-program",
    title = "Pair each strategic account with an executive sponsor",
    summary = "Each strategic customer gets a named executive who keeps regular executive-level contact and joins "
      .. "business reviews, spreading customer knowledge through the leadership team.",
    actions = {
      "CS selects the strategic accounts from the top coverage tier and proposes a sponsor for each.",
      "Each sponsor receives a one-page account brief and meets the customer's executive at least twice a year.",
      "Sponsors join at least one business review per year and log their notes in the CRM.",
      "The CS leader reports sponsor activity and the retention of sponsored accounts every quarter.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "GRR", "NRR", "NPS" },
    requires = { "coverage-tiers" },
  },
  reason = function()
    return ("Customer-centric culture scores %.3g against a target of %.3g, so customer contact still stops at the "
      .. "CS team."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = "adopting" } } },
    quiet = { { scores = { [D] = "performing" } } },
  },
}

rule {
  id = "customer_centric_culture.retention-linked-incentives",
  title = "Incentives outside CS ignore what happens after the sale",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "retention-linked-incentives",
    title = "Tie incentives across functions to retention quality",
    summary = "Sales compensation reflects first-year retention, product goals include adoption, and the company "
      .. "bonus includes net revenue retention.",
    actions = {
      "Finance and the people team model a sales commission clawback or bonus tied to first-year retention.",
      "Product leadership adds an adoption target for major releases to its goals.",
      "The executive team adds NRR to the company bonus criteria for the next fiscal year.",
      "The CS leader reports the effect on first-year churn and NRR after two quarters.",
    },
    effort = "large",
    impact = "high",
    kpis = { "NRR", "GRR", "FIRST_YEAR_CHURN" },
    requires = { "customer-goals-in-every-okr", "cs-value-attribution" },
  },
  reason = function()
    return ("Customer-centric culture scores %.3g against an optimizing target of %.3g, a level where incentives "
      .. "across functions follow customer outcomes."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.2 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.2 } } },
  },
}

rule {
  id = "customer_centric_culture.customer-advisory-board",
  title = "Strategic customers have no say in where the company goes",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "customer-advisory-board",
    title = "Launch a customer advisory board",
    summary = "A small board of strategic customers meets regularly with executives to review roadmap, service and "
      .. "journey plans, turning customers into co-designers.",
    actions = {
      "The CS leader and product head invite eight to twelve customers across segments, with a written charter.",
      "The board meets at least twice a year with the CEO present and an agenda sent two weeks ahead.",
      "Each meeting's input is logged with the decision taken and shared back with the members.",
      "Member retention and advocacy are reported to the executive team once a year.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "NPS", "NRR" },
    requires = { "voice-of-customer-loop" },
  },
  reason = function()
    return ("Customer-centric culture scores %.3g against an optimizing target of %.3g, a level where strategic "
      .. "customers help shape company decisions."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.8 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 3.0 }, targets = { [D] = 3 } } },
  },
}

rule {
  id = "customer_centric_culture.cs-insight-in-strategy-decisions",
  title = "Pricing, roadmap and target-market decisions are made without CS evidence",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "cs-insight-in-strategy-decisions",
    title = "Make customer evidence a required input to strategic decisions",
    summary = "Decision templates for pricing, roadmap, target market and acquisitions require a section on customer "
      .. "retention and adoption evidence prepared by CS.",
    actions = {
      "The strategy or PMO owner adds a customer-evidence section to the pricing, roadmap and market decision templates.",
      "CS Ops prepares the evidence pack (cohort retention, churn reasons, adoption) for each decision.",
      "The executive team records in its decision log how the customer evidence was weighed.",
      "Once a year the CS leader reviews the decision log and reports decisions taken without customer evidence.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "NRR", "ADOPTION" },
    requires = { "cohort-churn-analytics" },
  },
  reason = function()
    return ("Customer-centric culture scores %.3g against an optimizing target of %.3g, a level where customer "
      .. "evidence steers pricing, roadmap and market choices."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.5 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.5 } }, { scores = {}, target = "optimizing" } },
  },
}
