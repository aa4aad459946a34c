-- Priority adjustments driven by the economics of CS: value tracking, paid offerings, board reporting and CS cost.

adjust {
  id = "priority.no-value-tracking-defers-paid-success",
  title = "Without value tracking, paid success offerings are premature",
  dimensions = { "economic_model.customer_paid_success" },
  toward = { "performing", "optimizing" },
  when = function() return below("economic_model.value_measurement", "performing") end,
  factor = 0.5,
  reason = function()
    return ("Value measurement scores %.3g, below the performing threshold of 2.0, so customers cannot yet be shown "
      .. "the evidence a paid plan needs."):format(score("economic_model.value_measurement"))
  end,
  examples = {
    fires = { { scores = { ["economic_model.value_measurement"] = 1.2 } } },
    quiet = { { scores = { ["economic_model.value_measurement"] = 2.3 } }, { scores = {} } },
  },
}

adjust {
  id = "priority.no-paid-offering-foundations-first",
  title = "With no paid success offering, paid-success advice stays with the foundations",
  dimensions = { "economic_model.customer_paid_success" },
  toward = { "performing", "optimizing" },
  when = function() return fact_is("paid_success_offering", false) end,
  factor = 0.7,
  reason = "No paid success offering exists yet, so inventory, entitlements and demand research come before plans "
    .. "and pricing.",
  examples = {
    fires = { { facts = { paid_success_offering = false } } },
    quiet = { { facts = { paid_success_offering = true } }, { facts = {} } },
  },
}

adjust {
  id = "priority.low-paid-attach-evidence-first",
  title = "A paid offering with low attach makes evidence of value the priority",
  dimensions = { "economic_model.value_measurement" },
  toward = { "performing" },
  when = function()
    return fact_is("paid_success_offering", true) and fact_below("paid_attach_rate", param("paid_attach_floor"))
  end,
  factor = 1.3,
  reason = function()
    return ("Only %.0f %% of eligible customers buy the paid success plan, below %.0f %%, so proving delivered value "
      .. "comes before new offerings."):format(fact("paid_attach_rate") * 100, param("paid_attach_floor") * 100)
  end,
  examples = {
    fires = { { facts = { paid_success_offering = true, paid_attach_rate = 0.05 } } },
    quiet = {
      { facts = { paid_success_offering = true, paid_attach_rate = 0.25 } },
      { facts = { paid_success_offering = true } },
      { facts = { paid_attach_rate = 0.05 } },
    },
  },
}

adjust {
  id = "priority.retention-missing-from-board-pack",
  title = "Retention missing from the board pack raises executive investment foundations",
  dimensions = { "economic_model.executive_investment" },
  toward = { "adopting" },
  when = function() return fact_is("retention_in_board_pack", false) end,
  factor = 1.5,
  reason = "GRR and NRR are not reported to the board, so the board cannot weigh CS investment against churn.",
  examples = {
    fires = { { facts = { retention_in_board_pack = false } } },
    quiet = { { facts = { retention_in_board_pack = true } }, { facts = {} } },
  },
}

adjust {
  id = "priority.high-cs-cost-share",
  title = "A high CS cost share of ARR raises cost measurement and digital coverage",
  dimensions = { "economic_model.value_measurement", "enablement_scale.tool_leverage" },
  toward = { "adopting", "performing" },
  when = function()
    local arr = fact("arr_usd")
    return has_fact("cs_cost_usd") and arr ~= nil and arr > 0 and fact("cs_cost_usd") / arr > param("cs_cost_ceiling")
  end,
  factor = 1.3,
  reason = function()
    return ("CS costs %.0f %% of ARR, above the %.0f %% ceiling, so knowing what CS returns and serving more customers "
      .. "digitally matter more."):format(fact("cs_cost_usd") / fact("arr_usd") * 100, param("cs_cost_ceiling") * 100)
  end,
  examples = {
    fires = { { facts = { arr_usd = 20000000, cs_cost_usd = 4000000 } } },
    quiet = {
      { facts = { arr_usd = 20000000, cs_cost_usd = 1500000 } },
      { facts = { arr_usd = 20000000 } },
      { facts = { arr_usd = 0, cs_cost_usd = 100000 } },
      { facts = {} },
    },
  },
}
