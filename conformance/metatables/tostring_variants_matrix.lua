-- objects with and without __tostring/__name seen through tostring, print-style formatting, %s, concatenation and error values (manual §6.1)
local variants = {
  {"__tostring string", {__tostring = function() return "TS" end}},
  {"__tostring number", {__tostring = function() return 7 end}},
  {"__tostring nil", {__tostring = function() return nil end}},
  {"__tostring table", {__tostring = function() return {} end}},
  {"__tostring erroring", {__tostring = function() error("ts error", 0) end}},
  {"__name only", {__name = "Named"}},
  {"__name and __tostring", {__name = "Named", __tostring = function() return "wins" end}},
  {"__name number", {__name = 42}},
  {"__tostring not callable", {__tostring = "not a function"}},
  {"plain metatable", {}},
}
-- addresses are not portable: everything after "name: " in a default tostring is replaced
local function clean(s) return (tostring(s):gsub("^([%w_]+): .*$", "%1: ADDR")) end
for _, v in ipairs(variants) do
  local o = setmetatable({}, v[2])
  local ok1, r1 = pcall(tostring, o)
  local ok2, r2 = pcall(string.format, "%s", o)
  local ok3, r3 = pcall(function() return "x" .. o end)
  local ok4, r4 = pcall(string.rep, o, 1)
  print(v[1], ok1 and clean(r1) or ("E:" .. clean(r1)), ok2 and clean(r2) or ("E:" .. clean(r2)), ok3 and r3 or "concat error", ok4 and "rep ok" or clean(r4))
end
