-- every runtime error kind (index, assign, call, arithmetic, concat, length, compare) on a nil reached through each kind of name (manual §2.3)
local templates = {
  index = "return %s.x",
  assign = "%s.x = 1",
  call = "return %s()",
  method = "return %s:m()",
  arith = "return %s + 1",
  unm = "return -%s",
  concat = "return 'a' .. %s",
  len = "return #%s",
  compare = "return %s < 1",
  bitwise = "return %s & 1",
}
local access = {
  {"global", "", "g"},
  {"local", "local l = nil ", "l"},
  {"upvalue", "local u = nil return (function() ", "u", " end)()"},
  {"field", "local t = {} ", "t.f"},
  {"string key", "local t = {} ", "t['k']"},
  {"integer key", "local t = {} ", "t[1]"},
  {"variable key", "local t, k = {}, 'v' ", "t[k]"},
  {"constant", "local c <const> = nil ", "c"},
  {"parameter", "return (function(p) ", "p", " end)()"},
  {"call result", "local function f() end ", "f()"},
}
local kinds = {"index", "assign", "call", "method", "arith", "unm", "concat", "len", "compare", "bitwise"}
for _, a in ipairs(access) do
  for _, k in ipairs(kinds) do
    local body = string.format(templates[k], a[3])
    local src = a[2] .. body .. (a[4] or "")
    local f, err = load(src, "=k")
    if f then
      local ok, msg = pcall(f)
      print(a[1], k, ok and "no error" or msg)
    else
      print(a[1], k, "syntax: " .. err)
    end
  end
end
