-- collectgarbage options (results that are deterministic), _G and _VERSION (manual §6.1)
print("collect returns 0", collectgarbage("collect"), collectgarbage())
print("count is a float", math.type(collectgarbage("count")), collectgarbage("count") > 0)
print("step returns boolean", type(collectgarbage("step")))
print("isrunning", collectgarbage("isrunning"))
collectgarbage("stop")
print("isrunning after stop", collectgarbage("isrunning"))
collectgarbage("restart")
print("isrunning after restart", collectgarbage("isrunning"))
-- the initial mode depends on the host (lua.c switches to generational), so set it first
collectgarbage("incremental")
print("incremental returns previous mode", collectgarbage("incremental"))
print("generational returns previous mode", collectgarbage("generational"))
print("back to incremental", collectgarbage("incremental"))
print("invalid option", pcall(collectgarbage, "nope"))
print("_VERSION", _VERSION)
print("_G is the global table", _G._G == _G, _G.print == print, _ENV == _G)
print("_G fields", type(_G.string), type(_G.table), type(_G.math), type(_G.utf8), type(_G.coroutine), type(_G.io))
local names = {}
-- "arg" is left out: command-line drivers may define it, the embedded runner need not
for k in pairs(_G) do if k ~= "arg" then names[#names + 1] = k end end
table.sort(names)
print("globals", table.concat(names, " "))
local libs = {"string", "table", "math", "utf8", "coroutine"}
for _, lib in ipairs(libs) do
  local fns = {}
  for k, v in pairs(_G[lib]) do fns[#fns + 1] = k .. (type(v) == "function" and "" or ":" .. type(v)) end
  table.sort(fns)
  print(lib, table.concat(fns, " "))
end
local iofns = {}
for k in pairs(io) do iofns[#iofns + 1] = k end
print("io", table.concat(iofns, " "))
print("absent libraries", os, debug, package, require, dofile, loadfile)
