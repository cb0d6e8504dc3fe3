-- text processing with string functions, tables and loops: word counts, ciphers, run-length encoding (manual §3.3, §6.4)
local text = [[
The quick brown fox jumps over the lazy dog. The dog sleeps;
the fox runs away, quick as a fox can be. A dog, a fox, THE END.
]]
local counts = {}
for w in text:lower():gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end
local words = {}
for w in pairs(counts) do words[#words + 1] = w end
table.sort(words, function(a, b) if counts[a] ~= counts[b] then return counts[a] > counts[b] end return a < b end)
for i = 1, 8 do print("word", words[i], counts[words[i]]) end
print("distinct words", #words)
local function caesar(s, k)
  return (s:gsub("%a", function(c)
    local base = c:match("%l") and 97 or 65
    return string.char((c:byte() - base + k) % 26 + base)
  end))
end
local enc = caesar("Hello, World!", 3)
print("caesar", enc, caesar(enc, -3), caesar("xyz XYZ", 4))
local function rle(s)
  local out = {}
  local i = 1
  while i <= #s do
    local c = s:sub(i, i)
    local j = i
    while s:sub(j + 1, j + 1) == c do j = j + 1 end
    out[#out + 1] = (j - i + 1) .. c
    i = j + 1
  end
  return table.concat(out)
end
local function unrle(s) return (s:gsub("(%d+)(.)", function(n, c) return c:rep(tonumber(n)) end)) end
for _, s in ipairs({"aaabccdddd", "abc", "", "zzzzzzzzzzzz", "aabbaa"}) do
  print("rle", string.format("%q", s), rle(s), unrle(rle(s)) == s)
end
local function is_palindrome(s) s = s:lower():gsub("[^%a]", "") return s == s:reverse() end
for _, s in ipairs({"A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw?", ""}) do
  print("palindrome", is_palindrome(s), s)
end
local function title(s) return (s:gsub("(%a)([%w_']*)", function(a, b) return a:upper() .. b:lower() end)) end
print("title case", title("the QUICK brown fox's den"))
local function wrap(s, width)
  local lines, line = {}, ""
  for w in s:gmatch("%S+") do
    if #line + #w + 1 > width and #line > 0 then lines[#lines + 1] = line; line = w
    else line = #line > 0 and (line .. " " .. w) or w end
  end
  if #line > 0 then lines[#lines + 1] = line end
  return lines
end
for i, l in ipairs(wrap(text, 30)) do print("wrap " .. i, l) end
