-- generators walking nested tables depth-first and breadth-first, yielding paths and values (manual §2.6)
local data = {
  name = "root", version = 3,
  list = {10, 20, {30, 40}},
  nested = {deep = {deeper = {deepest = "bottom"}}, flag = true},
  empty = {},
}
local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  return ks
end
local function dfs(t)
  return coroutine.wrap(function()
    local function walk(node, path)
      for _, k in ipairs(sorted_keys(node)) do
        local v = node[k]
        local p = path .. "/" .. tostring(k)
        if type(v) == "table" then coroutine.yield(p, "table") walk(v, p) else coroutine.yield(p, v) end
      end
    end
    walk(t, "")
  end)
end
local function bfs(t)
  return coroutine.wrap(function()
    local queue = {{t, ""}}
    local head = 1
    while head <= #queue do
      local node, path = queue[head][1], queue[head][2]
      head = head + 1
      for _, k in ipairs(sorted_keys(node)) do
        local v = node[k]
        local p = path .. "/" .. tostring(k)
        coroutine.yield(p, type(v) == "table" and "table" or v)
        if type(v) == "table" then queue[#queue + 1] = {v, p} end
      end
    end
  end)
end
for p, v in dfs(data) do print("dfs", p, v) end
for p, v in bfs(data) do print("bfs", p, v) end
local leaves = 0
for _, v in dfs(data) do if v ~= "table" then leaves = leaves + 1 end end
print("leaves", leaves)
