-- caught: a __close removed before the block ends was named 'newindex' instead of 'close'; found by the conformance dev loop
local mt = {__close = function() print("closed") end}
print(pcall(function()
  local x <close> = setmetatable({}, mt)
  mt.__close = nil
end))
