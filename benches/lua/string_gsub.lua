-- string_gsub: string.gsub with string, table and function replacements.
-- sizes: full=100000 small=100
local N = N or 100000
local template = "Hello $name, you owe $amount to $bank. Regards, $name."
local vars = {name = "Ada", amount = "42", bank = "Lua Bank"}
local total, count = 0, 0
for i = 1, N do
  local s, n = template:gsub("%$(%w+)", vars)
  total = total + #s
  count = count + n
  local t = s:gsub("%s+", "_")
  total = total + #t
  local u = t:gsub("%a", function(c)
    if c == "a" then
      return "4"
    end
  end)
  total = total + #u + (i % 3)
end
print(total, count)
