-- Tool leverage across tiers: from CRM and email for the largest accounts to orchestrated digital and human touches for all.
local D = "enablement_scale.tool_leverage"

rule {
  id = "tool_leverage.cs-system-of-record",
  title = "CS works from the CRM, email and personal spreadsheets",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "cs-system-of-record",
    title = "Put a CS system of record in place",
    summary = "A CS platform or CRM extension holds lifecycle stage, health, tasks and notes for named accounts, "
      .. "replacing personal spreadsheets.",
    actions = {
      "CS Ops writes requirements from the metric dictionary and coverage tiers and shortlists two or three options.",
      "The CS leader selects the tool after a trial with three CSMs and approval of the cost.",
      "CS Ops loads all named accounts with stage, tier, renewal date and health.",
      "Personal account spreadsheets are retired within one quarter of go-live.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "HEALTH_COV" },
    requires = { "metric-dictionary", "coverage-tiers" },
  },
  reason = function()
    if fact_is("cs_platform", false) then
      return ("Tool leverage scores %.3g against a target of %.3g, and no CS platform or CRM extension is in use.")
        :format(score(D), target(D))
    end
    return ("Tool leverage scores %.3g against a target of %.3g, so CS has no confirmed system of record.")
      :format(score(D), target(D))
  end,
  -- Stage tracking, the customer view and embedded playbooks need this system, so an explicit "no CS platform" keeps
  -- it proposed up to performing.
  when = function()
    if fact_is("cs_platform", true) then return false end
    return needs(D, "adopting") or (needs(D, "performing") and fact_is("cs_platform", false))
  end,
  examples = {
    fires = { { scores = { [D] = 0.5 } }, { scores = { [D] = 1.5 }, facts = { cs_platform = false } } },
    quiet = {
      { scores = { [D] = 0.5 }, facts = { cs_platform = true } },
      { scores = { [D] = 1.5 } },
      { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } },
    },
  },
}

rule {
  id = "tool_leverage.long-tail-lifecycle-emails",
  title = "Customers without a named CSM receive no contact at all",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "long-tail-lifecycle-emails",
    title = "Send lifecycle emails to accounts without a named CSM",
    summary = "Automated welcome, onboarding tip and renewal messages reach every account without a named CSM, the "
      .. "first contact many of them get after signing.",
    actions = {
      "CS and marketing write a welcome message, four onboarding tips and a renewal notice per lifecycle stage.",
      "CS Ops sets up the sequence in the marketing or CS platform for all accounts outside named coverage.",
      "Replies and help requests from the sequence are routed to a shared CS inbox with a response time target.",
      "CS Ops reports monthly the share of unassigned customers reached and the onboarding completion rate.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "DIGITAL_REACH", "ONB_COMP" },
    requires = { "lifecycle-stage-definitions" },
  },
  reason = function()
    return ("Tool leverage scores %.3g with a target of %.3g, so the long tail of customers is effectively unmanaged.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.0 }, facts = { acv_median_usd = 8000 } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "tool_leverage.self-service-help-center",
  title = "Customers cannot find answers without contacting someone",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "self-service-help-center",
    title = "Publish a maintained self-service help center",
    summary = "A help center covering onboarding and the most frequent questions lets customers help themselves and "
      .. "takes routine questions off CSMs.",
    actions = {
      "Support and CS list the fifty most frequent questions from tickets and CSM inboxes.",
      "Support writes or updates an article for each, plus an onboarding guide per main use case.",
      "Every article gets an owner and a review date, and outdated articles are flagged automatically.",
      "Support reports article views, search terms without results and ticket deflection every month.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CSAT", "DIGITAL_REACH" },
    requires = {},
  },
  reason = function()
    return ("Tool leverage scores %.3g against a target of %.3g, and self-service is the cheapest way to reach every "
      .. "customer."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.9 } } },
    quiet = { { scores = { [D] = 0.9 }, target = "reactive" } },
  },
}

rule {
  id = "tool_leverage.digital-cs-program",
  title = "Scaled and digital tiers get no program driven by usage",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "digital-cs-program",
    title = "Run a usage-triggered digital program for scaled tiers",
    summary = "Email journeys, in-app guides, webinars and office hours triggered by usage reach every customer in "
      .. "the scaled and digital tiers.",
    actions = {
      "A small team from CS, marketing and product designs journeys for onboarding, low adoption and renewal.",
      "CS Ops connects usage events to the messaging tools so journeys start from customer behavior.",
      "CS runs monthly webinars and weekly office hours for the scaled tiers.",
      "CS Ops reports digital reach, adoption and retention of the scaled tiers every month.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "DIGITAL_REACH", "ADOPTION", "GRR" },
    requires = { "long-tail-lifecycle-emails", "usage-event-instrumentation", "coverage-tiers" },
  },
  reason = function()
    return ("Tool leverage scores %.3g against a target of %.3g, a gap of %.3g, so lower tiers are not engaged "
      .. "systematically."):format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.2 } } },
    quiet = { { scores = { [D] = 2.2 } }, { scores = { [D] = 1.2 }, targets = { [D] = "adopting" } } },
  },
}

