-- graph algorithms on adjacency tables: BFS, DFS, topological sort, Dijkstra, connected components (manual §3.3)
local edges = {{"a", "b", 4}, {"a", "c", 2}, {"b", "c", 5}, {"b", "d", 10}, {"c", "e", 3}, {"e", "d", 4}, {"d", "f", 11}, {"g", "h", 1}}
local adj, nodes = {}, {}
for _, e in ipairs(edges) do
  for _, n in ipairs({e[1], e[2]}) do if not adj[n] then adj[n] = {}; nodes[#nodes + 1] = n end end
  table.insert(adj[e[1]], {to = e[2], w = e[3]})
end
table.sort(nodes)
for _, n in ipairs(nodes) do table.sort(adj[n], function(x, y) return x.to < y.to end) end
local function bfs(start)
  local seen, order, queue, head = {[start] = true}, {}, {start}, 1
  while head <= #queue do
    local n = queue[head]; head = head + 1
    order[#order + 1] = n
    for _, e in ipairs(adj[n]) do if not seen[e.to] then seen[e.to] = true; queue[#queue + 1] = e.to end end
  end
  return table.concat(order, " ")
end
local function dfs(start)
  local seen, order = {}, {}
  local function visit(n)
    if seen[n] then return end
    seen[n] = true
    order[#order + 1] = n
    for _, e in ipairs(adj[n]) do visit(e.to) end
  end
  visit(start)
  return table.concat(order, " ")
end
print("bfs from a", bfs("a"))
print("dfs from a", dfs("a"))
print("bfs from g", bfs("g"))
local function topo()
  local indeg = {}
  for _, n in ipairs(nodes) do indeg[n] = indeg[n] or 0 for _, e in ipairs(adj[n]) do indeg[e.to] = (indeg[e.to] or 0) + 1 end end
  local ready, out = {}, {}
  for _, n in ipairs(nodes) do if indeg[n] == 0 then ready[#ready + 1] = n end end
  while #ready > 0 do
    table.sort(ready, function(x, y) return x > y end)
    local n = table.remove(ready)
    out[#out + 1] = n
    for _, e in ipairs(adj[n]) do indeg[e.to] = indeg[e.to] - 1 if indeg[e.to] == 0 then ready[#ready + 1] = e.to end end
  end
  return table.concat(out, " ")
end
print("topological order", topo())
local function dijkstra(src)
  local dist, done = {[src] = 0}, {}
  while true do
    local best
    for _, n in ipairs(nodes) do if dist[n] and not done[n] and (not best or dist[n] < dist[best]) then best = n end end
    if not best then break end
    done[best] = true
    for _, e in ipairs(adj[best]) do
      local d = dist[best] + e.w
      if not dist[e.to] or d < dist[e.to] then dist[e.to] = d end
    end
  end
  local out = {}
  for _, n in ipairs(nodes) do out[#out + 1] = n .. "=" .. tostring(dist[n]) end
  return table.concat(out, " ")
end
print("dijkstra from a", dijkstra("a"))
print("dijkstra from c", dijkstra("c"))
local comp, label = {}, 0
local undirected = {}
for _, n in ipairs(nodes) do undirected[n] = {} end
for _, e in ipairs(edges) do table.insert(undirected[e[1]], e[2]); table.insert(undirected[e[2]], e[1]) end
for _, n in ipairs(nodes) do
  if not comp[n] then
    label = label + 1
    local stack = {n}
    while #stack > 0 do
      local x = table.remove(stack)
      if not comp[x] then comp[x] = label for _, y in ipairs(undirected[x]) do stack[#stack + 1] = y end end
    end
  end
end
local cs = {}
for _, n in ipairs(nodes) do cs[#cs + 1] = n .. ":" .. comp[n] end
print("components", label, table.concat(cs, " "))
