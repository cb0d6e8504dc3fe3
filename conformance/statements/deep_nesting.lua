-- deeply nested blocks, loops and conditionals keep scoping right (manual §3.3)
local acc = {}
for a = 1, 2 do
  if a > 0 then
    local b = a * 2
    while b > 0 do
      repeat
        do
          local c = b
          if c % 2 == 0 then
            for _, d in ipairs({c, c + 1}) do
              if d % 2 == 1 then
                acc[#acc + 1] = a .. ":" .. d
              end
            end
          else
            acc[#acc + 1] = "odd" .. c
          end
        end
        b = b - 1
      until true
    end
  end
end
print("nested control", table.concat(acc, " "))
local function nest(n)
  if n == 0 then return function() return "bottom" end end
  local inner = nest(n - 1)
  return function() return n .. ">" .. inner() end
end
print("nested closures", nest(6)())
-- 100 nested do blocks built with load
local src = string.rep("do local x = 1 ", 100) .. "y = 'deep'" .. string.rep(" end", 100)
load(src)()
print("100 nested blocks", y)
-- 50 nested parentheses and calls
local expr = string.rep("(", 50) .. "1" .. string.rep(")", 50)
print("50 nested parens", load("return " .. expr)())
local calls = string.rep("f(", 30) .. "0" .. string.rep(")", 30)
print("30 nested calls", load("local function f(x) return x + 1 end return " .. calls)())
-- nested tables
local tsrc = string.rep("{", 40) .. "'leaf'" .. string.rep("}", 40)
local nt = load("return " .. tsrc)()
for i = 1, 39 do nt = nt[1] end
print("40 nested tables", nt[1])
-- long elseif chain
local chain = {"local x = ... if x == 0 then return 0"}
for i = 1, 100 do chain[#chain + 1] = "elseif x == " .. i .. " then return " .. i * i end
chain[#chain + 1] = "else return -1 end"
local f = load(table.concat(chain, " "))
print("elseif chain", f(0), f(57), f(100), f(101))
