-- CS roles cultivated, respected and sought after: from a junior, burnt-out role to a career people compete to enter.
local D = "enablement_scale.cs_career_culture"

rule {
  id = "cs_career_culture.csm-role-profile",
  title = "The CSM role has no written profile or standard of good work",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "csm-role-profile",
    title = "Write the CSM role profile",
    summary = "A role profile defines the responsibilities, expected behaviors and what good work looks like for a "
      .. "CSM, giving hiring, onboarding and reviews one reference.",
    actions = {
      "The CS leader drafts the profile from the CS charter with responsibilities, behaviors and success measures.",
      "Two experienced CSMs and one manager review the draft against their actual work.",
      "The people team uses the profile in job postings and interview scorecards.",
      "Every CSM reviews the profile with their manager and agrees development points.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CSM_ATTR" },
    requires = { "cs-charter-and-scope" },
  },
  reason = function()
    return ("CS career culture scores %.3g against a target of %.3g, so the CSM role is still undefined.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "cs_career_culture.csm-career-ladder",
  title = "CSMs see no path to grow in the role",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "csm-career-ladder",
    title = "Publish a CSM career ladder with promotion criteria",
    summary = "Defined levels, for example associate, CSM, senior and lead, each with promotion criteria, show CSMs "
      .. "how they can grow without leaving CS.",
    actions = {
      "The CS leader and the people team define three or four levels with scope, book size and expected impact.",
      "Each level gets written promotion criteria and an evidence checklist.",
      "Every CSM is placed on a level and told what the next level requires.",
      "Promotion decisions are reviewed twice a year against the criteria.",
    },
    effort = "small",
    impact = "high",
    kpis = { "CSM_ATTR" },
    requires = { "csm-role-profile" },
  },
  reason = function()
    return ("CS career culture scores %.3g with a target of %.3g, and without a ladder good CSMs leave to progress.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.0 }, facts = { csm_attrition = 0.35 } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "cs_career_culture.csm-ramp-program",
  title = "New CSMs learn the job by trial and error",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "csm-ramp-program",
    title = "Give new CSMs a structured ramp plan",
    summary = "A 90-day ramp plan covers product, process, tools and customers, with a buddy and a gradual hand-over "
      .. "of accounts.",
    actions = {
      "CS enablement writes a 30-60-90 day plan covering product, playbooks, tools and shadowing.",
      "Each new CSM gets a buddy and a manager check-in at the end of each 30-day block.",
      "Accounts are handed over in steps, starting with lower-risk accounts.",
      "The CS leader tracks time to full book and first-year attrition of new CSMs.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CSM_ATTR", "CSM_COV" },
    requires = { "core-playbook-library" },
  },
  reason = function()
    return ("CS career culture scores %.3g against a target of %.3g, so new CSMs are left to work the role out alone.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.9 } } },
    quiet = { { scores = { [D] = 0.9 }, target = "reactive" } },
  },
}

rule {
  id = "cs_career_culture.competency-matrix-reviews",
  title = "CSM reviews depend on each manager's personal judgment",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "competency-matrix-reviews",
    title = "Review CSMs against a competency matrix calibrated across managers",
    summary = "A matrix of observable behaviors per level and competency drives reviews and coaching, and managers "
      .. "calibrate ratings together.",
    actions = {
      "CS managers and the people team write observable behaviors per competency and level.",
      "Each CSM self-assesses against the matrix before the review, and the manager assesses separately.",
      "Managers hold a calibration session before ratings are final.",
      "Each CSM leaves the review with two development goals linked to the matrix.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "CSM_ATTR", "CSM_ENGAGE" },
    requires = { "csm-career-ladder" },
  },
  reason = function()
    return ("CS career culture scores %.3g against a target of %.3g, a gap of %.3g, so development is not yet consistent.")
      :format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.5 } } },
    quiet = { { scores = { [D] = 2.5 } }, { scores = { [D] = 1.5 }, targets = { [D] = "adopting" } } },
  },
}

