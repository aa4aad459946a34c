rule { id = "codified_journey.utf8", title = "Ünïcödé 漢字 😀", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "utf8", title = "\xff\xfe invalid", summary = "a\0b", actions = { "é", "漢", "😀" }, effort = "small", impact = "high", kpis = { "GRR" } },
  reason = function() return utf8.char(0x10FFFF, 0x7FFFFFFF) .. ("%q"):format("\0\r\n") end,
  when = function() return utf8.len("😀") == 1 and #utf8.charpattern > 0 end }
