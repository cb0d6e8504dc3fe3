-- every character class and its complement, listed over all 256 bytes as ranges (manual §6.4.1)
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
local function ranges(class)
  local out, start, prev = {}, nil, nil
  for i = 0, 256 do
    local hit = i < 256 and all:sub(i + 1, i + 1):find("^" .. class .. "$") ~= nil
    if hit and not start then start = i end
    if not hit and start then
      out[#out + 1] = start == i - 1 and tostring(start) or (start .. "-" .. (i - 1))
      start = nil
    end
  end
  return table.concat(out, ",")
end
for _, c in ipairs({"a", "c", "d", "g", "l", "p", "s", "u", "w", "x"}) do
  print("%" .. c, ranges("%" .. c))
  print("%" .. c:upper(), ranges("%" .. c:upper()))
end
print(".", ranges("."))
print("%z (deprecated, matches \\0)", ranges("%z"))
print("[%a_]", ranges("[%a_]"))
print("[^%w]", ranges("[^%w]"))
print("[%d%u]", ranges("[%d%u]"))
print("[a-f]", ranges("[a-f]"))
print("[^a-z]", ranges("[^a-z]"))
print("[%]]", ranges("[%]]"))
print("[]]", ranges("[]]"))
print("[^]]", ranges("[^]]"))
print("[a-]", ranges("[a-]"))
print("[-a]", ranges("[-a]"))
print("[%-]", ranges("[%-]"))
print("[\\0-\\31]", ranges("[\0-\31]"))
print("[\\200-\\255]", ranges("[\200-\255]"))
print("[z-a] empty range", ranges("[z-a]"))
print("%. escaped punctuation", ranges("%."), ranges("%%"), ranges("%["))
