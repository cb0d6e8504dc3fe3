-- error values of every type travelling through pcall, xpcall, coroutine.resume, coroutine.wrap and nested pcall (manual §2.3)
local t = {}
local values = {{"string", "msg"}, {"integer", 7}, {"float", 2.5}, {"true", true}, {"false", false}, {"nil", nil},
  {"table", t}, {"function", print}, {"empty string", ""}}
local function show(v) if v == t then return "the table" end if v == print then return "print" end return type(v) .. ":" .. tostring(v) end
for _, v in ipairs(values) do
  local e = v[2]
  local _, a = pcall(error, e)
  local _, b = xpcall(error, function(m) return m end, e)
  local _, c = coroutine.resume(coroutine.create(error), e)
  local _, d = pcall(coroutine.wrap(error), e)
  local _, inner = pcall(pcall, error, e)
  local _, _, nested = pcall(pcall, error, e)
  local _, lvl2 = pcall(function() error(e, 2) end)
  print(v[1], show(a), show(b), show(c), show(d), show(inner), show(nested), show(lvl2))
end
