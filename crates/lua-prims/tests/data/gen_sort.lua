-- Generates sort.txt from native Lua 5.4.9:  lua5.4.9 gen_sort.lua > sort.txt
-- Each line: <comparator> <input values ','-joined> -> <log> -> <final values or E:message>
-- The table is a proxy whose reads (gI), writes (sI=V) and comparator calls (cA,B) are
-- logged in order (logs only for arrays of at most 40 elements).
local x = 12345
local function lcg() x = (x * 1103515245 + 12345) % 2147483648; return x end

local comparators = {
  lt = function(a, b) return a < b end,
  gt = function(a, b) return a > b end,
  le = function(a, b) return a <= b end,
  always = function() return true end,
  never = function() return false end,
  rand = function() return lcg() % 2 == 0 end,
  mod3 = function(a, b) return a % 3 < b % 3 end,
}
local names = {"lt", "gt", "le", "always", "never", "rand", "mod3", "none"}

local function run(name, input, withlog)
  local data = {}
  for i, v in ipairs(input) do data[i] = v end
  local n = #input
  local log = {}
  local proxy = setmetatable({}, {
    __index = function(_, k) if withlog then log[#log + 1] = "g" .. k end return data[k] end,
    __newindex = function(_, k, v) if withlog then log[#log + 1] = "s" .. k .. "=" .. v end data[k] = v end,
    __len = function() return n end,
  })
  local cmp = comparators[name]
  local f = cmp and function(a, b) if withlog then log[#log + 1] = "c" .. a .. "," .. b end return cmp(a, b) end
  x = 12345
  local ok, e = pcall(table.sort, proxy, f)
  local result
  if ok then result = table.concat(data, ",", 1, n) else result = "E:" .. tostring(e) end
  print(name, table.concat(input, ","), "->", withlog and table.concat(log, " ") or "", "->", result)
end

local y = 777
local function rnd(m) y = (y * 69069 + 1) % 4294967296; return y % m end
for _ = 1, 300 do
  local n = rnd(14)
  local t = {}
  for i = 1, n do t[i] = rnd(20) end
  run(names[rnd(#names) + 1], t, true)
end
for _, n in ipairs{40, 99, 100, 101, 150, 300, 1000} do
  for _, name in ipairs{"lt", "gt", "le", "mod3", "none", "rand"} do
    local t = {}
    for i = 1, n do t[i] = rnd(n * 4) end
    run(name, t, n <= 40)
    local sorted = {}
    for i = 1, n do sorted[i] = i end
    run(name, sorted, false)
    local same = {}
    for i = 1, n do same[i] = 5 end
    if name ~= "rand" then run(name, same, false) end
  end
end
