-- A small JSON decoder in pure Lua 5.4, for the benchmark harness.
--
-- It decodes valid JSON and raises an error with the byte offset on the first
-- problem it notices. It does not check everything a strict parser does (duplicate
-- keys, lone surrogates): the benchmark feeds it files that csm accepts. JSON null
-- becomes nil, so an object member set to null is absent and an array keeps its
-- length in the field `n`.

local byte, sub, find, tonumber = string.byte, string.sub, string.find, tonumber
local concat = table.concat
local utf8_char = utf8.char

local json = {}


local function fail(text, position, message)
  error(string.format("invalid JSON at byte %d: %s (near %q)", position, message, sub(text, position, position + 20)), 0)
end


local function skip_space(text, position)
  local _, last = find(text, "^[ \t\r\n]*", position)
  return last + 1
end


local ESCAPES = { [34] = '"', [92] = "\\", [47] = "/", [98] = "\b", [102] = "\f", [110] = "\n", [114] = "\r", [116] = "\t" }

-- Decodes the string whose opening quote is at `position - 1`; returns the string and the position after it.
local function decode_string(text, position)
  local stop, _, found = find(text, '(["\\])', position)
  if stop == nil then fail(text, position, "unterminated string") end
  if found == '"' then return sub(text, position, stop - 1), stop + 1 end

  local parts = {}
  while true do
    stop, _, found = find(text, '(["\\])', position)
    if stop == nil then fail(text, position, "unterminated string") end
    parts[#parts + 1] = sub(text, position, stop - 1)
    if found == '"' then return concat(parts), stop + 1 end
    local code = byte(text, stop + 1)
    if code == 117 then  -- \uXXXX, with a second escape for a surrogate pair
      local value = tonumber(sub(text, stop + 2, stop + 5), 16)
      if value == nil then fail(text, stop, "invalid \\u escape") end
      position = stop + 6
      if value >= 0xD800 and value <= 0xDBFF and sub(text, position, position + 1) == "\\u" then
        local low = tonumber(sub(text, position + 2, position + 5), 16)
        if low and low >= 0xDC00 and low <= 0xDFFF then
          value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
          position = position + 6
        end
      end
      parts[#parts + 1] = utf8_char(value)
    else
      local escaped = ESCAPES[code]
      if escaped == nil then fail(text, stop, "invalid escape") end
      parts[#parts + 1] = escaped
      position = stop + 2
    end
  end
end


local decode_value

local function decode_object(text, position)
  local object = {}
  position = skip_space(text, position)
  if byte(text, position) == 125 then return object, position + 1 end  -- }
  while true do
    if byte(text, position) ~= 34 then fail(text, position, "expected a string key") end
    local key
    key, position = decode_string(text, position + 1)
    position = skip_space(text, position)
    if byte(text, position) ~= 58 then fail(text, position, "expected ':'") end  -- :
    local value
    value, position = decode_value(text, skip_space(text, position + 1))
    object[key] = value
    position = skip_space(text, position)
    local code = byte(text, position)
    if code == 125 then return object, position + 1 end
    if code ~= 44 then fail(text, position, "expected ',' or '}'") end
    position = skip_space(text, position + 1)
  end
end


local function decode_array(text, position)
  local array, count = {}, 0
  position = skip_space(text, position)
  if byte(text, position) == 93 then array.n = 0 return array, position + 1 end  -- ]
  while true do
    local value
    value, position = decode_value(text, position)
    count = count + 1
    array[count] = value
    position = skip_space(text, position)
    local code = byte(text, position)
    if code == 93 then array.n = count return array, position + 1 end
    if code ~= 44 then fail(text, position, "expected ',' or ']'") end
    position = skip_space(text, position + 1)
  end
end


function decode_value(text, position)
  local code = byte(text, position)
  if code == 34 then return decode_string(text, position + 1) end
  if code == 123 then return decode_object(text, position + 1) end
  if code == 91 then return decode_array(text, position + 1) end
  if code == 116 and sub(text, position, position + 3) == "true" then return true, position + 4 end
  if code == 102 and sub(text, position, position + 4) == "false" then return false, position + 5 end
  if code == 110 and sub(text, position, position + 3) == "null" then return nil, position + 4 end
  local first, last = find(text, "^-?%d+%.?%d*[eE]?[-+]?%d*", position)
  if first == nil then fail(text, position, "unexpected character") end
  local number = tonumber(sub(text, first, last))
  if number == nil then fail(text, position, "invalid number") end
  return number, last + 1
end


-- Decodes one JSON document; raises an error naming the byte offset when `text` is not valid JSON.
function json.decode(text)
  local start = 1
  if sub(text, 1, 3) == "\239\187\191" then start = 4 end  -- UTF-8 byte-order mark
  local value, position = decode_value(text, skip_space(text, start))
  position = skip_space(text, position)
  if position <= #text then fail(text, position, "unexpected text after the document") end
  return value
end


return json
