-- The pure-Lua floor for the csm benchmarks: the same rule files, evaluated by a
-- plain lua5.4 process with the least work that gives the same fired rules.
--
--   lua5.4 bench/lua/harness.lua --rules rules [--rules DIR]... [--fired] [--phases] INPUT...
--
-- INPUT is an assessment (*.json), a JSON Lines file (*.jsonl, *.ndjson), a
-- directory searched for *.json, or - for JSON Lines on standard input. With
-- --fired it prints one line per assessment: the organization name, a tab and
-- the fired rule ids, sorted and comma-separated. It always ends with a
-- summary line on standard error, and --phases adds the CPU time per
-- assessment spent decoding JSON, computing scores and running the rules.
--
-- Loaded as a chunk without `arg` (as bench/lupa_bench.py does), it returns the
-- module table instead of running: load_packs(), score() and evaluate().
--
-- It is a floor, not a second csm: no sandbox, no limits, no id checks, no
-- priorities, merging or reports. It reads the same JSON bytes csm reads with a
-- pure-Lua decoder (json.lua beside this file), so decoding counts in both.

local harness = {}

local format, concat, sort = string.format, table.concat, table.sort
local floor, sqrt, math_type = math.floor, math.sqrt, math.type


-- ---------------------------------------------------------------------------
-- Scores, levels, targets and gaps, computed as docs/assessment.md describes
-- ---------------------------------------------------------------------------

local DIMENSION_IDS = {
  "customer_lifecycle.codified_journey", "customer_lifecycle.customer_centric_culture",
  "customer_lifecycle.proactive_engagement", "operating_model.data_driven_insights",
  "operating_model.cs_role_structure", "operating_model.cx_metrics_alignment",
  "economic_model.value_measurement", "economic_model.executive_investment",
  "economic_model.customer_paid_success", "enablement_scale.process_enablement",
  "enablement_scale.tool_leverage", "enablement_scale.cs_career_culture",
}
local THRESHOLDS = { reactive = 0, adopting = 1, performing = 2, optimizing = 3 }
local DEFAULT_TARGET = 2.0

harness.DIMENSION_IDS = DIMENSION_IDS


-- Rounds a non-negative number half away from zero to four decimals, as csm does.
local function round4(value)
  return floor(value * 10000 + 0.5) / 10000
end


local function level_of(score)
  if score >= 3 then return "optimizing" end
  if score >= 2 then return "performing" end
  if score >= 1 then return "adopting" end
  return "reactive"
end


-- Converts a score, a number or a level name, to a float. JSON null (nil) stays nil.
local function score_number(value)
  if value == nil then return nil end
  if type(value) == "string" then return THRESHOLDS[value] + 0.0 end
  return value + 0.0
end


local function respondent_spreads(respondents)
  local spreads = {}
  if respondents == nil then return spreads end
  for index = 1, respondents.n or #respondents do
    for id, value in next, respondents[index].scores do
      local score = score_number(value)
      if score ~= nil then
        local spread = spreads[id]
        if spread == nil then
          spread = { count = 0, sum = 0.0, min = score, max = score, scores = {} }
          spreads[id] = spread
        end
        spread.count = spread.count + 1
        spread.sum = spread.sum + score
        spread.scores[spread.count] = score
        if score < spread.min then spread.min = score end
        if score > spread.max then spread.max = score end
      end
    end
  end
  for _, spread in next, spreads do
    local mean = spread.sum / spread.count
    local variance = 0.0
    for _, score in ipairs(spread.scores) do variance = variance + (score - mean) ^ 2 end
    spread.mean = round4(mean)
    spread.stddev = round4(sqrt(variance / spread.count))
    spread.sum, spread.scores = nil, nil
  end
  return spreads
end


