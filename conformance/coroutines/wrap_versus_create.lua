-- the same coroutine bodies driven through coroutine.create/resume and through coroutine.wrap (manual §6.2)
local bodies = {
  {"yield twice then return", function(a) local b = coroutine.yield(a * 2) local c = coroutine.yield(b + 1) return "ret", c end},
  {"return immediately", function(a) return a end},
  {"error after yield", function(a) coroutine.yield(a) error("boom", 0) end},
  {"error table immediately", function() error({}) end},
  {"yield nothing", function() coroutine.yield() coroutine.yield(nil, nil) end},
}
local function show(ok, ...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = type(t[i]) == "table" and "table" or tostring(t[i]) end
  return tostring(ok) .. " " .. t.n .. "[" .. table.concat(t, ",") .. "]"
end
for _, b in ipairs(bodies) do
  local co = coroutine.create(b[2])
  local r1 = {}
  for i = 1, 4 do r1[#r1 + 1] = show(coroutine.resume(co, i * 10)) end
  local w = coroutine.wrap(b[2])
  local r2 = {}
  for i = 1, 4 do r2[#r2 + 1] = show(pcall(w, i * 10)) end
  print(b[1])
  print("  create", table.concat(r1, " ; "))
  print("  wrap  ", table.concat(r2, " ; "))
end
