-- vararg_call: calls through vararg functions (`...`, select('#'), table.pack, forwarding).
-- sizes: full=600000 small=600
local N = N or 600000
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do
    s = s + (select(i, ...))
  end
  return s
end
local function forward(...)
  return sum(...)
end
local function count(...)
  local t = {...}
  return #t
end
local function packed(...)
  local t = table.pack(...)
  return t.n
end
local total = 0
for i = 1, N do
  total = total + forward(i, 1, 2) + count(i, i, i, i) + packed(i, nil, i)
end
print(total)
