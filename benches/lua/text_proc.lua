-- text_proc: a text processor: tokenise, count words, capitalise, wrap lines, format a report.
-- sizes: full=160 small=1
local N = N or 160

-- A deterministic corpus from a fixed vocabulary (a linear congruential generator).
local vocab = {
  "lua", "table", "string", "function", "closure", "metatable", "coroutine", "value",
  "the", "a", "of", "and", "to", "in", "is", "with", "fast", "small", "register",
  "machine", "garbage", "collector", "pattern", "match", "upvalue", "integer", "float",
}
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end
local words = {}
for i = 1, 5000 do
  local w = vocab[rand(#vocab)]
  if i % 13 == 0 then
    w = w .. "."
  elseif i % 7 == 0 then
    w = w .. ","
  end
  words[i] = w
end
local text = table.concat(words, " ")

local function process(src)
  -- Word frequencies, with punctuation stripped and case folded.
  local freq, order = {}, {}
  for word in src:gmatch("%a+") do
    local w = word:lower()
    if not freq[w] then
      freq[w] = 0
      order[#order + 1] = w
    end
    freq[w] = freq[w] + 1
  end
  table.sort(order, function(a, b)
    if freq[a] ~= freq[b] then
      return freq[a] > freq[b]
    end
    return a < b
  end)
  -- Capitalise sentences.
  local capital = src:gsub("(%.%s+)(%a)", function(dot, c)
    return dot .. c:upper()
  end)
  -- Wrap at 60 columns.
  local lines, line = {}, {}
  local width = 0
  for word in capital:gmatch("%S+") do
    if width + #word + 1 > 60 then
      lines[#lines + 1] = table.concat(line, " ")
      line, width = {}, 0
    end
    line[#line + 1] = word
    width = width + #word + 1
  end
  lines[#lines + 1] = table.concat(line, " ")
  -- A report with string.format and string.rep.
  local report = {}
  for i = 1, 5 do
    local w = order[i]
    report[i] = string.format("%-10s %5d %s", w, freq[w], string.rep("*", freq[w] // 100))
  end
  return order, freq, lines, report
end

local total_lines, total_chars, check = 0, 0, 0
local order, freq, lines, report
for round = 1, N do
  order, freq, lines, report = process(text:sub(round))
  total_lines = total_lines + #lines
  for _, l in ipairs(lines) do
    total_chars = total_chars + #l
    check = (check * 7 + l:byte(1) + l:byte(-1)) % 1000000007
  end
end
print(total_lines, total_chars, check, #order)
for _, r in ipairs(report) do
  print(r)
end
print(lines[1])
