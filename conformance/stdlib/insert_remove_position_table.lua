-- table.insert and table.remove at every position from -1 to #t+2 on tables of length 0..4 (manual §6.6)
local function make(n) local t = {} for i = 1, n do t[i] = string.char(96 + i) end return t end
local function show(t, n) local out = {} for i = 0, n do out[#out + 1] = tostring(t[i]) end return table.concat(out, ",") end
for n = 0, 4 do
  for pos = -1, n + 2 do
    local ti = make(n)
    local ok1, e1 = pcall(table.insert, ti, pos, "X")
    local tr = make(n)
    local ok2, r2 = pcall(table.remove, tr, pos)
    print("n=" .. n, "pos=" .. pos,
      "insert: " .. (ok1 and show(ti, n + 1) or e1:gsub("^.-%((.-)%)$", "%1")),
      "remove: " .. (ok2 and (tostring(r2) .. " -> " .. show(tr, n)) or r2:gsub("^.-%((.-)%)$", "%1")))
  end
end
