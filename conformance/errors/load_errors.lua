-- load reports syntax errors as nil plus message; reader functions and their errors (manual §6.1 load)
-- (load is called through pcall where a reader raises, so no outer message handler can see the error)
print("syntax error", load("return +", "=l"))
print("syntax error count", select("#", load("return +", "=l")))
print("reader returning pieces", load((function()
  local parts = {"return ", "1 ", "+ ", "41"}
  local i = 0
  return function() i = i + 1; return parts[i] end
end)(), "=pieces")())
print("reader returning empty string ends", load((function()
  local parts = {"return 'a'", "", "..'b'"}
  local i = 0
  return function() i = i + 1; return parts[i] end
end)(), "=empty")())
print("reader returning a table", pcall(load, function() return {} end, "=bad"))
print("reader returning numbers", load((function() local n = 0 return function() n = n + 1 if n == 1 then return "return " elseif n == 2 then return 42 end end end)(), "=num")())
print("reader raising error", pcall(load, function() error("reader failed") end, "=raise"))
print("reader raising table", type(select(3, pcall(load, function() error({}) end, "=raise"))))
print("reader returning nil immediately", load(function() return nil end, "=nil")())
print("non-function non-string chunk", pcall(load, {}))
print("nil chunk", pcall(load, nil))
print("error in loaded function", pcall(load("local x = nil; return x.y", "=run")))
print("too many local variables", (select(2, load(string.rep("local a;", 201), "=many"))))
print("lexer error position", load("x = 1\ny = 2\nz = 'unclosed", "=lex"))
print("too many upvalues is fine below 255", load((function()
  local src = {}
  for i = 1, 100 do src[#src + 1] = "local v" .. i .. " = " .. i end
  src[#src + 1] = "return function() return v1 + v100 end"
  return table.concat(src, "\n")
end)())()())
