-- Priority adjustments driven by CS team capacity: CS Ops coverage, book size, firefighting, attrition and long-tail customers.

adjust {
  id = "priority.cs-ops-gap",
  title = "A team past the CS Ops trigger with no CS Ops staff raises process enablement",
  dimensions = { "enablement_scale.process_enablement" },
  toward = { "adopting", "performing" },
  when = function()
    return fact_at_least("csm_headcount", param("cs_ops_trigger_csms")) and fact_below("cs_ops_headcount", 1)
  end,
  factor = 1.5,
  reason = function()
    return ("The team has %d CSMs, at or above the trigger of %d, and no CS Operations staff.")
      :format(fact("csm_headcount"), param("cs_ops_trigger_csms"))
  end,
  examples = {
    fires = { { facts = { csm_headcount = 8, cs_ops_headcount = 0 } } },
    quiet = {
      { facts = { csm_headcount = 4, cs_ops_headcount = 0 } },
      { facts = { csm_headcount = 8, cs_ops_headcount = 1 } },
      { facts = { csm_headcount = 8 } },
      { facts = { csm_headcount = 8, cs_ops_headcount = 0 }, params = { cs_ops_trigger_csms = 10 } },
    },
  },
}

adjust {
  id = "priority.high-arr-per-csm",
  title = "Too much ARR per CSM raises coverage design, tooling and workload relief",
  dimensions = {
    "operating_model.cs_role_structure",
    "enablement_scale.tool_leverage",
    "enablement_scale.cs_career_culture",
  },
  toward = { "adopting", "performing" },
  when = function()
    local csms = fact("csm_headcount")
    return has_fact("arr_usd") and csms ~= nil and csms > 0 and fact("arr_usd") / csms > param("arr_per_csm_ceiling")
  end,
  factor = 1.3,
  reason = function()
    return ("Each CSM covers $%.3gM of ARR on average, above the $%.3gM ceiling.")
      :format(fact("arr_usd") / fact("csm_headcount") / 1e6, param("arr_per_csm_ceiling") / 1e6)
  end,
  examples = {
    fires = { { facts = { arr_usd = 40000000, csm_headcount = 8 } } },
    quiet = {
      { facts = { arr_usd = 40000000, csm_headcount = 20 } },
      { facts = { arr_usd = 40000000, csm_headcount = 0 } },
      { facts = { arr_usd = 40000000 } },
      { facts = {} },
    },
  },
}

adjust {
  id = "priority.high-reactive-share",
  title = "A high share of firefighting time raises role design, tooling and workload relief",
  dimensions = {
    "operating_model.cs_role_structure",
    "enablement_scale.tool_leverage",
    "enablement_scale.cs_career_culture",
  },
  toward = { "adopting", "performing" },
  when = function() return fact_at_least("reactive_share", param("reactive_share_ceiling")) end,
  factor = 1.3,
  reason = function()
    return ("CSMs spend %.0f %% of their time on escalations and firefighting, at or above the %.0f %% ceiling.")
      :format(fact("reactive_share") * 100, param("reactive_share_ceiling") * 100)
  end,
  examples = {
    fires = { { facts = { reactive_share = 0.65 } } },
    quiet = { { facts = { reactive_share = 0.3 } }, { facts = {} } },
  },
}

adjust {
  id = "priority.high-csm-attrition",
  title = "High CSM attrition raises career and role foundations",
  dimensions = { "enablement_scale.cs_career_culture" },
  toward = { "adopting", "performing" },
  when = function() return fact_at_least("csm_attrition", param("csm_attrition_ceiling")) end,
  factor = 1.5,
  reason = function()
    return ("CSM attrition is %.0f %% a year, at or above the %.0f %% ceiling, so new programs should not add load "
      .. "before careers are fixed."):format(fact("csm_attrition") * 100, param("csm_attrition_ceiling") * 100)
  end,
  examples = {
    fires = { { facts = { csm_attrition = 0.32 } } },
    quiet = { { facts = { csm_attrition = 0.12 } }, { facts = {} } },
  },
}

adjust {
  id = "priority.long-tail-digital-coverage",
  title = "A low median contract value raises digital and scaled coverage",
  dimensions = { "enablement_scale.tool_leverage" },
  toward = { "adopting", "performing" },
  when = function() return fact_below("acv_median_usd", param("long_tail_acv_usd")) end,
  factor = 1.4,
  reason = function()
    return ("The median contract is worth $%.0f a year, below $%.0f, so most customers can only be served digitally "
      .. "or by a pooled team."):format(fact("acv_median_usd"), param("long_tail_acv_usd"))
  end,
  examples = {
    fires = { { facts = { acv_median_usd = 6000 } } },
    quiet = { { facts = { acv_median_usd = 60000 } }, { facts = {} } },
  },
}
