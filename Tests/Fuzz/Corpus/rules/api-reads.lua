local D = "operating_model.data_driven_insights"
rule {
  id = "data_driven_insights.api-reads", title = "reads", dimensions = { D }, toward = "optimizing",
  initiative = { id = "api-reads", title = "t", summary = "s", actions = { "a", "b", "c" },
                 effort = "medium", impact = "low", kpis = { "NPS" }, requires = {} },
  when = function()
    local s, l, t, tl, g, a = score(D), level(D), target(D), target_level(D), gap(D), assessed(D)
    local sp = spread(D)
    local c = competency("operating_model")
    local o = overall()
    local w = weakest(3)
    local w2 = weakest(2, "customer_lifecycle")
    local f, h = fact("grr"), has_fact("x_custom")
    local n = name(D)
    print(s, l, t, tl, g, a, sp, c.score, c.level, c.gap, o.score, #w, #w2, f, h, n)
    print(organization.name, organization.segment, assessed_on, os.time(), os.date("%Y-%m-%d"), os.clock() >= 0)
    return below(D, "optimizing") or at_least(D, "adopting") or fact_is("pricing_model", "usage")
      or disagree(D) or disagree(D, 0.5) or fact_is("usage_telemetry", false)
  end,
}