-- Turns a decoded assessment into the view the rule API reads.
function harness.score(assessment)
  local file_target = score_number(assessment.target) or DEFAULT_TARGET
  local inputs = assessment.dimensions or {}
  local spreads = respondent_spreads(assessment.respondents)
  local dimensions = {}
  for _, id in ipairs(DIMENSION_IDS) do
    local input = inputs[id] or {}
    local spread = spreads[id]
    local score = score_number(input.score)
    if score ~= nil then
      score = round4(score)
    elseif spread ~= nil then
      score = round4(spread.mean)
    end
    local target = score_number(input.target) or file_target
    local dimension = { id = id, competency = id:match("^[^.]+"), assessed = score ~= nil, target = target,
                        target_level = level_of(target), spread = spread }
    if score ~= nil then
      dimension.score, dimension.level, dimension.gap = score, level_of(score), round4(math.max(0, target - score))
    end
    dimensions[id] = dimension
  end

  local facts = {}
  for id, value in next, assessment.facts or {} do
    if math_type(value) == "integer" then value = value + 0.0 end  -- csm hands rules numeric facts as floats
    facts[id] = value
  end
  return { dimensions = dimensions, facts = facts, organization = assessment.organization,
           assessed_on = assessment.assessed_on }
end


-- ---------------------------------------------------------------------------
-- The rule API, over one view at a time
-- ---------------------------------------------------------------------------

local view, params = nil, nil  -- the assessment being evaluated and the running rule's pack parameters

local api = {}

local function threshold_of(level)
  if type(level) == "number" then return level end
  return THRESHOLDS[level]
end

function api.score(id) return view.dimensions[id].score end
function api.level(id) return view.dimensions[id].level end
function api.target(id) return view.dimensions[id].target end
function api.target_level(id) return view.dimensions[id].target_level end
function api.gap(id) return view.dimensions[id].gap end
function api.assessed(id) return view.dimensions[id].assessed end
function api.name(id) return (id:match("[^.]+$"):gsub("_", " "):gsub("^%l", string.upper)) end
function api.fact(name) return view.facts[name] end
function api.has_fact(name) return view.facts[name] ~= nil end
function api.param(name) return params[name] end

function api.spread(id)
  local spread = view.dimensions[id].spread
  if spread == nil then return nil end
  return { count = spread.count, min = spread.min, max = spread.max, mean = spread.mean, stddev = spread.stddev }
end

function api.needs(id, level)
  local dimension, threshold = view.dimensions[id], threshold_of(level)
  return dimension.assessed and dimension.score < threshold and dimension.target >= threshold
end

function api.below(id, level)
  local dimension = view.dimensions[id]
  return dimension.assessed and dimension.score < threshold_of(level)
end

function api.at_least(id, level)
  local dimension = view.dimensions[id]
  return dimension.assessed and dimension.score >= threshold_of(level)
end

function api.fact_below(name, limit)
  local value = view.facts[name]
  return value ~= nil and value < limit
end

function api.fact_at_least(name, limit)
  local value = view.facts[name]
  return value ~= nil and value >= limit
end

function api.fact_is(name, expected)
  return view.facts[name] == expected
end

function api.disagree(id, width)
  local spread = view.dimensions[id].spread
  return spread ~= nil and spread.max - spread.min >= (width or 1.0)
end


-- Weighted means (all weights are 1 in the built-in model) over the assessed dimensions of `competency`, or all.
local function aggregate(competency)
  local count, score, target, gap = 0, 0.0, 0.0, 0.0
  for _, id in ipairs(DIMENSION_IDS) do
    local dimension = view.dimensions[id]
    if dimension.assessed and (competency == nil or dimension.competency == competency) then
      count, score, target, gap = count + 1, score + dimension.score, target + dimension.target, gap + dimension.gap
    end
  end
  local result = { id = competency, assessed = count }
  if count > 0 then
    result.score, result.target, result.gap = round4(score / count), round4(target / count), round4(gap / count)
    result.level = level_of(result.score)
  end
  return result
end

function api.competency(id) return aggregate(id) end
function api.overall() return aggregate(nil) end