rule {
  id = "cs_career_culture.csm-development-curriculum",
  title = "CSM training stops after onboarding",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "csm-development-curriculum",
    title = "Offer ongoing training and external certification",
    summary = "A yearly curriculum builds commercial skills, executive communication and data literacy, and the "
      .. "company supports external CS certification.",
    actions = {
      "CS enablement builds a yearly curriculum with one module per quarter on commercial, executive and data skills.",
      "Each CSM gets a training budget and time allowance for external certification.",
      "Managers link completed modules to development goals in reviews.",
      "CS reports participation and compares book results of trained and untrained CSMs.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "NRR", "CSM_ATTR", "CSM_ENGAGE" },
    requires = { "csm-role-profile", "csm-ramp-program" },
  },
  reason = function()
    return ("CS career culture scores %.3g with a target of %.3g, and skills stall when training ends after onboarding.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.0 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "cs_career_culture.pay-benchmark-and-career-paths",
  title = "CSM pay is not benchmarked and careers lead nowhere outside CS",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "pay-benchmark-and-career-paths",
    title = "Benchmark CSM pay and open paths beyond CS",
    summary = "CSM pay is compared with the market each year, and documented paths lead from CS into CS leadership, "
      .. "CS Ops, sales and product.",
    actions = {
      "The people team benchmarks CSM base and variable pay per level against market data every year.",
      "Gaps larger than an agreed tolerance are corrected in the next pay cycle.",
      "The CS leader documents paths into CS leadership, CS Ops, sales and product with example moves.",
      "Internal moves into and out of CS are tracked and reported with attrition and engagement.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CSM_ATTR", "CSM_ENGAGE" },
    requires = { "competency-matrix-reviews", "csm-scorecard-and-variable-pay" },
  },
  reason = function()
    return ("CS career culture scores %.3g against a target of %.3g, and pay and paths decide whether CS keeps its "
      .. "best people."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  priority = function()
    local ceiling = param("csm_attrition_ceiling")
    if fact_at_least("csm_attrition", ceiling) then
      return 1.3, ("CSM attrition is %.0f %% a year, at or above %.0f %%"):format(fact("csm_attrition") * 100, ceiling * 100)
    end
  end,
  examples = {
    fires = { { scores = { [D] = 1.9 }, facts = { csm_attrition = 0.4 } } },
    quiet = { { scores = { [D] = 2.0 }, facts = { csm_attrition = 0.4 } } },
  },
}

rule {
  id = "cs_career_culture.cs-talent-academy",
  title = "CS does not attract talent from the rest of the company",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "cs-talent-academy",
    title = "Run a CS academy that draws talent from other functions",
    summary = "An internal academy and rotation program brings people from support, sales and product into CS and "
      .. "makes CS a visible place to build a career.",
    actions = {
      "CS enablement turns the curriculum into an academy open to employees from other functions.",
      "The CS leader offers two to four six-month rotations into CS each year.",
      "Academy graduates are considered first for open CS roles.",
      "CS reports the share of CS hires that come from inside the company.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "CSM_ATTR", "CSM_ENGAGE" },
    requires = { "csm-development-curriculum" },
  },
  reason = function()
    return ("CS career culture scores %.3g against an optimizing target of %.3g, a level where CS attracts talent "
      .. "from the rest of the company."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.2 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.2 } } },
  },
}

rule {
  id = "cs_career_culture.sustainable-workload-design",
  title = "CSM workload is only corrected after people burn out",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "sustainable-workload-design",
    title = "Keep CSM workload sustainable by design",
    summary = "Capacity planning, automation and regular engagement checks keep workloads realistic before they "
      .. "cause burnout and attrition.",
    actions = {
      "CS Ops adds a workload ceiling per CSM to the capacity model and flags books above it.",
      "Flagged books are rebalanced or receive automation support within one month.",
      "A short quarterly pulse survey asks CSMs whether their workload is realistic.",
      "The CS leader reviews pulse results, reactive share and attrition together every quarter.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CSM_ATTR", "CSM_ENGAGE", "REACTIVE_SHARE" },
    requires = { "capacity-coverage-model", "csm-admin-automation" },
  },
  reason = function()
    return ("CS career culture scores %.3g against an optimizing target of %.3g, a level where workload is kept "
      .. "sustainable by design."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.7 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 2.7 }, targets = { [D] = 2 } } },
  },
}

rule {
  id = "cs_career_culture.cs-leadership-pipeline",
  title = "CS alumni rarely reach leadership roles",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "cs-leadership-pipeline",
    title = "Make CS a feeder for company leadership",
    summary = "CS alumni are developed and promoted into leadership roles across the company, and the team's "
      .. "reputation is built outside the company too.",
    actions = {
      "The people team includes senior CSMs and CS managers in the company's leadership development program.",
      "The CS leader nominates candidates for open leadership roles in other functions each year.",
      "CS team members speak at industry events and publish their work with marketing's support.",
      "The people team reports how many leaders across the company came through CS.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "CSM_ATTR" },
    requires = { "cs-talent-academy" },
  },
  reason = function()
    return ("CS career culture scores %.3g against an optimizing target of %.3g, a level where CS is a route into "
      .. "company leadership."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = 3 } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}
