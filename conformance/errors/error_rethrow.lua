-- rethrowing and wrapping errors: positions are added only to strings at levels > 0 (manual §6.1)
local function thrower() error("original") end
local ok, e = pcall(thrower)
print("original", e)
print("rethrow level 0", select(2, pcall(error, e, 0)))
print("rethrow default level from Lua", select(2, pcall(function() error(e) end)))
print("rethrow level 2 from Lua", select(2, pcall(function() error(e, 2) end)))
print("wrap in table", select(2, pcall(function() error({inner = e}) end)).inner)
-- error(tostring(x)) on non-strings
print("number rethrown keeps type", math.type(select(2, pcall(function() error(3) end))))
-- finally-like cleanup pattern
local log = {}
local function with_cleanup(f)
  local ok2, err = pcall(f)
  log[#log + 1] = "cleanup"
  if not ok2 then error(err, 0) end
  return err
end
local ok5, e5 = pcall(with_cleanup, function() error("inner failure", 0) end)
print("cleanup then rethrow", ok5, e5, table.concat(log, ","))
-- error chaining through several pcall layers
local function layer(n)
  if n == 0 then error("bottom", 0) end
  local ok3, err = pcall(layer, n - 1)
  error(n .. "<" .. err, 0)
end
print("layers", pcall(layer, 4))
-- error objects with methods
local Err = {}
Err.__index = Err
function Err.new(msg) return setmetatable({msg = msg}, Err) end
function Err:describe() return "Err(" .. self.msg .. ")" end
local ok4, obj = pcall(function() error(Err.new("typed")) end)
print("typed error", ok4, getmetatable(obj) == Err, obj:describe())
