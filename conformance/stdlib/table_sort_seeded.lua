-- table.sort on seeded random arrays of several sizes and value kinds, checked and summarised (manual §6.6)
local function checksum(t) local h = 0 for i, v in ipairs(t) do h = (h * 31 + math.tointeger(v) * i) % 1000000007 end return h end
for _, seed in ipairs({1, 2, 3}) do
  for _, n in ipairs({0, 1, 2, 3, 10, 50, 500}) do
    math.randomseed(seed)
    local t = {}
    for i = 1, n do t[i] = math.random(-100, 100) end
    local before = 0
    for _, v in ipairs(t) do before = before + v end
    table.sort(t)
    local ok, after = true, 0
    for i, v in ipairs(t) do after = after + v; if i > 1 and t[i - 1] > v then ok = false end end
    print("seed " .. seed, "n " .. n, ok, before == after, checksum(t), t[1], t[n])
  end
end
math.randomseed(99)
local words = {}
for i = 1, 30 do
  local w = {}
  for j = 1, math.random(1, 6) do w[j] = string.char(math.random(97, 102)) end
  words[i] = table.concat(w)
end
table.sort(words)
print("random words", table.concat(words, " "))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a > b) end)
print("by length, reverse alphabet", table.concat(words, " "))
