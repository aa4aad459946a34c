-- csm prelude: builds the rule sandbox and drives rule packs.
--
-- This is trusted code. It runs outside the rule limits, so it calls rule
-- code only through host.guarded_call, and it reads tables made by rules
-- with raw access only (rawget, rawlen, next), never through metamethods.

local host = ...

local type, next, select, tostring, tonumber, error = type, next, select, tostring, tonumber, error
local rawget, rawset, rawlen, rawequal = rawget, rawset, rawlen, rawequal
local setmetatable, getmetatable, pcall = setmetatable, getmetatable, pcall
local string, table, math, utf8, os, coroutine = string, table, math, utf8, os, coroutine
local format, concat, sort = string.format, table.concat, table.sort
local guarded_call = host.guarded_call

local MAX_LOG_LINES = 50
local MAX_LOG_LINE_BYTES = 500
local MAX_COPY_DEPTH = 12


-- ---------------------------------------------------------------------------
-- Small utilities
-- ---------------------------------------------------------------------------

local function sorted_keys(t)
  local keys = {}
  for key in next, t do keys[#keys + 1] = key end
  sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  return keys
end


local function edit_distance(a, b)
  local previous = {}
  for j = 0, #b do previous[j] = j end
  for i = 1, #a do
    local current = { [0] = i }
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      current[j] = math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    end
    previous = current
  end
  return previous[#b]
end


-- Returns the valid name closest to `name`, or nil when none is close.
local function closest(name, candidates)
  if type(name) ~= "string" then return nil end
  local best, best_distance = nil, math.huge
  for _, candidate in next, candidates do
    local distance = edit_distance(name, candidate)
    if distance < best_distance then best, best_distance = candidate, distance end
  end
  if best and best_distance <= math.max(2, #name // 3) then return best end
  return nil
end


local function unknown_name_message(what, name, candidates, extra)
  local text = format("unknown %s %s", what, type(name) == "string" and format("'%s'", name) or tostring(name))
  local suggestion = extra or closest(name, candidates)
  if suggestion then return text .. format(" (did you mean '%s'?)", suggestion) end
  return text .. "; valid: " .. concat(candidates, ", ")
end


local function describe(value)
  if type(value) == "string" then return format("%q", value) end
  if math.type(value) == "float" then
    if value == math.floor(value) and math.abs(value) < 1e15 then return format("%d", value) end
    return format("%.2f", value)
  end
  return tostring(value)
end


-- Copies a rule-made value with raw access, so later reads cannot run its metamethods.
local function raw_copy(value, depth)
  if type(value) ~= "table" then return value end
  if depth > MAX_COPY_DEPTH then error(format("table nested more than %d levels deep (or cyclic)", MAX_COPY_DEPTH), 0) end
  local copy = {}
  local key, item = next(value)
  while key ~= nil do
    rawset(copy, raw_copy(key, depth + 1), raw_copy(item, depth + 1))
    key, item = next(value, key)
  end
  return copy
end


-- ---------------------------------------------------------------------------
-- The sandbox: what rule code can reach
-- ---------------------------------------------------------------------------

local protected = setmetatable({}, { __mode = "k" })  -- read-only tables made here

local function readonly(name, source)
  local proxy = {}
  setmetatable(proxy, {
    __index = source,
    __newindex = function(_, key)
      error(format("%s is read-only (cannot set '%s')", name, tostring(key)), 2)
    end,
    __pairs = function()
      -- Sorted, so Lua's hash order cannot reach a rule's output.
      local keys = sorted_keys(source)
      local position = 0
      return function()
        position = position + 1
        local key = keys[position]
        if key == nil then return nil end
        return key, source[key]
      end
    end,
    __len = function() return rawlen(source) end,
    __metatable = false,
  })
  protected[proxy] = true
  return proxy
end


local state = {
  random_used = true,     -- math.random was used since the last reseed
  in_rule = false,        -- a rule function runs (print() writes to its log only then)
  view = nil,            -- data of the assessment being evaluated
  trace = nil,           -- list of reads and checks of the running rule, when tracing
  log = nil,             -- lines the running rule printed
  params = nil,          -- parameters of the running rule's pack
  declaring = nil,       -- list that rule{} and adjust{} append to while a file loads
  assessed_at = nil,     -- os.time() inside rules: the assessment date, for reproducible runs; nil while files load
}

local real_os_time, real_os_date = os.time, os.date

local sandbox_os = {
  time = function(t)
    if t ~= nil then return real_os_time(t) end
    if state.assessed_at == nil then
      error("os.time() is the assessment date, which is not available while a rule file loads; call it inside when()", 2)
    end
    return state.assessed_at
  end,
  date = function(fmt, t)
    if t == nil then
      if state.assessed_at == nil then
        error("os.date() uses the assessment date, which is not available while a rule file loads; call it inside when()", 2)
      end
      t = state.assessed_at
    end
    return real_os_date(fmt, t)
  end,
  clock = os.clock,
}

local real_tostring = tostring

local function safe_tostring(value)
  local text = real_tostring(value)
  local kind = type(value)
  if kind == "table" or kind == "function" or kind == "thread" or kind == "userdata" then
    -- Addresses change from run to run; hide them so output stays reproducible.
    if text:match("^%a+: 0?x?%x+$") or text:match("^builtin: 0?x?%x+$") then return kind end
  end
  return text
end

-- string.format("%s", t) would print a table's address, which changes from run
-- to run; format such arguments the way the sandbox's tostring does.
local real_format = string.format
local function is_reference(value)
  local kind = type(value)
  return kind == "table" or kind == "function" or kind == "thread" or kind == "userdata"
end

local function has_reference_value(...)
  for i = 1, select("#", ...) do
    if is_reference((select(i, ...))) then return true end
  end
  return false
end

string.format = function(pattern, ...)
  local ok, result
  if has_reference_value(...) then
    local count = select("#", ...)
    local arguments = { ... }
    for i = 1, count do
      if is_reference(arguments[i]) then arguments[i] = safe_tostring(arguments[i]) end
    end
    ok, result = pcall(real_format, pattern, table.unpack(arguments, 1, count))
  else
    -- The common case: numbers and strings only, formatted without copying the arguments.
    ok, result = pcall(real_format, pattern, ...)
  end
  if not ok then error((tostring(result):gsub("'real_format'", "'format'"):gsub("to '%?'", "to 'format'")), 2) end
  return result
end

-- table.move, insert and remove loop in C over a range that the caller or a __len
-- metamethod chooses, and no hook can stop that loop. A range longer than any table
-- the memory limit allows is rejected before the loop starts.
local MAX_TABLE_SPAN = 1 << 24
local real_move, real_insert, real_remove = table.move, table.insert, table.remove

local function check_span(name, from, to)
  from, to = tonumber(from), tonumber(to)
  if from ~= nil and to ~= nil and to - from >= MAX_TABLE_SPAN then
    error(format("bad argument to '%s' (a range of %.0f elements is too long; at most %d)", name, to - from + 1, MAX_TABLE_SPAN), 3)
  end
end

local guarded_table = {}
for key, value in next, table do guarded_table[key] = value end
guarded_table.move = function(source, first, last, target, destination)
  check_span("move", first, last)
  return real_move(source, first, last, target, destination)
end
guarded_table.insert = function(list, ...)
  if select("#", ...) >= 2 then check_span("insert", (...), #list) end
  return real_insert(list, ...)
end
guarded_table.remove = function(list, ...)
  if select("#", ...) >= 1 and (...) ~= nil then check_span("remove", (...), #list) end
  return real_remove(list, ...)
end

local sandbox = {
  _VERSION = _VERSION,
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
  pcall = pcall, xpcall = xpcall, rawequal = rawequal, rawget = rawget, rawlen = rawlen,
  select = select, tonumber = tonumber, type = type, getmetatable = getmetatable,
  tostring = safe_tostring,
  string = readonly("string", string),
  table = readonly("table", guarded_table),
  math = readonly("math", setmetatable({
    -- Rules are reseeded before each call only when one used the generator since the last seed.
    random = function(...)
      state.random_used = true
      return math.random(...)
    end,
    randomseed = function(...)
      state.random_used = true
      return math.randomseed(...)
    end,
  }, { __index = math })),
  utf8 = readonly("utf8", utf8),
  coroutine = readonly("coroutine", coroutine),
  os = readonly("os", sandbox_os),
}

-- Calls a base function for a sandbox wrapper and raises its error at the rule's
-- line. Callers must not tail-call it, so the rule stays 3 levels up.
local function call_for_rule(fn, ...)
  local results = table.pack(pcall(fn, ...))
  if not results[1] then error(results[2], 3) end
  return table.unpack(results, 2, results.n)
end

function sandbox.rawset(t, key, value)
  if protected[t] then error("cannot modify a read-only table", 2) end
  return (call_for_rule(rawset, t, key, value))
end

function sandbox.setmetatable(t, metatable)
  if protected[t] then error("cannot change the metatable of a read-only table", 2) end
  if type(metatable) == "table" and rawget(metatable, "__gc") ~= nil then
    error("__gc metamethods are not allowed in rules", 2)
  end
  return (call_for_rule(setmetatable, t, metatable))
end

-- A message handler runs with hooks off when the error comes from the limit
-- hook, so a looping handler could never be stopped: skip it once a limit is reached.
function sandbox.xpcall(f, handler, ...)
  if type(handler) ~= "function" then
    local results = table.pack(call_for_rule(xpcall, f, handler, ...))
    return table.unpack(results, 1, results.n)
  end
  return xpcall(f, function(message)
    if host.limit_reached() then return message end
    return handler(message)
  end, ...)
end

function sandbox.collectgarbage(option, ...)
  option = option or "collect"
  if option == "count" or option == "collect" or option == "step" or option == "isrunning" then
    local results = table.pack(call_for_rule(collectgarbage, option, ...))
    return table.unpack(results, 1, results.n)
  end
  error(format("collectgarbage('%s') is not available to rules", tostring(option)), 2)
end

function sandbox.print(...)
  if not state.in_rule then return end
  local log = state.log
  if log == nil then
    log = {}
    state.log = log
  end
  if #log >= MAX_LOG_LINES then return end
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = safe_tostring((select(i, ...))) end
  local line = concat(parts, "\t")
  if #line > MAX_LOG_LINE_BYTES then line = line:sub(1, MAX_LOG_LINE_BYTES) .. "..." end
  log[#log + 1] = line
end

local new_environment

function sandbox.load(chunk, name, mode, env)
  if type(chunk) ~= "string" then
    error(format("load accepts a string of Lua source text, got %s", type(chunk)), 2)
  end
  if mode ~= nil and mode ~= "t" then
    return nil, "binary chunks are not allowed; load accepts text (mode \"t\") only"
  end
  if env == nil then env = new_environment() end
  local label = type(name) == "string" and name:gsub("^[@=]", "") or "load"
  return host.load_text(chunk, "=" .. label, env)
end

local environment_metatable = { __index = sandbox, __metatable = false }

-- A fresh global table for one rule file: writes stay in it, reads fall back to the sandbox.
function new_environment()
  local env = setmetatable({}, environment_metatable)
  rawset(env, "_G", env)
  return env
end


-- ---------------------------------------------------------------------------
-- The rule API: reads and checks over the evaluated assessment
-- ---------------------------------------------------------------------------

local catalog = {
  dimension_ids = {},   -- full ids in model order
  short_ids = {},       -- short id -> full id
  competency_ids = {},
  level_names = {},     -- in order
  thresholds = {},      -- level name -> threshold
  fact_ids = {},        -- model facts
}

-- Records a read or check for --explain and why-not; a repeated identical read is kept once.
local function record(call, value, note)
  local trace = state.trace
  if trace == nil then return end
  local seen = state.trace_seen
  if seen == nil then
    seen = {}
    state.trace_seen = seen
  end
  local key = call .. "\0" .. tostring(value)
  if seen[key] then return end
  seen[key] = true
  trace[#trace + 1] = { call = call, value = value, note = note, phase = state.phase }
end


-- Returns the assessment view; `level` is the error level of the rule code that asked.
local function current_view(level)
  local view = state.view
  if view == nil then
    error("the assessment is not available while a rule file loads; read it inside when(), reason() or priority()", level)
  end
  return view
end


local function dimension_record(id)
  local view = current_view(4)
  local dimension = type(id) == "string" and rawget(view.dimensions, id) or nil
  if dimension == nil then
    local hint = type(id) == "string" and catalog.short_ids[id] or nil
    error(unknown_name_message("dimension id", id, catalog.dimension_ids, hint), 3)
  end
  return dimension
end


local function threshold_of(level)
  if math.type(level) ~= nil then
    if level >= 0 and level <= 3 then return level, format("%g", level) end
  else
    local threshold = type(level) == "string" and catalog.thresholds[level] or nil
    if threshold ~= nil then return threshold, level end
  end
  error(unknown_name_message("level", level, catalog.level_names) .. " (or a number from 0 to 3)", 3)
end


local function fact_value(name, level)
  local view = current_view(level + 1)
  local custom = type(name) == "string" and name:sub(1, 2) == "x_"
  if type(name) ~= "string" or (catalog.fact_set[name] == nil and not custom) then
    local valid = {}
    for _, id in next, catalog.fact_ids do valid[#valid + 1] = id end
    error(unknown_name_message("fact", name, valid), level)
  end
  return rawget(view.facts, name)
end


local function copy_table(t)
  if t == nil then return nil end
  local copy = {}
  for key, value in next, t do copy[key] = value end
  return copy
end


local api = {}

function api.score(id)
  local value = dimension_record(id).score
  if state.trace then record(format("score(%q)", id), value) end
  return value
end

function api.level(id)
  local value = dimension_record(id).level
  if state.trace then record(format("level(%q)", id), value) end
  return value
end

function api.target(id)
  local value = dimension_record(id).target
  if state.trace then record(format("target(%q)", id), value) end
  return value
end

function api.target_level(id)
  local value = dimension_record(id).target_level
  if state.trace then record(format("target_level(%q)", id), value) end
  return value
end

function api.gap(id)
  local value = dimension_record(id).gap
  if state.trace then record(format("gap(%q)", id), value) end
  return value
end

function api.assessed(id)
  local value = dimension_record(id).assessed
  if state.trace then record(format("assessed(%q)", id), value) end
  return value
end

function api.spread(id)
  local value = dimension_record(id).spread
  if state.trace then
    record(format("spread(%q)", id), value and format("min %.2f, max %.2f, stddev %.2f, %d respondents",
      value.min, value.max, value.stddev, value.count) or nil)
  end
  return copy_table(value)
end

function api.competency(id)
  local view = current_view(3)
  local value = type(id) == "string" and rawget(view.competencies, id) or nil
  if value == nil then error(unknown_name_message("competency id", id, catalog.competency_ids), 2) end
  if state.trace then record(format("competency(%q)", id), value.score and format("score %.2f (%s)", value.score, value.level) or "not assessed") end
  return copy_table(value)
end

function api.overall()
  local value = current_view(3).overall
  if state.trace then record("overall()", value.score and format("score %.2f (%s)", value.score, value.level) or "not assessed") end
  return copy_table(value)
end

function api.weakest(n, competency_id)
  local view = current_view(3)
  if math.type(n) ~= "integer" or n < 1 then error("weakest(n): n must be a positive integer", 2) end
  if competency_id ~= nil and rawget(view.competencies, competency_id) == nil then
    error(unknown_name_message("competency id", competency_id, catalog.competency_ids), 2)
  end
  local candidates = {}
  for _, id in next, catalog.dimension_ids do
    local dimension = view.dimensions[id]
    if dimension.assessed and (competency_id == nil or dimension.competency == competency_id) then
      candidates[#candidates + 1] = dimension
    end
  end
  sort(candidates, function(a, b)
    if a.score ~= b.score then return a.score < b.score end
    return a.id < b.id
  end)
  local ids = {}
  for i = 1, math.min(n, #candidates) do ids[i] = candidates[i].id end
  if state.trace then record(format("weakest(%d%s)", n, competency_id and format(", %q", competency_id) or ""), concat(ids, ", ")) end
  return ids
end

function api.fact(name)
  local value = fact_value(name, 3)
  if state.trace then record(format("fact(%q)", name), value, value == nil and "not given" or nil) end
  return value
end

function api.has_fact(name)
  local value = fact_value(name, 3) ~= nil
  if state.trace then record(format("has_fact(%q)", name), value) end
  return value
end

function api.param(name)
  local params = state.params or {}
  local value = nil
  if type(name) == "string" then value = params[name] end
  if value == nil then
    local names = sorted_keys(params)
    if #names == 0 then error(format("unknown parameter '%s': this pack has no parameters (pack.json declares them)", tostring(name)), 2) end
    error(unknown_name_message("parameter", name, names), 2)
  end
  if state.trace then record(format("param(%q)", name), value) end
  return value
end

function api.needs(id, level)
  local dimension = dimension_record(id)
  local threshold, label = threshold_of(level)
  local call = state.trace and format("needs(%q, %q)", id, label)
  if not dimension.assessed then
    if state.trace then record(call, false, "dimension not assessed") end
    return false
  end
  if dimension.score >= threshold then
    if state.trace then record(call, false, format("score %.2f already reaches %s (%g)", dimension.score, label, threshold)) end
    return false
  end
  if dimension.target < threshold then
    if state.trace then record(call, false, format("target %.2f (%s) does not reach %s (%g)", dimension.target, dimension.target_level, label, threshold)) end
    return false
  end
  if state.trace then record(call, true, format("score %.2f is below %s (%g) and the target is %.2f", dimension.score, label, threshold, dimension.target)) end
  return true
end

function api.below(id, level)
  local dimension = dimension_record(id)
  local threshold, label = threshold_of(level)
  local call = state.trace and format("below(%q, %q)", id, label)
  if not dimension.assessed then
    if state.trace then record(call, false, "dimension not assessed") end
    return false
  end
  local result = dimension.score < threshold
  if state.trace then record(call, result, format("score %.2f, %s starts at %g", dimension.score, label, threshold)) end
  return result
end

function api.at_least(id, level)
  local dimension = dimension_record(id)
  local threshold, label = threshold_of(level)
  local call = state.trace and format("at_least(%q, %q)", id, label)
  if not dimension.assessed then
    if state.trace then record(call, false, "dimension not assessed") end
    return false
  end
  local result = dimension.score >= threshold
  if state.trace then record(call, result, format("score %.2f, %s starts at %g", dimension.score, label, threshold)) end
  return result
end

local function numeric_fact(name)
  local value = fact_value(name, 4)
  if value ~= nil and type(value) ~= "number" then
    error(format("fact '%s' is a %s, not a number; use fact_is()", name, type(value)), 3)
  end
  return value
end

function api.fact_below(name, limit)
  local value = numeric_fact(name)
  if type(limit) ~= "number" then error("fact_below(name, x): x must be a number", 2) end
  local call = state.trace and format("fact_below(%q, %s)", name, describe(limit))
  if value == nil then
    if state.trace then record(call, false, "fact not given") end
    return false
  end
  local result = value < limit
  if state.trace then record(call, result, format("%s is %s", name, describe(value))) end
  return result
end

function api.fact_at_least(name, limit)
  local value = numeric_fact(name)
  if type(limit) ~= "number" then error("fact_at_least(name, x): x must be a number", 2) end
  local call = state.trace and format("fact_at_least(%q, %s)", name, describe(limit))
  if value == nil then
    if state.trace then record(call, false, "fact not given") end
    return false
  end
  local result = value >= limit
  if state.trace then record(call, result, format("%s is %s", name, describe(value))) end
  return result
end

function api.fact_is(name, expected)
  local value = fact_value(name, 3)
  local choices = catalog.fact_choices[name]
  if choices ~= nil and choices[expected] == nil then
    error(unknown_name_message(format("value for fact '%s':", name), expected, sorted_keys(choices)), 2)
  end
  local call = state.trace and format("fact_is(%q, %s)", name, describe(expected))
  if value == nil then
    if state.trace then record(call, false, "fact not given") end
    return false
  end
  local result = value == expected
  if state.trace then record(call, result, format("%s is %s", name, describe(value))) end
  return result
end

function api.disagree(id, width)
  local dimension = dimension_record(id)
  width = width or 1.0
  if type(width) ~= "number" then error("disagree(dim, width): width must be a number", 2) end
  local call = state.trace and format("disagree(%q, %s)", id, describe(width))
  local spread = dimension.spread
  if spread == nil then
    if state.trace then record(call, false, "no respondent scores") end
    return false
  end
  local range = spread.max - spread.min
  local result = range >= width
  if state.trace then record(call, result, format("respondents range from %.2f to %.2f", spread.min, spread.max)) end
  return result
end

function api.name(id)
  dimension_record(id)
  return catalog.names[id] or id
end

local function finite_number(value, call)
  if type(value) ~= "number" then error(format("%s: expected a number, got %s", call, type(value)), 3) end
  if value ~= value or value == math.huge or value == -math.huge then
    error(format("%s: the number is not finite (%s)", call, tostring(value)), 3)
  end
end

-- Rounds half away from zero to `decimals` places.
local function round_to(value, decimals)
  local scale = 10 ^ decimals
  local scaled = math.abs(value) * scale
  local rounded = math.floor(scaled + 0.5) / scale
  return value < 0 and -rounded or rounded
end

-- Formats a ratio as a percentage with at most one decimal: percent(0.853) is "85.3 %".
function api.percent(ratio)
  finite_number(ratio, "percent(ratio)")
  local value = round_to(ratio * 100, 1)
  if value == math.floor(value) then return format("%d %%", math.floor(value)) end
  return format("%.1f %%", value)
end

-- Formats an amount of money compactly: money(4200000) is "$4.2M", money(697000) is "$697k", money(999) is "$999".
function api.money(amount)
  finite_number(amount, "money(amount)")
  local magnitude, sign = math.abs(amount), amount < 0 and "-" or ""
  local units = { { 1e9, "B" }, { 1e6, "M" }, { 1e3, "k" } }
  for index, unit in ipairs(units) do
    if magnitude >= unit[1] then
      local value = round_to(magnitude / unit[1], 1)
      if value >= 1000 and index > 1 then
        unit = units[index - 1]
        value = round_to(magnitude / unit[1], 1)
      end
      if value >= 100 then return format("%s$%d%s", sign, math.floor(round_to(value, 0)), unit[2]) end
      return format("%s$%.1f%s", sign, value, unit[2])
    end
  end
  local whole = math.floor(magnitude + 0.5)
  if whole >= 1000 then return format("%s$1.0k", sign) end
  return format("%s$%d", sign, whole)
end

for name, fn in next, api do sandbox[name] = fn end


-- ---------------------------------------------------------------------------
-- Declarations: rule { ... } and adjust { ... }
-- ---------------------------------------------------------------------------

local function declare(kind)
  return function(definition)
    local declaring = state.declaring
    if declaring == nil then
      error(format("%s { ... } can only be called while a rule file loads, not inside a rule", kind), 2)
    end
    if type(definition) ~= "table" then
      error(format("%s expects a table: %s { id = \"...\", ... }", kind, kind), 2)
    end
    local file, line
    if state.copy_declarations then file, line = host.caller_location() end
    local copy = definition
    if state.copy_declarations then
      -- The first load sends declarations to the host, so copy them with raw access: no
      -- metamethod of a rule's table may run while they are read. Later reloads only need
      -- when/reason/priority/factor, which the driver reads with rawget.
      local ok, copied = pcall(raw_copy, definition, 1)
      if not ok then error(format("%s declaration: %s", kind, tostring(copied)), 2) end
      copy = copied
    end
    declaring[#declaring + 1] = { kind = kind, file = file, line = line, definition = copy }
  end
end

sandbox.rule = declare("rule")
sandbox.adjust = declare("adjust")


-- ---------------------------------------------------------------------------
-- Driver: the functions Swift calls
-- ---------------------------------------------------------------------------

local packs = {}          -- { name =, params =, files = { { path =, chunk = } } }
local rules = {}          -- global index -> { pack =, file_index =, kind =, id =, definition = }
local evaluations = 0     -- assessments evaluated since the rule files last ran

local driver = {}

local function describe_error(info)
  return { kind = info.kind, message = info.message, file = info.file, line = info.line }
end


-- Gives a stateless file a fresh copy of the globals it had right after it first ran, and
-- puts its upvalue cells back as they were then.
local function restore_globals(file)
  local env = new_environment()
  for key, value in next, file.globals do rawset(env, key, value) end
  rawset(env, "_G", env)
  host.set_env(file.chunk, env)
  host.restore_upvalues(file.upvalues)
end


-- Runs every file's main chunk with a fresh environment and collects its declarations.
-- With `reset`, a file found stateless at its first run only gets its globals restored:
-- it keeps no other state, so running it again would give the same rules.
local function run_files(on_file, reset)
  local saved_time = state.assessed_at
  state.assessed_at = nil
  for pack_index, pack in next, packs do
    for file_index, file in next, pack.files do
      local declared = {}
      if reset and file.globals ~= nil then
        restore_globals(file)
      elseif file.chunk ~= nil then
        host.set_current_rule(-(pack_index * 100000 + file_index))
        local env = new_environment()
        host.set_env(file.chunk, env)
        state.declaring = declared
        local ok, info = guarded_call(file.chunk)
        state.declaring = nil
        local failure = nil
        if not ok then failure = describe_error(info) end
        local functions = {}
        for _, declaration in next, declared do
          for _, field in next, { "when", "reason", "priority", "factor" } do
            local value = rawget(declaration.definition, field)
            if type(value) == "function" then functions[#functions + 1] = value end
          end
        end
        local stateless, upvalues = false, nil
        if ok and not reset then stateless, upvalues = host.is_stateless(file.chunk, env, functions) end
        if stateless then
          local globals = {}
          for key, value in next, env do globals[key] = value end
          file.globals = globals
          file.upvalues = upvalues
        end
        on_file(pack_index, file_index, file, declared, failure)
      else
        on_file(pack_index, file_index, file, declared, nil)
      end
    end
  end
  state.assessed_at = saved_time
end


local function declaration_summary(declaration)
  local definition = declaration.definition
  return {
    kind = declaration.kind,
    file = declaration.file,
    line = declaration.line,
    definition = definition,
  }
end


-- configure { model = {...}, packs = { { name, params, files = { { path, source } } } } }
function driver.configure(config)
  local model = config.model
  for i, dimension in next, model.dimensions do
    catalog.dimension_ids[i] = dimension.id
    catalog.short_ids[dimension.short] = dimension.id
  end
  for i, competency in next, model.competencies do catalog.competency_ids[i] = competency.id end
  for i, level in next, model.levels do
    catalog.level_names[i] = level.id
    catalog.thresholds[level.id] = level.threshold
  end
  catalog.fact_ids = model.facts
  catalog.fact_set = {}
  for _, id in next, model.facts do catalog.fact_set[id] = true end
  catalog.fact_choices = {}
  for id, values in next, model.fact_choices or {} do
    local set = {}
    for _, value in next, values do set[value] = true end
    catalog.fact_choices[id] = set
  end
  catalog.names = {}
  for _, dimension in next, model.dimensions do catalog.names[dimension.id] = dimension.name end

  packs, rules = {}, {}
  local files_out = {}
  for pack_index, pack in next, config.packs do
    local entry = { name = pack.name, params = pack.params or {}, files = {} }
    packs[pack_index] = entry
    for file_index, file in next, pack.files do
      local chunk, message = host.load_text(file.source, "@" .. file.path)
      entry.files[file_index] = { path = file.path, chunk = chunk, compile_error = message }
    end
  end

  state.copy_declarations = true
  run_files(function(pack_index, file_index, file, declared, failure)
    local out = { pack = pack_index, path = file.path, declarations = {} }
    if file.compile_error ~= nil then
      out.error = { kind = "syntax", message = file.compile_error }
    elseif failure ~= nil then
      out.error = failure
    else
      for _, declaration in next, declared do
        local index = #rules + 1
        rules[index] = { pack = pack_index, file_index = file_index, kind = declaration.kind,
                         id = rawget(declaration.definition, "id"), definition = declaration.definition,
                         position = #out.declarations + 1 }
        local summary = declaration_summary(declaration)
        summary.index = index
        out.declarations[#out.declarations + 1] = summary
      end
    end
    files_out[#files_out + 1] = out
  end)
  state.copy_declarations = false
  evaluations = 0
  return { files = files_out }
end


-- Runs the rule files again so no global or upvalue survives from the previous assessment.
local function refresh_rules()
  local failures = {}
  run_files(function(pack_index, file_index, _, declared, failure)
    local fresh = {}
    for position, declaration in next, declared do fresh[position] = declaration end
    for _, rule in next, rules do
      if rule.pack == pack_index and rule.file_index == file_index then
        local declaration = fresh[rule.position]
        if failure ~= nil then
          failures[rule] = failure
        elseif declaration == nil or rawget(declaration.definition, "id") ~= rule.id then
          failures[rule] = { kind = "error", message = "the rule file declared different rules when it ran again" }
        else
          rule.definition = declaration.definition
        end
      end
    end
  end, true)
  return failures
end


-- Calls a rule's function field under the limits; a field that is a value is returned as is.
-- Rule functions return at most two values (priority: a factor and its reason).
local function call_field(rule, field)
  local value = rawget(rule.definition, field)
  if type(value) ~= "function" then return true, value end
  state.phase = field
  return guarded_call(value)
end


local function check_boolean(value, rule, field)
  if value == true or value == false then return nil end
  local fn = rawget(rule.definition, field)
  local file, line
  if type(fn) == "function" then file, line = host.function_location(fn) end
  return { kind = "error", file = file, line = line,
           message = format("%s() must return true or false, got %s", field, type(value)) }
end


local QUIET = 0  -- the result of a rule that did not fire, printed nothing and was not traced

local function evaluate_rule(rule, index, tracing)
  host.set_current_rule(index)
  state.params = packs[rule.pack].params
  state.trace = tracing and {} or nil
  state.trace_seen = nil
  state.log = nil
  state.in_rule = true
  if state.random_used then
    math.randomseed(0x5eed)
    state.random_used = false
  end

  local ok, fired = call_field(rule, "when")
  if ok then
    local problem = check_boolean(fired, rule, "when")
    if problem then ok, fired = false, problem end
  end
  if ok and not fired and state.trace == nil and state.log == nil then
    state.params, state.in_rule = nil, false
    return QUIET
  end
  local result = { status = "not_fired" }
  if not ok then
    result.status, result.error = "error", fired
  elseif fired then
    result.status = "fired"
    local reason_ok, reason = call_field(rule, "reason")
    if not reason_ok then
      result.status, result.error = "error", reason
    else
      result.reason = reason
    end
    if result.status == "fired" then
      local field = rule.kind == "adjust" and "factor" or "priority"
      local factor_ok, factor, factor_reason = call_field(rule, field)
      if not factor_ok then
        result.status, result.error = "error", factor
      else
        result.factor, result.factor_reason = factor, factor_reason
      end
    end
  end
  result.trace = state.trace
  result.log = state.log
  state.trace, state.log, state.params, state.in_rule = nil, nil, nil, false
  return result
end


-- evaluate { view = {...}, rules = { index... }, trace = bool, params = { [pack index] = {...} } }
function driver.evaluate(request)
  local view = request.view
  state.assessed_at = view.assessed_at or 0
  local failures = {}
  if evaluations > 0 then failures = refresh_rules() end
  evaluations = evaluations + 1
  state.view = view
  sandbox.organization = readonly("organization", view.organization or {})
  sandbox.assessed_on = view.assessed_on

  local overrides = request.params or {}
  local results = {}
  local stopped = false
  for position, index in next, request.rules do
    local rule = rules[index]
    local result
    if stopped then
      result = { status = "skipped" }
    elseif rule == nil then
      result = { status = "error", error = { kind = "error", message = "no rule with index " .. tostring(index) } }
    elseif failures[rule] then
      result = { status = "error", error = failures[rule] }
    else
      local saved = packs[rule.pack].params
      local override = overrides[rule.pack]
      if override then
        local merged = copy_table(saved)
        for key, value in next, override do merged[key] = value end
        packs[rule.pack].params = merged
      end
      result = evaluate_rule(rule, index, request.trace)
      packs[rule.pack].params = saved
    end
    results[position] = result
    if request.stop_on_error and result ~= QUIET and result.status == "error" then stopped = true end
  end
  state.view = nil
  sandbox.organization, sandbox.assessed_on = nil, nil
  return { results = results, memory = host.memory_in_use() }
end


-- file_states() lists every rule file with whether it is stateless, so that between
-- assessments it only gets its globals restored instead of running again.
function driver.file_states()
  local list = {}
  for _, pack in next, packs do
    for _, file in next, pack.files do
      list[#list + 1] = { path = file.path, stateless = file.globals ~= nil }
    end
  end
  return list
end


return driver
