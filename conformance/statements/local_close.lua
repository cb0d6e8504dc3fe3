-- local <close>: __close runs at scope exit in reverse order with the error object (manual §3.3.8)
local log = {}
local function closable(name)
  return setmetatable({name = name}, {__close = function(self, err)
    log[#log + 1] = self.name .. "(" .. tostring(err) .. ")"
  end})
end
local function flush(label)
  print(label, table.concat(log, " "))
  log = {}
end
do
  local a <close> = closable("a")
  local b <close> = closable("b")
  local c <close> = closable("c")
  log[#log + 1] = "body"
end
flush("reverse order")
do
  local a <close> = closable("outer")
  do
    local b <close> = closable("inner")
  end
  log[#log + 1] = "between"
end
flush("nested scopes")
local function f()
  local a <close> = closable("f")
  return "ret"
end
local r = f()
log[#log + 1] = r
flush("on return")
for i = 1, 3 do
  local x <close> = closable("it" .. i)
  if i == 2 then break end
end
flush("per iteration and break")
do
  local a <close> = closable("g1")
  goto out
  local b <close> = closable("never")
  ::out::
end
flush("goto out")
print("error", pcall(function()
  local a <close> = closable("e1")
  local b <close> = closable("e2")
  error("oops", 0)
end))
flush("on error")
local ok, e = pcall(function()
  local a <close> = closable("t1")
  error({code = 1})
end)
print("error table", ok, type(e), e.code)
print("log has table", log[1]:match("^t1%(table") ~= nil)
log = {}
do
  local a <close> = nil
  local b <close> = false
  local c <close> = closable("after nil/false")
end
flush("nil and false ignored")
-- the value is captured at declaration: later changes do not matter
do
  local obj = closable("captured")
  local x <close> = obj
  obj.name = "renamed"
end
flush("same object closed")
-- return values are computed before closing
local function g()
  local v = {n = 1}
  local c <close> = setmetatable({}, {__close = function() v.n = 99 end})
  return v.n
end
print("return value before close", g())
-- to-be-closed variables are also constant
print("assign to close var", load("local x <close> = nil; x = 1", "=c"))
