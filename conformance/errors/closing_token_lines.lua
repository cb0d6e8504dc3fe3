-- lines of closing tokens where Lua codes instructions: an indexing that is the last
-- argument or constructor item fails at the `)` or `}`, a `for` is prepared at its
-- `do`, and a generic `for` calls its iterator where the first token after `in` ends
local function try(label, f) print(label, pcall(f)) end
local t = {}
try("indexing as the last argument", function()
  return tostring(
    t.x.y
  )
end)
try("indexing as the last method argument", function()
  return ("%s"):format(1,
    t.x.y
  )
end)
try("indexing as the last item, keyed fields before", function()
  return {
    a = 1, [2] = 2;
    t.x.y
  }
end)
try("indexing as the only argument of a call in a constructor", function()
  return { tostring(
    t.x.y
  ) }
end)
try("numeric for step on a later line", function()
  for i = 1, 2,
    {}
  do end
end)
try("generic for iterator after a line break", function()
  for k in
    nil do end
end)
try("generic for iterator in parentheses", function()
  for k in (
    nil) do end
end)
try("generic for iterator that is a long string", function()
  for k in [[a
b]] do end
end)
try("generic for closing value", function()
  for k in next, {}, nil,
    3
  do end
end)
try("generic for closing value, do on the last line", function()
  for k, v in next, {},
    nil, true do
  end
end)