function api.weakest(n, competency)
  local candidates = {}
  for _, id in ipairs(DIMENSION_IDS) do
    local dimension = view.dimensions[id]
    if dimension.assessed and (competency == nil or dimension.competency == competency) then
      candidates[#candidates + 1] = dimension
    end
  end
  sort(candidates, function(a, b)
    if a.score ~= b.score then return a.score < b.score end
    return a.id < b.id
  end)
  local ids = {}
  for i = 1, math.min(n, #candidates) do ids[i] = candidates[i].id end
  return ids
end

-- NOTE: percent() and money() format more simply than csm's. They only shape reason texts,
-- which the benchmark does not compare.
function api.percent(ratio) return format("%g %%", floor(ratio * 1000 + 0.5) / 10) end
function api.money(amount) return format("$%.1fM", amount / 1e6) end

-- Rule files see the API, then the current assessment's `organization` and `assessed_on`, then Lua's globals.
local api_metatable = {
  __index = function(_, key)
    local value = api[key]
    if value ~= nil then return value end
    if key == "organization" then return view and view.organization end
    if key == "assessed_on" then return view and view.assessed_on end
    return _G[key]
  end,
}


-- ---------------------------------------------------------------------------
-- Rule packs: files, manifests, declarations
-- ---------------------------------------------------------------------------

local json_module  -- the JSON decoder, set by set_json() so that lupa can load it as well

function harness.set_json(module) json_module = module end


local function read_file(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("a")
  file:close()
  return text
end


-- Lists files under `directory` whose names end in `suffix`, in byte order of their paths.
-- lupa's Lua has no io.popen, so bench/lupa_bench.py replaces harness.list_files.
function harness.list_files(directory, suffix)
  local command = format("find '%s' -type f -name '*%s' -not -path '*/.*'", directory:gsub("'", "'\\''"), suffix)
  local pipe = assert(io.popen(command))
  local paths = {}
  for path in pipe:lines() do paths[#paths + 1] = path end
  pipe:close()
  sort(paths)
  return paths
end


local function pack_parameters(manifest)
  local values = {}
  for name, parameter in next, manifest.parameters or {} do
    local value = parameter.default
    if parameter.type == "number" then value = value + 0.0 end
    if parameter.type == "integer" then value = math.tointeger(value) end
    values[name] = value
  end
  return values
end


-- Loads packs in order (the first is core) and returns the active rules in evaluation order.
-- A later pack's `override = true` replaces an earlier rule in place; `disable` removes one.
function harness.load_packs(directories)
  local rules, by_id = {}, {}
  for _, directory in ipairs(directories) do
    local manifest, manifest_path = {}, directory .. "/pack.json"
    local probe = io.open(manifest_path, "rb")
    if probe then
      probe:close()
      manifest = json_module.decode(read_file(manifest_path))
    end
    local pack = { name = manifest.name or directory, params = pack_parameters(manifest) }
    for _, path in ipairs(harness.list_files(directory, ".lua")) do
      if not path:sub(#directory + 2):match("^tests/") then
        local declared = {}
        local env = setmetatable({}, api_metatable)
        env.rule = function(definition) declared[#declared + 1] = { kind = "rule", definition = definition } end
        env.adjust = function(definition) declared[#declared + 1] = { kind = "adjust", definition = definition } end
        local chunk = assert(loadfile(path, "t", env))
        chunk()
        for _, declaration in ipairs(declared) do
          local definition = declaration.definition
          local rule = { id = definition.id, kind = declaration.kind, pack = pack, when = definition.when,
                         reason = definition.reason,
                         weight = declaration.kind == "adjust" and definition.factor or definition.priority }
          local earlier = by_id[rule.id]
          if earlier and definition.override then
            rules[earlier] = rule
          else
            rules[#rules + 1] = rule
            by_id[rule.id] = #rules
          end
        end
      end
    end
    for _, id in ipairs(manifest.disable or {}) do
      if by_id[id] then rules[by_id[id]] = false end
    end
  end
  local active = {}
  for _, rule in ipairs(rules) do
    if rule then active[#active + 1] = rule end
  end
  return active
end


-- ---------------------------------------------------------------------------
-- Evaluation
-- ---------------------------------------------------------------------------

-- Runs every rule over one view; returns the ids of the rules that fired, in rule order.
-- A fired rule's reason and priority (or factor) functions run too, as they do in csm.
function harness.evaluate(rules, assessment_view)
  view = assessment_view
  local fired = {}
  for index = 1, #rules do
    local rule = rules[index]
    params = rule.pack.params
    local result = rule.when()
    if result ~= true and result ~= false then
      error(format("rule '%s': when() must return true or false, got %s", rule.id, type(result)))
    end
    if result then
      fired[#fired + 1] = rule.id
      if type(rule.reason) == "function" then rule.reason() end
      if type(rule.weight) == "function" then rule.weight() end
    end
  end
  view, params = nil, nil
  return fired
end


-- ---------------------------------------------------------------------------
-- Command line
-- ---------------------------------------------------------------------------

local function usage(message)
  io.stderr:write("harness.lua: ", message, "\n",
    "usage: lua5.4 harness.lua --rules DIR [--rules DIR]... [--fired] [--phases] INPUT...\n")
  os.exit(2)
end


-- Calls `handle(text)` for every assessment in `input`.
local function for_each_document(input, handle)
  if input == "-" or input:match("%.jsonl$") or input:match("%.ndjson$") then
    local lines = input == "-" and io.stdin:lines() or io.lines(input)
    for line in lines do
      if line:find("%S") then handle(line) end
    end
  elseif input:match("%.json$") then
    handle(read_file(input))
  else
    for _, path in ipairs(harness.list_files(input, ".json")) do handle(read_file(path)) end
  end
end


local function main(arguments)
  local directories, inputs, print_fired, time_phases = {}, {}, false, false
  local index = 1
  while index <= #arguments do
    local argument = arguments[index]
    if argument == "--rules" then
      directories[#directories + 1] = arguments[index + 1] or usage("missing directory after --rules")
      index = index + 1
    elseif argument == "--fired" then
      print_fired = true
    elseif argument == "--phases" then
      time_phases = true
    elseif argument:match("^%-%-") then
      usage("unknown option " .. argument)
    else
      inputs[#inputs + 1] = argument
    end
    index = index + 1
  end
  if #directories == 0 then usage("missing --rules: give the built-in pack first, for example --rules rules") end
  if #inputs == 0 then usage("missing INPUT: give an assessment, a JSON Lines file, a directory or -") end

  local script_directory = (arg[0]:match("^(.*)/[^/]*$") or ".")
  harness.set_json(dofile(script_directory .. "/json.lua"))
  local started = os.clock()
  local rules = harness.load_packs(directories)
  local count, fired_total = 0, 0
  local phase_seconds = { decode = 0.0, score = 0.0, rules = 0.0 }
  local clock = time_phases and os.clock or function() return 0.0 end
  local output = io.stdout
  for _, input in ipairs(inputs) do
    for_each_document(input, function(text)
      local decode_started = clock()
      local assessment = json_module.decode(text)
      if type(assessment) ~= "table" or assessment.schema ~= "csm.assessment/v1" then
        io.stderr:write("harness: skipped a document that is not a csm.assessment/v1 assessment in ", input, "\n")
        return
      end
      local score_started = clock()
      local view = harness.score(assessment)
      local rules_started = clock()
      local fired = harness.evaluate(rules, view)
      local finished = clock()
      phase_seconds.decode = phase_seconds.decode + (score_started - decode_started)
      phase_seconds.score = phase_seconds.score + (rules_started - score_started)
      phase_seconds.rules = phase_seconds.rules + (finished - rules_started)
      count, fired_total = count + 1, fired_total + #fired
      if print_fired then
        sort(fired)
        output:write(assessment.organization.name, "\t", concat(fired, ","), "\n")
      end
    end)
  end
  io.stderr:write(format("harness: %d assessments, %d rules, %d fired, %.3f s CPU\n",
    count, #rules, fired_total, os.clock() - started))
  if time_phases and count > 0 then
    io.stderr:write(format("harness phases: decode %.1f µs, score %.1f µs, rules %.1f µs of CPU per assessment\n",
      phase_seconds.decode / count * 1e6, phase_seconds.score / count * 1e6, phase_seconds.rules / count * 1e6))
  end
end


if arg ~= nil and arg[0] ~= nil and arg[0]:match("harness%.lua$") then
  main(arg)
end

return harness
