-- Table layout as in PUC's ltable.c: pairs order over integer, float and boolean keys and the borders # finds in tables with holes, after random inserts, deletions (also during traversal), table.insert/remove and constructors.
local seed
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
local function dump(t)
  local parts = {}
  for k, v in pairs(t) do parts[#parts + 1] = tostring(k) .. "=" .. tostring(v) end
  return #t .. " | " .. table.concat(parts, " ")
end
local function gen(n) local r = {} for i = 1, n do r[i] = i end return table.unpack(r) end
for s = 1, 5 do
  seed = s
  for round = 1, 12 do
    local t
    local kind = rnd(4)
    if kind == 0 then t = {}
    elseif kind == 1 then t = {1, 2, 3, nil, 5}
    elseif kind == 2 then t = {[true] = 1, [3] = 3, [1.5] = 4}
    else t = {10, 20, [10] = 100} end
    for i = 1, rnd(40) do
      local k
      local r = rnd(6)
      if r == 0 then k = rnd(8) + 1
      elseif r == 1 then k = rnd(64) - 8
      elseif r == 2 then k = rnd(1000)
      elseif r == 3 then k = rnd(16) + 0.5
      elseif r == 4 then k = rnd(2) == 0
      else k = #t + 1 end
      if rnd(10) < 7 then t[k] = i else t[k] = nil end
      if rnd(5) == 0 then io.write(#t, " ") end
    end
    print()
    print(s, round, dump(t))
    for k in pairs(t) do if rnd(3) == 0 then t[k] = nil end end
    print(s, round, dump(t))
  end
  for round = 1, 8 do
    local n = rnd(200)
    local t
    local kind = rnd(5)
    if kind == 0 then t = {gen(n)}
    elseif kind == 1 then t = {} for i = 1, n do t[i] = i end
    elseif kind == 2 then t = {} for i = n, 1, -1 do t[i] = i end
    elseif kind == 3 then t = {} for i = 1, n do t[rnd(2 * n + 1)] = i end
    else t = {} for i = 1, n do table.insert(t, rnd(i) + 1, i) end end
    for i = 1, rnd(n + 1) do
      local op = rnd(6)
      if op == 0 then t[rnd(n + 5)] = nil
      elseif op == 1 then t[-rnd(10)] = i
      elseif op == 2 then t[rnd(100) + 0.25] = i
      elseif op == 3 then if #t > 0 then table.remove(t, rnd(#t) + 1) end
      elseif op == 4 then t[#t + 1] = i
      else t[2 ^ 40 + rnd(3)] = i end
    end
    print(s, round, n, kind, dump(t))
  end
end
