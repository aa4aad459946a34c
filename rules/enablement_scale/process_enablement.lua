-- Process enablement: from personal templates and spare-time admin to a CS Ops function that runs playbooks on data.
local D = "enablement_scale.process_enablement"

rule {
  id = "process_enablement.core-playbook-library",
  title = "Every CSM works from personal habits instead of shared playbooks",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "core-playbook-library",
    title = "Write the core playbooks",
    summary = "Onboarding, renewal, risk escalation and business review playbooks are written down with steps, owners "
      .. "and timing, so customers get the same quality from every CSM.",
    actions = {
      "CS managers pick the best current practice for onboarding, renewal, risk escalation and business reviews.",
      "Each playbook is written with its trigger, steps, owner, timing and exit criteria, mapped to the lifecycle stages.",
      "The playbooks are published in one library with a named owner per playbook.",
      "CS managers check five accounts per CSM each quarter against the playbooks.",
    },
    effort = "small",
    impact = "high",
    kpis = { "PLAYBOOK_ADH", "TTFV" },
    requires = { "lifecycle-stage-definitions" },
  },
  reason = function()
    return ("Process enablement scores %.3g against a target of %.3g, so customer experience depends on which CSM "
      .. "they get."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "process_enablement.shared-cs-templates",
  title = "Many versions of the same customer deck and plan circulate",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "shared-cs-templates",
    title = "Provide standard templates for customer-facing material",
    summary = "Standard kick-off, success plan, business review and value summary templates replace the personal "
      .. "versions CSMs maintain today.",
    actions = {
      "CS enablement collects the current decks and plans and selects the best as a starting point.",
      "Marketing brands the templates and CS Ops stores them in one shared folder with version numbers.",
      "Old versions are archived and CSMs are told where the current templates live.",
      "CS managers review a sample of business review decks each quarter for template use.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "PLAYBOOK_ADH", "NPS" },
    requires = {},
  },
  reason = function()
    return ("Process enablement scores %.3g with a target of %.3g, and shared templates are the quickest consistency "
      .. "gain."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.2 } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "process_enablement.named-cs-ops-owner",
  title = "CS tools, reports and processes are maintained by CSMs in their spare time",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "named-cs-ops-owner",
    title = "Give one person ownership of CS operations",
    summary = "One named person, part-time at first, owns CS tooling, reporting and process documentation, so this "
      .. "work stops falling to whoever has time.",
    actions = {
      "The CS leader names a CS Ops owner and reserves at least half of that person's time for the role.",
      "The owner takes over tool administration, the monthly reports and the playbook library.",
      "CSMs send tool and report requests to the owner through one request queue.",
      "After one quarter the CS leader reviews the queue to size the need for a full-time role.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "HEALTH_COV", "FCST_ACC" },
    requires = {},
  },
  reason = function()
    return ("Process enablement scores %.3g against a target of %.3g, and no CS Operations staff are reported.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") and not fact_at_least("cs_ops_headcount", 1) end,
  examples = {
    fires = { { scores = { [D] = 0.7 }, facts = { cs_ops_headcount = 0 } }, { scores = { [D] = 0.7 } } },
    quiet = { { scores = { [D] = 0.7 }, facts = { cs_ops_headcount = 2 } }, { scores = { [D] = 1.7 } } },
  },
}

rule {
  id = "process_enablement.dedicated-cs-ops",
  title = "There is no dedicated CS Operations function",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "dedicated-cs-ops",
    title = "Build a dedicated CS Operations function",
    summary = "A CS Ops lead is hired and chartered on systems, data, reporting, playbooks and capacity planning, "
      .. "freeing CSMs for customers.",
    actions = {
      "The CS leader writes the CS Ops charter: systems, data, reporting, playbooks, capacity planning and enablement.",
      "The CS Ops lead is hired or appointed with the budget from the annual CS plan.",
      "The part-time owner's duties and request queue move to the new function.",
      "CS Ops publishes a quarterly roadmap and reports delivery against it.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "FCST_ACC", "HEALTH_COV", "CSM_COV" },
    requires = { "annual-cs-plan" },
  },
  reason = function()
    if has_fact("csm_headcount") then
      return ("Process enablement scores %.3g against a target of %.3g, with %d CSMs and no CS Operations staff reported.")
        :format(score(D), target(D), fact("csm_headcount"))
    end
    return ("Process enablement scores %.3g against a target of %.3g, and no CS Operations staff are reported.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") and not fact_at_least("cs_ops_headcount", 1) end,
  examples = {
    fires = { { scores = { [D] = 1.4 }, facts = { csm_headcount = 9, cs_ops_headcount = 0 } } },
    quiet = { { scores = { [D] = 1.4 }, facts = { cs_ops_headcount = 1 } }, { scores = { [D] = 2.4 } } },
  },
}

