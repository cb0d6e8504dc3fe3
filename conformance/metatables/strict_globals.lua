-- a strict environment: reading an undeclared global or assigning a new one outside declarations is an error (manual §2.2, §2.4)
local declared = {}
local env = setmetatable({}, {
  __index = function(_, k)
    if declared[k] or _G[k] ~= nil then return _G[k] end
    error("variable '" .. tostring(k) .. "' is not declared", 2)
  end,
  __newindex = function(t, k, v)
    if not declared[k] then error("assign to undeclared variable '" .. tostring(k) .. "'", 2) end
    rawset(t, k, v)
  end,
})
local function declare(name, value) declared[name] = true rawset(env, name, value) end
local function run(src)
  local f = load(src, "=strict", "t", env)
  print(pcall(f))
end
declare("counter", 0)
run("counter = counter + 1 return counter")
run("return undefined_name")
run("newglobal = 5")
run("return type(print), math.floor(2.5)")
run("local x = 10 return x * 2")
run("for i = 1, 3 do counter = counter + i end return counter")
run("return rawget(_ENV, 'counter')")
run("return missing_function()")
declare("late", nil)
run("return late")
run("late = 'assigned' return late")
