-- __pairs: pairs returns the three values of the metamethod; next and ipairs ignore it (manual §6.1)
local log = {}
local t = setmetatable({real = 1}, {__pairs = function(self)
  log[#log + 1] = "pairs called"
  local i = 0
  return function(_, k)
    i = i + 1
    if i <= 3 then return i, "virtual" .. i end
  end, self, nil
end})
local out = {}
for k, v in pairs(t) do out[#out + 1] = k .. "=" .. v end
print("virtual pairs", table.concat(out, " "), log[1])
print("next ignores __pairs", next(t))
print("pairs returns three values", select("#", pairs(t)))
local four = setmetatable({}, {__pairs = function() return 1, 2, 3, 4 end})
print("extra results truncated to three", select("#", pairs(four)))
-- __pairs receives the table as its only argument
local received
local recv = setmetatable({}, {__pairs = function(...) received = table.pack(...); return next, {}, nil end})
for _ in pairs(recv, "ignored extra") do end
print("__pairs arguments", received.n, received[1] == recv)
-- __pairs errors propagate
print("__pairs error", pcall(pairs, setmetatable({}, {__pairs = function() error("no pairs", 0) end})))
-- ipairs respects __index
local proxy = setmetatable({}, {__index = function(_, i) if i <= 4 then return i * 10 end end})
out = {}
for i, v in ipairs(proxy) do out[#out + 1] = i .. ":" .. v end
print("ipairs through __index", table.concat(out, " "))
-- pairs without __pairs on a table with a metatable behaves like next
local plain = setmetatable({a = 1}, {__index = {b = 2}})
local keys = {}
for k in pairs(plain) do keys[#keys + 1] = k end
print("pairs ignores __index", table.concat(keys, " "))
local ok, f, s, c = pcall(pairs, 5)
print("pairs on non-table without __pairs succeeds", ok, f == next, s, c)
print("but the iteration fails", pcall(function() for _ in pairs(5) do end end))
