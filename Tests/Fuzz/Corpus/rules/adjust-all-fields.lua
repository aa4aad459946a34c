adjust {
  id = "priority.low-grr",
  title = "Low GRR",
  description = "d",
  dimensions = { "customer_lifecycle.proactive_engagement" },
  initiatives = { "map-journey", "health-scoring" },
  toward = { "adopting", "performing", "optimizing" },
  when = function() return fact_below("grr", 0.85) end,
  factor = 1.5,
  override = true,
  reason = "static reason",
  examples = { fires = { { facts = { grr = 0.80 } } }, quiet = { { facts = { grr = 0.92 } }, { facts = {} } } },
}
adjust {
  id = "priority.factor-fn",
  title = "Factor function",
  initiatives = { "map-journey" },
  when = function() return true end,
  factor = function() return fact("nrr") end,
  reason = function() return percent(fact("nrr")) .. " " .. money(4200000) end,
}
