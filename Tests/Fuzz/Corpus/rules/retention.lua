-- Priority adjustments driven by retention facts: gross and net revenue retention, first-year churn and pricing model.

adjust {
  id = "priority.low-grr-proactive-urgency",
  title = "Low gross revenue retention makes proactive engagement and customer insight urgent",
  dimensions = { "customer_lifecycle.proactive_engagement", "operating_model.data_driven_insights" },
  toward = { "adopting", "performing" },
  when = function() return fact_below("grr", param("grr_floor")) end,
  factor = 1.5,
  reason = function()
    return ("Gross revenue retention is %.0f %%, below the %.0f %% floor, so spotting and acting on risk early comes first.")
      :format(fact("grr") * 100, param("grr_floor") * 100)
  end,
  examples = {
    fires = { { facts = { grr = 0.80 } }, { facts = { grr = 0.90 }, params = { grr_floor = 0.92 } } },
    quiet = { { facts = { grr = 0.92 } }, { facts = {} }, { facts = { grr = 0.85 } } },
  },
}

adjust {
  id = "priority.low-grr-defers-growth-bets",
  title = "Low gross revenue retention defers optimizing-level bets on paid success, digital and long-term funding",
  dimensions = {
    "economic_model.customer_paid_success",
    "economic_model.executive_investment",
    "enablement_scale.tool_leverage",
  },
  toward = { "optimizing" },
  when = function() return fact_below("grr", param("grr_floor")) end,
  factor = 0.7,
  reason = function()
    return ("Gross revenue retention is %.0f %%, below the %.0f %% floor, so advanced growth programs wait until the "
      .. "base stops leaking."):format(fact("grr") * 100, param("grr_floor") * 100)
  end,
  examples = {
    fires = { { facts = { grr = 0.78 } } },
    quiet = { { facts = { grr = 0.95 } }, { facts = { nrr = 0.9 } } },
  },
}

adjust {
  id = "priority.nrr-gap-with-healthy-grr",
  title = "Healthy gross retention but weak net retention raises expansion ownership and CS-qualified leads",
  dimensions = { "operating_model.cx_metrics_alignment", "operating_model.cs_role_structure" },
  toward = { "performing" },
  when = function()
    return fact_below("nrr", param("nrr_floor")) and fact_at_least("grr", param("grr_floor"))
  end,
  factor = 1.3,
  reason = function()
    return ("Net revenue retention is %.0f %%, below the %.0f %% floor, while gross retention holds at %.0f %%, so "
      .. "growth from existing customers is the gap."):format(fact("nrr") * 100, param("nrr_floor") * 100, fact("grr") * 100)
  end,
  examples = {
    fires = { { facts = { nrr = 0.96, grr = 0.91 } } },
    quiet = {
      { facts = { nrr = 0.96, grr = 0.80 } },
      { facts = { nrr = 1.08, grr = 0.91 } },
      { facts = { nrr = 0.96 } },
      { facts = {} },
    },
  },
}

adjust {
  id = "priority.high-first-year-churn-journey",
  title = "High first-year churn raises journey, hand-off and onboarding work",
  dimensions = { "customer_lifecycle.codified_journey" },
  toward = { "adopting", "performing" },
  when = function() return fact_at_least("first_year_churn", param("early_churn_ceiling")) end,
  factor = 1.4,
  reason = function()
    return ("First-year churn is %.0f %%, at or above the %.0f %% ceiling, so the early journey loses customers before "
      .. "renewal work can help."):format(fact("first_year_churn") * 100, param("early_churn_ceiling") * 100)
  end,
  examples = {
    fires = { { facts = { first_year_churn = 0.22 } }, { facts = { first_year_churn = 0.15 } } },
    quiet = { { facts = { first_year_churn = 0.08 } }, { facts = { logo_churn = 0.3 } } },
  },
}

adjust {
  id = "priority.usage-pricing-adoption",
  title = "Usage-based pricing makes adoption work revenue work",
  dimensions = {
    "operating_model.data_driven_insights",
    "customer_lifecycle.proactive_engagement",
    "enablement_scale.tool_leverage",
  },
  toward = { "adopting", "performing" },
  when = function() return fact_is("pricing_model", "usage") or fact_is("pricing_model", "hybrid") end,
  factor = function()
    if fact_is("pricing_model", "usage") then return 1.3 end
    return 1.15
  end,
  reason = function()
    if fact_is("pricing_model", "usage") then
      return "Pricing is usage-based, so every gain in adoption is a direct gain in revenue."
    end
    return "Pricing is hybrid with a usage component, so adoption moves part of the revenue directly."
  end,
  examples = {
    fires = { { facts = { pricing_model = "usage" } }, { facts = { pricing_model = "hybrid" } } },
    quiet = { { facts = { pricing_model = "seat" } }, { facts = {} } },
  },
}
