-- return: multiple values, no values, tail position only at the end of a block (manual §3.3.4)
local function none() return end
local function empty() end
local function one() return 1 end
local function many() return 1, 2, 3 end
local function nils() return nil, nil end
print("counts", select("#", none()), select("#", empty()), select("#", one()),
  select("#", many()), select("#", nils()))
local function pass(...) return ... end
print("pass through", pass(1, nil, 3))
print("pass count", select("#", pass(nil, nil, nil)))
local function forward() return many() end
print("return call expands", forward())
local function trunc() return (many()) end
print("parens truncate", trunc())
local function middle() return many(), 10 end
print("call in middle truncated", middle())
local function mixed() return 0, many() end
print("call at end expands", mixed())
local function cond(x)
  if x then return "yes" end
  return "no"
end
print("early return", cond(true), cond(false))
local function in_loop()
  for i = 1, 10 do
    if i == 3 then return i end
  end
  return "not found"
end
print("return from loop", in_loop())
local function nested_block()
  do
    do return "deep" end
  end
end
print("return from nested do", nested_block())
print("return must be last", load("return 1; local x = 2", "=r"))
print("return with semicolon", load("return 1;", "=r")())
print("return in middle via do", load("do return 'mid' end local x = 2")())
local function many_values()
  return 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20
end
print("twenty values", select("#", many_values()), select(20, many_values()))
local function big_return(n)
  return table.unpack({}, 1, n)
end
print("300 nil returns", select("#", big_return(300)))
