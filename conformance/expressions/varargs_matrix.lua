-- vararg functions receiving 0..4 arguments with nils: select('#'), adjustment, table.pack, forwarding (manual §3.4.11)
local function describe(...)
  local n = select("#", ...)
  local a, b = ...
  local packed = table.pack(...)
  local forwarded = select("#", (function(...) return ... end)(...))
  local middle = select("#", (function(...) return ..., "end" end)(...))
  local t = {...}
  local shown = {}
  for i = 1, n do shown[i] = tostring((select(i, ...))) end
  return string.format("n=%d a=%s b=%s pack.n=%d forwarded=%d middle=%d last=%s [%s]",
    n, tostring(a), tostring(b), packed.n, forwarded, middle, n > 0 and tostring((select(-1, ...))) or "none", table.concat(shown, ","))
end
local arg_lists = {
  {n = 0}, {n = 1, nil}, {n = 1, 1}, {n = 2, nil, nil}, {n = 2, 1, nil}, {n = 2, nil, 2}, {n = 3, 1, 2, 3},
  {n = 3, nil, nil, 3}, {n = 4, 1, nil, nil, nil}, {n = 4, false, 0, "", {}},
}
for i, args in ipairs(arg_lists) do
  local text = describe(table.unpack(args, 1, args.n))
  print(i, (text:gsub("table: %w+", "table")))
end
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...) or 0) end
  return s
end
print("sum", sum(), sum(1), sum(1, 2, 3), sum(nil, 5, nil), sum(table.unpack({}, 1, 100)))
local function count_nils(...) local c = 0 for i = 1, select("#", ...) do if select(i, ...) == nil then c = c + 1 end end return c end
print("nils", count_nils(), count_nils(nil), count_nils(1, nil, 2, nil, nil))
