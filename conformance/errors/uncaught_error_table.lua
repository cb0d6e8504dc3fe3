-- an uncaught error whose object is a table with __tostring, after output and closed variables (manual §2.3)
local log = {}
do
  local c <close> = setmetatable({}, {__close = function() print("closed before exit") end})
  print("inside block")
end
error(setmetatable({code = 42}, {__tostring = function(self) return "custom error object " .. self.code end}))
