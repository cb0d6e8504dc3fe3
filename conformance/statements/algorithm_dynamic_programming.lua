-- dynamic programming with 2-D tables: edit distance, longest common subsequence, knapsack, coin change (manual §3.3)
local function edit(a, b)
  local d = {}
  for i = 0, #a do d[i] = {[0] = i} end
  for j = 0, #b do d[0][j] = j end
  for i = 1, #a do
    for j = 1, #b do
      local cost = a:sub(i, i) == b:sub(j, j) and 0 or 1
      d[i][j] = math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
    end
  end
  return d[#a][#b]
end
local function lcs(a, b)
  local L = {}
  for i = 0, #a do L[i] = {} for j = 0, #b do L[i][j] = 0 end end
  for i = 1, #a do
    for j = 1, #b do
      if a:sub(i, i) == b:sub(j, j) then L[i][j] = L[i - 1][j - 1] + 1
      else L[i][j] = math.max(L[i - 1][j], L[i][j - 1]) end
    end
  end
  local out, i, j = {}, #a, #b
  while i > 0 and j > 0 do
    if a:sub(i, i) == b:sub(j, j) then table.insert(out, 1, a:sub(i, i)); i = i - 1; j = j - 1
    elseif L[i - 1][j] >= L[i][j - 1] then i = i - 1 else j = j - 1 end
  end
  return L[#a][#b], table.concat(out)
end
local pairs_ = {{"kitten", "sitting"}, {"flaw", "lawn"}, {"", "abc"}, {"same", "same"}, {"intention", "execution"}, {"ABCBDAB", "BDCABA"}}
for _, p in ipairs(pairs_) do print("edit/lcs", p[1], p[2], edit(p[1], p[2]), lcs(p[1], p[2])) end
local function knapsack(items, cap)
  local best = {}
  for w = 0, cap do best[w] = 0 end
  for _, it in ipairs(items) do
    for w = cap, it.w, -1 do best[w] = math.max(best[w], best[w - it.w] + it.v) end
  end
  return best[cap]
end
local items = {{w = 12, v = 4}, {w = 2, v = 2}, {w = 1, v = 1}, {w = 1, v = 2}, {w = 4, v = 10}}
for cap = 0, 20, 4 do print("knapsack", cap, knapsack(items, cap)) end
local function ways(coins, amount)
  local w = {[0] = 1}
  for a = 1, amount do w[a] = 0 end
  for _, c in ipairs(coins) do for a = c, amount do w[a] = w[a] + w[a - c] end end
  return w[amount]
end
for _, amount in ipairs({0, 1, 5, 10, 25, 50, 100, 300}) do print("coin change", amount, ways({1, 5, 10, 25, 50}, amount)) end
