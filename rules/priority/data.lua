-- Priority adjustments driven by data availability and forecast quality.

adjust {
  id = "priority.no-usage-telemetry",
  title = "Missing product usage data raises data-driven insight foundations",
  dimensions = { "operating_model.data_driven_insights" },
  toward = { "adopting", "performing" },
  when = function() return fact_is("usage_telemetry", false) end,
  factor = 1.4,
  reason = "Product usage data is not available to CS, which blocks data-driven health scores and digital programs.",
  examples = {
    fires = { { facts = { usage_telemetry = false } } },
    quiet = { { facts = { usage_telemetry = true } }, { facts = {} } },
  },
}

adjust {
  id = "priority.low-forecast-accuracy",
  title = "Low renewal forecast accuracy raises metrics and forecast alignment",
  dimensions = { "operating_model.cx_metrics_alignment" },
  toward = { "adopting", "performing" },
  when = function() return fact_below("forecast_accuracy", param("forecast_accuracy_floor")) end,
  factor = 1.3,
  reason = function()
    return ("Renewal forecast accuracy 90 days out is %.0f %%, below the %.0f %% floor.")
      :format(fact("forecast_accuracy") * 100, param("forecast_accuracy_floor") * 100)
  end,
  examples = {
    fires = { { facts = { forecast_accuracy = 0.62 } } },
    quiet = { { facts = { forecast_accuracy = 0.9 } }, { facts = {} } },
  },
}

adjust {
  id = "priority.unreliable-forecast-defers-prediction",
  title = "An unreliable renewal forecast defers predictive modeling",
  dimensions = { "customer_lifecycle.proactive_engagement", "operating_model.data_driven_insights" },
  toward = { "optimizing" },
  when = function() return fact_below("forecast_accuracy", param("forecast_accuracy_floor")) end,
  factor = 0.7,
  reason = function()
    return ("Renewal forecast accuracy is %.0f %%, below the %.0f %% floor, so basic forecasting discipline should come "
      .. "before predictive models."):format(fact("forecast_accuracy") * 100, param("forecast_accuracy_floor") * 100)
  end,
  examples = {
    fires = { { facts = { forecast_accuracy = 0.55 } } },
    quiet = { { facts = { forecast_accuracy = 0.85 } }, { facts = {} } },
  },
}
