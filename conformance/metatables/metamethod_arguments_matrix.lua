-- the exact arguments (count and identity) every metamethod receives, for each way of triggering it (manual §2.4)
local recorded
local function recorder(name) return function(...) recorded = table.pack(...) if name == "__index" then return "v" end if name == "__eq" or name == "__lt" or name == "__le" then return true end return "r" end end
local events = {"__index", "__newindex", "__call", "__add", "__unm", "__bnot", "__concat", "__len", "__eq", "__lt", "__le", "__close", "__idiv", "__shl"}
local mt = {}
for _, e in ipairs(events) do mt[e] = recorder(e) end
local A = setmetatable({name = "A"}, mt)
local B = setmetatable({name = "B"}, mt)
local function describe(v)
  if rawequal(v, A) then return "A" elseif rawequal(v, B) then return "B" end
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "number" then return tostring(v) .. (math.type(v) == "integer" and "i" or "f") end
  return tostring(v)
end
local triggers = {
  {"A.k", function() return A.k end}, {"A[1.0]", function() return A[1.0] end}, {"A[true] = 5", function() A[true] = 5 end},
  {"A(1, nil, 3)", function() return A(1, nil, 3) end}, {"A:m() via __index", function() return pcall(function() return A:m() end) end},
  {"A + 1", function() return A + 1 end}, {"2.5 + A", function() return 2.5 + A end}, {"A + B", function() return A + B end},
  {"-A", function() return -A end}, {"~A", function() return ~A end}, {"A .. 'x'", function() return A .. "x" end},
  {"1 .. A", function() return 1 .. A end}, {"#A", function() return #A end}, {"A == B", function() return A == B end},
  {"A ~= B", function() return A ~= B end}, {"A < B", function() return A < B end}, {"A > B", function() return A > B end},
  {"A <= 1", function() return A <= 1 end}, {"1 >= A", function() return 1 >= A end}, {"A // 0", function() return A // 0 end},
  {"1 << A", function() return 1 << A end}, {"close A", function() local c <close> = A end},
  {"close A with error", function() return pcall(function() local c <close> = A error("E", 0) end) end},
}
for _, t in ipairs(triggers) do
  recorded = nil
  t[2]()
  local args = {}
  if recorded then for i = 1, recorded.n do args[i] = describe(recorded[i]) end end
  print(string.format("%-22s", t[1]), recorded and recorded.n or "-", table.concat(args, ", "))
end
