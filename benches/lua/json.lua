-- json: a JSON encoder and recursive-descent decoder round-tripping a generated document.
-- sizes: full=240 small=1
local N = N or 240

local escapes = {['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\t"] = "\\t"}

local encode_value

local function encode_string(s, out)
  out[#out + 1] = '"' .. s:gsub('[%c"\\]', escapes) .. '"'
end

local function is_array(t)
  local n = #t
  for k in next, t do
    if math.type(k) ~= "integer" or k < 1 or k > n then
      return false
    end
  end
  return true
end

function encode_value(v, out)
  local kind = type(v)
  if kind == "table" then
    if is_array(v) then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then
          out[#out + 1] = ","
        end
        encode_value(v[i], out)
      end
      out[#out + 1] = "]"
    else
      -- Keys in sorted order: the output must not depend on `next` order.
      local keys = {}
      for k in next, v do
        keys[#keys + 1] = k
      end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then
          out[#out + 1] = ","
        end
        encode_string(k, out)
        out[#out + 1] = ":"
        encode_value(v[k], out)
      end
      out[#out + 1] = "}"
    end
  elseif kind == "string" then
    encode_string(v, out)
  elseif kind == "number" then
    if math.type(v) == "integer" then
      out[#out + 1] = tostring(v)
    else
      out[#out + 1] = string.format("%.17g", v)
    end
  elseif kind == "boolean" then
    out[#out + 1] = v and "true" or "false"
  else
    out[#out + 1] = "null"
  end
end

local function encode(v)
  local out = {}
  encode_value(v, out)
  return table.concat(out)
end

local unescapes = {['"'] = '"', ["\\"] = "\\", n = "\n", t = "\t"}

local decode_value

local function skip(s, i)
  return s:find("[^ \n\t]", i) or #s + 1
end

local function decode_string(s, i)
  -- s:sub(i, i) is the opening quote.
  local parts = {}
  local j = i + 1
  while true do
    local stop = s:find('["\\]', j)
    parts[#parts + 1] = s:sub(j, stop - 1)
    if s:byte(stop) == 34 then
      return table.concat(parts), stop + 1
    end
    parts[#parts + 1] = unescapes[s:sub(stop + 1, stop + 1)]
    j = stop + 2
  end
end

function decode_value(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    local obj = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "}" then
      return obj, i + 1
    end
    while true do
      local key
      key, i = decode_string(s, skip(s, i))
      i = skip(s, i) + 1 -- the colon
      obj[key], i = decode_value(s, i)
      i = skip(s, i)
      local sep = s:sub(i, i)
      i = i + 1
      if sep == "}" then
        return obj, i
      end
    end
  elseif c == "[" then
    local arr = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then
      return arr, i + 1
    end
    while true do
      arr[#arr + 1], i = decode_value(s, i)
      i = skip(s, i)
      local sep = s:sub(i, i)
      i = i + 1
      if sep == "]" then
        return arr, i
      end
    end
  elseif c == '"' then
    return decode_string(s, i)
  elseif c == "t" then
    return true, i + 4
  elseif c == "f" then
    return false, i + 5
  elseif c == "n" then
    return nil, i + 4
  else
    local numeral = s:match("^-?[%d.eE+-]+", i)
    return math.tointeger(tonumber(numeral)) or tonumber(numeral), i + #numeral
  end
end

local function decode(s)
  return (decode_value(s, 1))
end

-- A deterministic document: records with nested arrays, strings with escapes, floats.
local function document(seed, count)
  local items = {}
  for i = 1, count do
    local x = (seed * 31 + i * 17) % 1000
    items[i] = {
      id = i,
      name = "item \"" .. x .. "\"\tline\n",
      price = x / 8,
      tags = {"a" .. x % 7, "b" .. x % 5, "c"},
      active = x % 2 == 0,
      dims = {w = x % 13, h = x % 11, d = {x % 3, x % 4}},
    }
  end
  return {version = seed, items = items, note = "round trip \\ test"}
end

local total_len, checksum = 0, 0
for round = 1, N do
  local doc = document(round, 50)
  local text = encode(doc)
  local back = decode(text)
  local again = encode(back)
  assert(again == text, "round trip changed the document")
  total_len = total_len + #text
  local sum = 0
  for _, item in ipairs(back.items) do
    sum = sum + item.id + item.dims.w * item.dims.d[2] + #item.tags[1]
    if item.active then
      sum = sum + item.price
    end
  end
  checksum = checksum + sum
end
print(total_len, string.format("%.10g", checksum))
