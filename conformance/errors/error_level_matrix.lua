-- error(msg, level) for levels 0..4 raised at call depths 1..3: which line prefixes the message (manual §6.1)
local function thrower(level) error("L" .. level, level) end        -- line 2
local function depth1(level) thrower(level) end                      -- line 3
local function depth2(level) depth1(level) end                       -- line 4
local function depth3(level) depth2(level) end                       -- line 5
local entries = {{"thrower", thrower}, {"depth1", depth1}, {"depth2", depth2}, {"depth3", depth3}}
for _, e in ipairs(entries) do
  local row = {}
  for level = 0, 4 do
    local ok, msg = pcall(e[2], level)
    row[#row + 1] = msg:gsub("^conformance/errors/error_level_matrix.lua:", "line ")
  end
  print(e[1], table.concat(row, " | "))
end
-- the same from inside a coroutine and through a method call
local obj = {}
function obj:fail(level) error("M" .. level, level) end               -- line 17
local co = coroutine.wrap(function() for level = 0, 3 do coroutine.yield(select(2, pcall(obj.fail, obj, level))) end end)
for _ = 0, 3 do print("method in coroutine", co()) end
print("nested via non-tail calls", select(2, pcall(function() local r = depth3(3) return r end)))