rule {
  id = "process_enablement.platform-embedded-playbooks",
  title = "Playbooks are documents that nobody is prompted to follow",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "platform-embedded-playbooks",
    title = "Run playbooks as triggered tasks in the CS platform",
    summary = "Playbooks become triggered task sequences in the CS platform, so every play starts on time and its "
      .. "completion is measured.",
    actions = {
      "CS Ops configures each core playbook as a task sequence with its trigger, due dates and owner.",
      "Plays start automatically on lifecycle stage changes, renewal dates and health changes.",
      "A weekly report shows open, overdue and completed plays per CSM.",
      "CS managers review playbook adherence in monthly one-to-ones.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "PLAYBOOK_ADH", "EARLY_RISK" },
    requires = { "core-playbook-library", "cs-system-of-record" },
  },
  reason = function()
    return ("Process enablement scores %.3g against a target of %.3g, a gap of %.3g, so playbooks are not yet part of "
      .. "daily work."):format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.0 } } },
    quiet = { { scores = { [D] = 2.0 } }, { scores = { [D] = 1.0 }, target = "adopting" } },
  },
}

rule {
  id = "process_enablement.csm-playbook-certification",
  title = "CSMs are not trained or certified on the playbooks",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "csm-playbook-certification",
    title = "Train and certify CSMs on the core playbooks",
    summary = "New and existing CSMs are trained on the playbooks, tools and data, and certified on the core plays, "
      .. "so the playbooks are applied the same way by everyone.",
    actions = {
      "CS enablement builds a short course per core playbook with a role-play or case exercise.",
      "Every CSM completes the course and a certification check within two quarters.",
      "New CSMs complete certification within their first 60 days.",
      "Certification status is tracked and compared with playbook adherence per CSM.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "PLAYBOOK_ADH", "CSM_ATTR" },
    requires = { "core-playbook-library" },
  },
  reason = function()
    return ("Process enablement scores %.3g with a target of %.3g, and playbooks only work when people are trained "
      .. "on them."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.9 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "process_enablement.strategic-cs-ops",
  title = "CS Ops is limited to tool administration and reports",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "strategic-cs-ops",
    title = "Extend CS Ops into planning, forecasting and insight",
    summary = "CS Ops takes on planning, forecasting, capacity modeling and customer insight for the other executives, "
      .. "becoming a strategic function rather than a service desk.",
    actions = {
      "The CS leader extends the CS Ops charter to planning, forecasting, capacity modeling and insight.",
      "CS Ops produces the capacity and retention inputs to the annual plan.",
      "CS Ops delivers a quarterly customer insight pack to product, sales and finance leaders.",
      "Routine administration moves to automation or a tools specialist to make room for the new scope.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "FCST_ACC", "CS_COST" },
    requires = { "dedicated-cs-ops", "customer-360" },
  },
  reason = function()
    return ("Process enablement scores %.3g against an optimizing target of %.3g, a level where CS Ops shapes "
      .. "planning and executive decisions."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.2 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.2 } } },
  },
}

rule {
  id = "process_enablement.csm-admin-automation",
  title = "CSMs spend hours on notes, CRM updates and routine outreach",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "csm-admin-automation",
    title = "Automate routine CSM administration",
    summary = "Meeting notes, CRM updates, report building and routine outreach are automated, including with AI "
      .. "assistance where it is reliable, to return time to customers.",
    actions = {
      "CS Ops samples CSM time for two weeks to find the largest administrative tasks.",
      "The top three tasks are automated through platform rules, integrations or assistant tools.",
      "CS managers check the quality of automated notes and outreach on a sample every month.",
      "CS Ops reports the hours returned to CSMs and the change in reactive share.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "REACTIVE_SHARE", "CSM_COV", "CSM_ATTR" },
    requires = { "platform-embedded-playbooks" },
  },
  reason = function()
    return ("Process enablement scores %.3g against an optimizing target of %.3g, a level where routine admin no "
      .. "longer limits CSM capacity."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.5 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 3 }, targets = { [D] = 3 } } },
  },
}

rule {
  id = "process_enablement.outcome-driven-playbook-tuning",
  title = "Playbooks are never measured on what they achieve",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "outcome-driven-playbook-tuning",
    title = "Measure every playbook on outcomes and retire the weak ones",
    summary = "Each playbook has an owner, a version history and an outcome measure such as save rate or expansion "
      .. "conversion, and weak plays are changed or retired.",
    actions = {
      "CS Ops assigns an outcome measure to every playbook and reports it each quarter.",
      "Playbook owners propose changes for plays below target and test them on part of the accounts.",
      "Changes are recorded in a version history with the measured effect.",
      "Plays that miss their target for two quarters are retired.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "GRR", "NRR", "PLAYBOOK_ADH" },
    requires = { "platform-embedded-playbooks", "calibrated-health-score" },
  },
  reason = function()
    return ("Process enablement scores %.3g against an optimizing target of %.3g, a level where playbooks are "
      .. "tuned on the outcomes they achieve."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = 3 } },
    quiet = { { scores = { [D] = 2.0 }, targets = { [D] = 2 }, target = 3 } },
  },
}
