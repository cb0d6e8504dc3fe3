-- a small JSON encoder (sorted keys) and decoder exercising recursion, string escapes and patterns (manual §3.3, §6.4)
local encode
local function esc(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    local map = {['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r"}
    return map[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end
function encode(v)
  local t = type(v)
  if t == "nil" then return "null"
  elseif t == "boolean" then return tostring(v)
  elseif t == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    return string.format("%.14g", v)
  elseif t == "string" then return esc(v)
  elseif t == "table" then
    if #v > 0 or next(v) == nil then
      local parts = {}
      for i = 1, #v do parts[i] = encode(v[i]) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = esc(k) .. ":" .. encode(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  error("cannot encode " .. t)
end
local function decode(s)
  local pos = 1
  local value
  local function ws() pos = s:find("[^ \t\r\n]", pos) or #s + 1 end
  local function str()
    local out = {}
    pos = pos + 1
    while true do
      local c = s:sub(pos, pos)
      if c == '"' then pos = pos + 1; return table.concat(out) end
      if c == "\\" then
        local e = s:sub(pos + 1, pos + 1)
        local map = {n = "\n", t = "\t", r = "\r", ['"'] = '"', ["\\"] = "\\", ["/"] = "/"}
        if e == "u" then out[#out + 1] = utf8.char(tonumber(s:sub(pos + 2, pos + 5), 16)); pos = pos + 6
        else out[#out + 1] = map[e]; pos = pos + 2 end
      else out[#out + 1] = c; pos = pos + 1 end
    end
  end
  function value()
    ws()
    local c = s:sub(pos, pos)
    if c == "{" then
      local obj = {}
      pos = pos + 1; ws()
      if s:sub(pos, pos) == "}" then pos = pos + 1 return obj end
      repeat
        ws(); local k = str(); ws(); pos = pos + 1
        obj[k] = value(); ws()
        local sep = s:sub(pos, pos); pos = pos + 1
      until sep == "}"
      return obj
    elseif c == "[" then
      local arr = {}
      pos = pos + 1; ws()
      if s:sub(pos, pos) == "]" then pos = pos + 1 return arr end
      repeat
        arr[#arr + 1] = value(); ws()
        local sep = s:sub(pos, pos); pos = pos + 1
      until sep == "]"
      return arr
    elseif c == '"' then return str()
    elseif s:find("^true", pos) then pos = pos + 4 return true
    elseif s:find("^false", pos) then pos = pos + 5 return false
    elseif s:find("^null", pos) then pos = pos + 4 return nil
    else
      local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
      pos = pos + #num
      return math.tointeger(tonumber(num)) or tonumber(num)
    end
  end
  return value()
end
local samples = {
  {1, 2, 3},
  {name = "lua", version = 5.4, tags = {"fast", "small"}, nested = {a = {b = {c = true}}}},
  {"quote \" backslash \\ newline \n tab \t", "\1"},
  {empty_list = {}, n = -12, f = 0.5, big = 1e20, neg = -0.25},
  "just a string", 42, 3.75, true, false,
}
for i, v in ipairs(samples) do
  local j = encode(v)
  local back = encode(decode(j))
  print("sample " .. i, j)
  print("  round trip", back == j)
end
print("decode spacing", encode(decode('  { "b" : [ 1 , 2 , { "x" : null } ] , "a" : "\\u0041\\u00e9" }  ')))
