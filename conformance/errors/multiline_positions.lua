-- the line reported for errors in expressions that span several lines (manual §2.3)
local function try(label, f) print(label, pcall(f)) end
local t = {}
try("operator on its own line", function()
  return 1
    +
    t.missing
end)
try("call spread over lines", function()
  return math.floor(
    "x"
  )
end)
try("field access on a later line", function()
  return t
    .a
    .b
end)
try("call of nil across lines", function()
  local f
  return f
  (
  1
  )
end)
try("concatenation chain", function()
  return "a" ..
    "b" ..
    t.nothing ..
    "c"
end)
try("comparison across lines", function()
  return t
    <
    1
end)
try("table constructor", function()
  return {
    1,
    2,
    t.x.y,
  }
end)
try("method call on later line", function()
  local s = nil
  return s
    :upper()
end)
try("error call argument on later line", function()
  error(
    "explicit"
  )
end)
try("arithmetic in argument", function()
  print(1,
    2,
    {} + 1)
end)
