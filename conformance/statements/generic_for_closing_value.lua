-- the fourth value of a generic for is a to-be-closed variable (manual §3.3.5, §3.3.8)
local function closer(name, log)
  return setmetatable({}, {__close = function(self, err)
    log[#log + 1] = "close " .. name .. " err=" .. tostring(err)
  end})
end
local function iter_with_close(n, log, name)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end, nil, nil, closer(name, log)
end
local log = {}
for i in iter_with_close(2, log, "normal") do log[#log + 1] = "body " .. i end
print("normal end", table.concat(log, "; "))
log = {}
for i in iter_with_close(5, log, "break") do
  log[#log + 1] = "body " .. i
  if i == 2 then break end
end
print("break", table.concat(log, "; "))
log = {}
local function ret()
  for i in iter_with_close(5, log, "return") do
    if i == 3 then return "returned " .. i end
  end
end
local r = ret()
log[#log + 1] = r
print("return", table.concat(log, "; "))
log = {}
local ok, err = pcall(function()
  for i in iter_with_close(5, log, "error") do
    if i == 2 then error("boom", 0) end
  end
end)
print("error", ok, err, table.concat(log, "; "))
log = {}
do
  for i in iter_with_close(3, log, "goto") do
    if i == 2 then goto out end
  end
  ::out::
end
print("goto", table.concat(log, "; "))
-- nil and false as closing values are allowed and ignored
local n = 0
for i in function(_, c) c = (c or 0) + 1; if c <= 2 then return c end end, nil, nil, nil do n = n + 1 end
for i in function(_, c) c = (c or 0) + 1; if c <= 2 then return c end end, nil, nil, false do n = n + 1 end
print("nil/false closing", n)
-- a non-closable fourth value is an error when the loop starts
print("non-closable", pcall(function()
  for i in function() end, nil, nil, 42 do end
end))
print("non-closable table", pcall(function()
  for i in function() end, nil, nil, {} do end
end))
-- the closing value is closed even when the loop runs no iteration
log = {}
for i in iter_with_close(0, log, "empty") do end
print("empty loop", table.concat(log, "; "))
