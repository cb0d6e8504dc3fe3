-- error(msg, level) for levels 0..4 raised at call depths 1..3: which line prefixes the message (manual §6.1)
local function thrower(level) error("L" .. level, level) end        -- line 2
local function depth1(level) thrower(level) end                      -- line 3
local function depth2(level) depth1(level) end                       -- line 4
local function depth3(level) depth2(level) end                       -- line 5
-- The functions are called by table.sort's comparator call (a C function: no position), from
-- via_sort on line 10, so that no level reaches the pcall below: the native engine's pcall is a
-- Lua wrapper, one frame more than PUC's C function, and levels that cross it are shifted.
local function via_sort(f, level)
  table.sort({level, level}, f)                                      -- line 10
end
local entries = {{"thrower", thrower}, {"depth1", depth1}, {"depth2", depth2}, {"depth3", depth3}}
for _, e in ipairs(entries) do
  local row = {}
  for level = 0, 4 do
    local ok, msg = pcall(via_sort, e[2], level)
    row[#row + 1] = msg:gsub("^[^:]*:(%d+):", "line %1:")
  end
  print(e[1], table.concat(row, " | "))
end
-- the same inside a coroutine, through a method call made by a comparator (line 24) that table.sort calls
local obj = {}
function obj:fail(level) error("M" .. level, level) end               -- line 23
local function comparator(level) obj:fail(level) end
local co = coroutine.wrap(function() for level = 0, 3 do coroutine.yield(select(2, pcall(table.sort, {level, level}, comparator))) end end)
for _ = 0, 3 do print("method in coroutine", (co():gsub("^[^:]*:(%d+):", "line %1:"))) end
print("nested via non-tail calls", select(2, pcall(function() local r = depth3(3) return r end)))
