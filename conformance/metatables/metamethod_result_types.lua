-- metamethods returning values of every type: which operations pass the result through and which convert it (manual §2.4)
local results = {{"number", 42}, {"string", "str"}, {"table", {}}, {"nil", nil}, {"false", false}, {"true", true}}
local ops = {
  {"__add", function(o) return o + 1 end}, {"__unm", function(o) return -o end}, {"__concat", function(o) return o .. "x" end},
  {"__len", function(o) return #o end}, {"__index", function(o) return o.key end}, {"__call", function(o) return o() end},
  {"__eq", function(o) return o == setmetatable({}, getmetatable(o)) end}, {"__lt", function(o) return o < o end},
  {"__le", function(o) return o <= o end}, {"__band", function(o) return o & 1 end}, {"__idiv", function(o) return 1 // o end},
}
local function show(v)
  local t = type(v)
  if t == "table" then return "table" end
  if t == "string" then return string.format("%q", v) end
  return tostring(v)
end
for _, op in ipairs(ops) do
  local row = {}
  for _, r in ipairs(results) do
    local o = setmetatable({}, {[op[1]] = function() return r[2] end})
    local ok, v = pcall(op[2], o)
    row[#row + 1] = r[1] .. "->" .. (ok and show(v) or "error")
  end
  print(op[1], table.concat(row, " "))
end
