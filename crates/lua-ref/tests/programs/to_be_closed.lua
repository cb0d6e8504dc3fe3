-- To-be-closed variables on every way out of a block: break, goto (forward and backward), return, errors, generic for closing values, repeat-until.
local log = {}
local function c(name) return setmetatable({}, {__close = function(_, e) log[#log+1] = name .. "(" .. tostring(e) .. ")" end}) end
local function flush(tag) print(tag, table.concat(log, " ")) log = {} end
-- loops with break and goto
for i = 1, 3 do
  local x <close> = c("for" .. i)
  if i == 2 then break end
end
flush("break")
local i = 0
::again::
do
  i = i + 1
  local y <close> = c("goto" .. i)
  if i < 3 then goto again end
end
flush("goto")
-- backward goto in same block re-declares
do
  local n = 0
  ::top::
  local z <close> = c("z" .. n)
  n = n + 1
  if n < 3 then goto top end
end
flush("redeclare")
-- return values preserved and evaluated before closing
local function f()
  local a <close> = c("a")
  local t = {1}
  return t, #log
end
print(type((f())), select(2, f()))
flush("return")
-- error replaced
print(pcall(function()
  local a <close> = setmetatable({}, {__close = function(_, e) error("in close: " .. tostring(e), 0) end})
  local b <close> = c("b")
  error("boom", 0)
end))
flush("errors")
-- generic for closing value
local function iter(t)
  local i = 0
  return function() i = i + 1 if t[i] then return i, t[i] end end, nil, nil, c("forclose")
end
for k, v in iter({10, 20, 30}) do if k == 2 then break end end
flush("for break")
for k, v in iter({10}) do end
flush("for end")
print(pcall(function() for k, v in iter({1}) do error("in loop", 0) end end))
flush("for error")
-- nil and false are allowed
do local a <close> = nil local b <close> = false end
print(pcall(function() local a <close> = 42 end))
print(pcall(function() local a <close> = {} end))
-- const
local k <const> = 10
print(k * 2)
-- repeat-until with tbc sees body locals in condition
local n = 0
repeat
  local r <close> = c("rep" .. n)
  n = n + 1
until n >= 2
flush("repeat")
-- tbc in while with continue-like goto
local j = 0
while j < 3 do
  j = j + 1
  local w <close> = c("w" .. j)
  if j == 2 then goto continue end
  log[#log+1] = "body" .. j
  ::continue::
end
flush("while continue")
-- __close gets nil for normal exit, and the error for errors
print(pcall(function()
  local a <close> = setmetatable({}, {__close = function(o, e) print("close arg", type(e)) end})
  error("err1", 0)
end))
-- multiple returns with close in a called function
local function g() local a <close> = c("g") return 1, 2, 3 end
print(select('#', g()))
flush("g")
-- tail position with tbc is not a tail call
local function h(n) local a <close> = c("h" .. n) if n == 0 then return "bottom" end return h(n - 1) end
print(h(2))
flush("h")
