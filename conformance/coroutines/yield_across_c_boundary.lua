-- yielding through C functions that do not support continuations is an error (manual §4.5)
local function try(label, f)
  local co = coroutine.create(f)
  print(label, coroutine.resume(co))
end
try("table.sort comparator", function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)
try("string.gsub callback", function()
  return string.gsub("ab", "%w", function(c) coroutine.yield(c) end)
end)
try("load reader", function()
  return pcall(load, function() coroutine.yield() end)
end)
try("__tostring via tostring", function()
  return tostring(setmetatable({}, {__tostring = function() coroutine.yield() return "x" end}))
end)
try("__index via table.concat", function()
  return table.concat(setmetatable({}, {__len = function() return 1 end, __index = function() coroutine.yield() return "v" end}))
end)
try("iterator of utf8.codes is fine", function()
  local n = 0
  for _, c in utf8.codes("ab") do n = n + 1; coroutine.yield(c) end
  return n
end)
-- pcall, xpcall, and metamethods called by the VM support yields
try("pcall is fine", function() return pcall(coroutine.yield, "through pcall") end)
try("metamethod __lt is fine", function()
  local mt = {__lt = function() coroutine.yield("in lt") return true end}
  return setmetatable({}, mt) < setmetatable({}, mt)
end)
try("select passing a yield result is fine", function() return select("#", coroutine.yield("plain")) end)
