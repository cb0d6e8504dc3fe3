-- vararg expressions and select, including nils, negative indices and errors (manual §3.4.11, §6.1)
local function count(...) return select("#", ...) end
local function pass(...) return ... end
print("count none", count())
print("count nils", count(nil), count(nil, nil), count(nil, nil, nil))
print("trailing nils kept", count(1, nil, nil))
print("select 1", select(1, "a", "b", "c"))
print("select 2", select(2, "a", "b", "c"))
print("select 3", select(3, "a", "b", "c"))
print("select 4", select(4, "a", "b", "c"))
print("select -1", select(-1, "a", "b", "c"))
print("select -2", select(-2, "a", "b", "c"))
print("select -3", select(-3, "a", "b", "c"))
print("select -4", pcall(select, -4, "a", "b", "c"))
print("select 0", pcall(select, 0, "a"))
print("select no index", pcall(select))
print("select string index", select("2", "a", "b"))
print("select float index", select(2.0, "a", "b"))
print("select bad float", pcall(select, 1.5, "a"))
print("select '#' only", select("#"))
print("select bad string", pcall(select, "x", 1))
print("select huge", select(1000, "a"))
print("select -1 of none", pcall(select, -1))
local function first(...) local a = ... return a end
print("adjust to one", first(7, 8, 9))
local function two(...) local a, b = ... return a, b end
print("adjust to two", two(7))
local function mid(...) return ..., "end" end
print("truncated in middle", mid(1, 2, 3))
local function paren(...) return (...) end
print("parenthesised vararg", paren(1, 2, 3))
print("parenthesised empty", count(paren()))
local function tbl(...) return {...} end
print("table of varargs", #tbl(1, 2, 3), tbl(1, nil, 3)[3])
local function pack(...) return table.pack(...) end
local p = pack(nil, 2, nil)
print("pack n", p.n, p[1], p[2], p[3])
print("pass through many", count(pass(table.unpack({}, 1, 200))))
local function fixed_and_var(a, b, ...) return a, b, count(...) end
print("fixed then vararg", fixed_and_var(1))
print("fixed then vararg 2", fixed_and_var(1, 2, 3, 4))
local function nested(...)
  local inner = function(...) return count(...) end
  return inner(..., "x"), inner(...)
end
print("nested varargs", nested(1, 2))
print("vararg in main chunk via load", load("return select('#', ...), ...")("p", nil))
print("varargs are copies", (function(...)
  local a = ...
  a = 100
  return ...
end)(1, 2))
