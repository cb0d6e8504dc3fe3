-- load: strings and reader functions, chunk names, modes and the env argument (manual §6.1)
local f = load("return 1 + 1")
print("string chunk", f())
print("returns a function", type(f))
print("chunk is vararg", load("return ...")(1, 2, 3))
print("named chunk error", select(2, pcall(load("error('x')", "=named"))))
print("@ chunk error", select(2, pcall(load("error('x')", "@file.lua"))))
-- env: the chunk's first upvalue _ENV
local env = {value = "from env"}
local g = load("return value", "=env", "t", env)
print("custom env", g())
local written = load("newvar = 1; return newvar", "=w", "t", env)()
print("env writes go to env", written, env.newvar, newvar)
print("nil env", pcall(load("return print", "=nilenv", "t", nil)))
print("env missing arg keeps global", load("return type(print)", "=g", "t")())
print("same source different envs", load("return x", "=a", "t", {x = 1})(), load("return x", "=b", "t", {x = 2})())
print("env can be any value", pcall(load("return x", "=num", "t", 5)))
-- mode
print("mode t", type(load("return 1", "=m", "t")))
print("mode bt", type(load("return 1", "=m", "bt")))
print("mode b on text", load("return 1", "=m", "b"))
-- reader functions
local pieces = {"ret", "urn ", "'joined'"}
local i = 0
print("reader pieces", load(function() i = i + 1; return pieces[i] end)())
local calls = 0
load(function() calls = calls + 1; return nil end)
print("reader called once for empty chunk", calls)
local chars = "return 6 * 7"
local pos = 0
print("one character at a time", load(function() pos = pos + 1; return chars:sub(pos, pos) ~= "" and chars:sub(pos, pos) or nil end)())
local function once(text)
  local done = false
  return function() if done then return nil end done = true return text end
end
print("reader default chunk name", select(2, pcall(load(once("error('r')")))))
print("reader with chunk name", select(2, pcall(load(once("error('r')"), "=reader"))))
-- syntax errors
print("syntax error result", load("return return", "=syn"))
local mk = load("local n = 0; return function() n = n + 1; return n end")
local c1, c2 = mk(), mk()
c1(); c1()
print("each call of a chunk makes new locals", c1(), c2())
-- upvalues: only _ENV
local up = "local upvalue"
print("no access to caller locals", load("return up")())
