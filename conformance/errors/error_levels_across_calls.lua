-- error levels counted through library functions that call Lua code (a C frame without position) and through metamethods and iterators called by Lua code (no frame between) (manual §6.1, §2.4)
-- Every position in a message is shown as "line N:" (a coroutine.wrap error carries two).
local function lines(msg) return (tostring(msg):gsub("[%w_/%.%-]*%.lua:(%d+):", "line %1:")) end
local function raiser(level) return function() error("E" .. level, level) end end  -- line 4: level 1
-- Each caller runs its raise function from C; level 2 is that C function, level 3 the Lua
-- line below, level 4 pcall (again C). Levels never reach past that pcall.
local callers = {
  {"table.sort comparator", function(raise) table.sort({1, 2}, raise) end},                                   -- line 8
  {"table.sort __lt", function(raise) local mt = {__lt = raise} table.sort({setmetatable({}, mt), setmetatable({}, mt)}) end},
  {"string.gsub function", function(raise) string.gsub("a", "a", raise) end},                                 -- line 10
  {"string.gsub table __index", function(raise) string.gsub("a", "a", setmetatable({}, {__index = raise})) end},
  {"tostring __tostring", function(raise) tostring(setmetatable({}, {__tostring = raise})) end},               -- line 12
  {"string.format %s __tostring", function(raise) string.format("%s", setmetatable({}, {__tostring = raise})) end},
  {"table.concat __index", function(raise) table.concat(setmetatable({}, {__index = raise, __len = function() return 1 end})) end},
  {"table.insert __len", function(raise) table.insert(setmetatable({}, {__len = raise}), 1) end},             -- line 15
  {"table.unpack __index", function(raise) table.unpack(setmetatable({}, {__index = raise}), 1, 1) end},
  {"ipairs __index", function(raise) for _ in ipairs(setmetatable({}, {__index = raise})) do end end},        -- line 17
  {"table.move __index", function(raise) table.move(setmetatable({}, {__index = raise}), 1, 1, 1, {}) end},
  {"coroutine.wrap body", function(raise) coroutine.wrap(raise)() end},                                       -- line 19
  {"coroutine.resume body", function(raise) local _, e = coroutine.resume(coroutine.create(raise)) error(e, 0) end},
}
for _, c in ipairs(callers) do
  local row = {}
  for level = 1, 4 do
    local _, e = pcall(c[2], raiser(level))
    row[#row + 1] = lines(e)
  end
  print(c[1], table.concat(row, " | "))
end
-- Metamethods and iterators called by Lua code: level 2 is the line of the operation itself.
local ops = {
  {"__index", function(raise) local t = setmetatable({}, {__index = raise}) return t.x end},                  -- line 32
  {"__index through a table", function(raise) local t = setmetatable({}, {__index = setmetatable({}, {__index = raise})}) return t.x end},
  {"__newindex", function(raise) local t = setmetatable({}, {__newindex = raise}) t.x = 1 end},              -- line 34
  {"__call", function(raise) local t = setmetatable({}, {__call = raise}) t() end},
  {"__add", function(raise) local t = setmetatable({}, {__add = raise}) return t + 1 end},                   -- line 36
  {"__band", function(raise) local t = setmetatable({}, {__band = raise}) return 1 & t end},
  {"__concat", function(raise) local t = setmetatable({}, {__concat = raise}) return "a" .. t end},          -- line 38
  {"__len", function(raise) local t = setmetatable({}, {__len = raise}) return #t end},
  {"__unm", function(raise) local t = setmetatable({}, {__unm = raise}) return -t end},                      -- line 40
  {"__eq", function(raise) local mt = {__eq = raise} return setmetatable({}, mt) == setmetatable({}, mt) end},
  {"__lt", function(raise) local mt = {__lt = raise} return setmetatable({}, mt) < setmetatable({}, mt) end}, -- line 42
  {"__le", function(raise) local mt = {__le = raise} return setmetatable({}, mt) <= setmetatable({}, mt) end},
  {"generic for iterator", function(raise) for _ in raise do end end},                                        -- line 44
  {"__close", function(raise)
    local x <close> = setmetatable({}, {__close = raise})
    local y = 1
  end},                                                                                                        -- line 48
}
for _, o in ipairs(ops) do
  local row = {}
  for level = 1, 3 do
    local _, e = pcall(o[2], raiser(level))
    row[#row + 1] = lines(e)
  end
  print(o[1], table.concat(row, " | "))
end
