-- errors raised at different points of a coroutine's life: results of resume, status and close afterwards (manual §6.2)
local scenarios = {
  {"error before first yield", function() error("early", 0) end},
  {"error after one yield", function() coroutine.yield(1) error("after yield", 0) end},
  {"runtime error", function() coroutine.yield(1) local x = nil; return x + 1 end},
  {"error object table", function() coroutine.yield(1) error({code = 9}) end},
  {"error nil", function() coroutine.yield(1) error(nil) end},
  {"error in nested function", function() local function f() error("nested", 0) end coroutine.yield(1) f() end},
  {"error caught inside", function() coroutine.yield(1) local ok, e = pcall(error, "caught", 0) coroutine.yield(e) return "ok" end},
  {"normal return", function() coroutine.yield(1) return "fine" end},
  {"yield then close variable error", function()
    local c <close> = setmetatable({}, {__close = function() error("close err", 0) end})
    coroutine.yield(1)
  end},
}
local function s(v) if type(v) == "table" then return "table(" .. tostring(v.code) .. ")" end return tostring(v) end
for _, sc in ipairs(scenarios) do
  local co = coroutine.create(sc[2])
  local steps = {}
  for i = 1, 4 do
    local ok, v = coroutine.resume(co)
    steps[#steps + 1] = tostring(ok) .. ":" .. s(v) .. "/" .. coroutine.status(co)
  end
  local cok, cerr = coroutine.close(co)
  print(sc[1], table.concat(steps, " "), "close=" .. tostring(cok) .. ":" .. s(cerr))
end
