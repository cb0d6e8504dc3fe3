-- Lines the syntax tree does not carry: an indexing in the last argument or last positional field is reported at the closing ) or }, a bad numeric for value at its do, a generic for's iterator call at the token after in.
local t = {}
local function try(label, f) print(label, pcall(f)) end
try("call last arg", function() return print(
  t.x.y
) end)
try("method last arg", function() return ("s"):rep(
  t.x.y
) end)
try("string call", function() return print "a" .. t.x.y end)
try("table call", function() return print {
  t.x.y
} end)
try("nested", function() return print(tostring(1), {
  t.q,
  t.x.y,
}) end)
try("for do line", function()
  for i = 1,
    nil
  do end
end)
try("for step", function()
  for i = 1, 2,
    {}
  do end
end)
try("for func header", function()
  for i = (function() for j = 1, 2 do end return 1 end)(),
    nil do end
end)
try("generic for call", function()
  for k in
    nil
  do end
end)
try("generic for table", function()
  for k, v in
    t.x, 1
  do end
end)
local a
(print)("paren after local")
do
  goto skip
  ::skip::
end
(print)("after label")
try("long string call", function() return print [[
multi
line]] .. t.x.y end)
try("index after call", function() return tostring(1)
  .x.y end)
try("keyed last", function() return {
  k = t.x.y
} end)
try("positional then keyed", function() return {
  t.x.y,
  k = 1
} end)
try("args with table last", function() return select(1, 2, {
  3 }) .. t.x.y end)
try("vararg call", function(...) return print(...,
  t.x.y) end)
