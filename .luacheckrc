-- Luacheck settings for the csm rule packs: rules run in a Lua 5.4 sandbox whose API globals are read-only.
std = "lua54"
max_line_length = 140
read_globals = {
  "rule", "adjust",
  "score", "level", "target", "target_level", "gap", "assessed", "spread",
  "competency", "overall", "weakest",
  "fact", "has_fact", "param", "organization", "assessed_on",
  "needs", "below", "at_least", "fact_below", "fact_at_least", "fact_is", "disagree",
  "name", "percent", "money",
}
exclude_files = { "Sources/CSMRuleTools/LuaDefinitions/*.lua" }