rule {
  id = "tool_leverage.pooled-csm-model",
  title = "Mid and lower tiers have either a named CSM or nobody",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "pooled-csm-model",
    title = "Serve mid and lower tiers with a pooled CSM team",
    summary = "A pooled team of CSMs serves mid and lower tiers on demand, brought in by digital signals instead of "
      .. "a fixed account list.",
    actions = {
      "The CS leader sizes the pooled team from the capacity model and the volume of digital signals.",
      "CS Ops routes signals such as a stalled onboarding or a usage drop to a shared pooled queue.",
      "Pooled CSMs work from shared playbooks and log every contact on the account.",
      "CS reports retention and cost to serve of the pooled tiers against the former model.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CSM_COV", "GRR" },
    requires = { "capacity-coverage-model", "digital-cs-program" },
  },
  reason = function()
    return ("Tool leverage scores %.3g against a target of %.3g, and pooled coverage extends human help at a lower cost.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.8 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "tool_leverage.customer-community-academy",
  title = "Customers have no community or structured training",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "customer-community-academy",
    title = "Launch a customer community and a self-paced academy",
    summary = "A moderated customer community and self-paced training with certification help customers learn from "
      .. "each other and adopt more of the product.",
    actions = {
      "CS and marketing choose a community platform and seed it with help center content and experts.",
      "CS enablement builds self-paced courses for the main roles and use cases, with a certificate.",
      "CSMs and digital journeys point customers to the community and courses at defined lifecycle stages.",
      "CS reports community activity, course completions and adoption of trained versus untrained accounts.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "ADOPTION", "NPS" },
    requires = { "self-service-help-center" },
  },
  reason = function()
    return ("Tool leverage scores %.3g with a target of %.3g, and peer learning scales adoption beyond CSM time.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = "adopting" } } },
    quiet = { { scores = { [D] = "adopting" }, target = "adopting" } },
  },
}

rule {
  id = "tool_leverage.digital-first-all-tiers",
  title = "Digital programs serve only the tiers without a CSM",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "digital-first-all-tiers",
    title = "Orchestrate digital and human touches for every tier",
    summary = "Digital programs run in every tier, enterprise included, and CSMs focus their time on the moments where "
      .. "a person adds most value.",
    actions = {
      "CS Ops maps which touches in each tier are digital, human or both, starting from the journey.",
      "Enterprise accounts receive the digital journeys for end users, with CSMs kept for executives and key moments.",
      "Orchestration rules in the CS platform stop duplicate or conflicting messages across channels.",
      "CS reports cost to serve and retention per tier before and after the change.",
    },
    effort = "large",
    impact = "high",
    kpis = { "DIGITAL_REACH", "CS_COST", "NRR" },
    requires = { "digital-cs-program" },
  },
  reason = function()
    return ("Tool leverage scores %.3g against an optimizing target of %.3g, a level where digital and human "
      .. "touches are orchestrated for every tier."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.4 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.4 } } },
  },
}

rule {
  id = "tool_leverage.personalized-next-best-actions",
  title = "Customers and CSMs get the same generic recommendations",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "personalized-next-best-actions",
    title = "Personalize next best actions for customers and CSMs",
    summary = "Recommendations drawn from usage, health and prediction models, including AI where it is reliable, "
      .. "suggest the next best action to each customer and each CSM.",
    actions = {
      "CS Ops and product define the actions to recommend, such as a feature to adopt, a course or an expansion talk.",
      "A data analyst builds the ranking from usage, health and model scores, with rules as a fallback.",
      "Recommendations appear in the product for users and in the CS platform for CSMs.",
      "CS compares adoption and expansion of accounts that acted on recommendations with those that did not.",
    },
    effort = "large",
    impact = "medium",
    kpis = { "ADOPTION", "CSQL" },
    requires = { "predictive-risk-models" },
  },
  reason = function()
    return ("Tool leverage scores %.3g against an optimizing target of %.3g, a level where tools tailor "
      .. "recommendations to each customer."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.9 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 3 }, targets = { [D] = 3 } } },
  },
}

rule {
  id = "tool_leverage.digital-program-efficacy",
  title = "Digital programs are judged on opens and clicks",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "digital-program-efficacy",
    title = "Judge digital programs on adoption and retention",
    summary = "Digital programs are evaluated against control groups on adoption and retention rather than opens and "
      .. "clicks, and programs without effect are stopped.",
    actions = {
      "CS Ops defines adoption and retention measures for each digital program.",
      "Each program keeps a small random control group that does not receive it.",
      "A data analyst reports the difference between recipients and controls every quarter.",
      "Programs with no measurable effect after two quarters are redesigned or stopped.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "ADOPTION", "GRR" },
    requires = { "digital-cs-program", "cs-program-experiments" },
  },
  reason = function()
    return ("Tool leverage scores %.3g against an optimizing target of %.3g, a level where digital programs prove "
      .. "their effect on adoption and retention."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = 3 } },
    quiet = { { scores = { [D] = 2.0 }, target = 3, targets = { [D] = "performing" } } },
  },
}
