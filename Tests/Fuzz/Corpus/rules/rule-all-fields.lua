local D = "customer_lifecycle.codified_journey"
rule {
  id = "codified_journey.map-journey",
  title = "No shared journey",
  description = "Longer text.",
  dimensions = { D, "operating_model.data_driven_insights" },
  toward = "adopting",
  override = false,
  initiative = {
    id = "map-journey",
    title = "Map the journey",
    summary = "Why it matters.",
    actions = { "Step one", "Step two", "Step three" },
    effort = "small",
    impact = "high",
    kpis = { "TTFV", "ONB_COMP", "GRR" },
    requires = { "other-initiative" },
  },
  reason = function() return ("score %.1f"):format(score(D)) end,
  when = function() return needs(D, "adopting") end,
  priority = function()
    if fact_at_least("first_year_churn", 0.15) then return 1.3, "churn" end
    return 0.8, "default"
  end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}
