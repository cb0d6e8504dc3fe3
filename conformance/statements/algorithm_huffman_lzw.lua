-- Huffman coding with deterministic tie-breaking and LZW compression, each decoded back to the input (manual §3.3)
local text = "abracadabra alakazam banana bandana"
local freq = {}
for c in text:gmatch(".") do freq[c] = (freq[c] or 0) + 1 end
local nodes = {}
for c, n in pairs(freq) do nodes[#nodes + 1] = {w = n, sym = c, key = c} end
local function less(a, b) if a.w ~= b.w then return a.w < b.w end return a.key < b.key end
while #nodes > 1 do
  table.sort(nodes, less)
  local a = table.remove(nodes, 1)
  local b = table.remove(nodes, 1)
  nodes[#nodes + 1] = {w = a.w + b.w, left = a, right = b, key = a.key .. b.key}
end
local codes = {}
local function walk(n, prefix)
  if n.sym then codes[n.sym] = prefix == "" and "0" or prefix return end
  walk(n.left, prefix .. "0")
  walk(n.right, prefix .. "1")
end
walk(nodes[1], "")
local syms = {}
for c in pairs(codes) do syms[#syms + 1] = c end
table.sort(syms)
for _, c in ipairs(syms) do print(string.format("%q", c), freq[c], codes[c]) end
local bits = text:gsub(".", codes)
print("encoded bits", #bits, "vs", #text * 8)
local decode = {}
for c, code in pairs(codes) do decode[code] = c end
local out, cur = {}, ""
for b in bits:gmatch(".") do
  cur = cur .. b
  if decode[cur] then out[#out + 1] = decode[cur]; cur = "" end
end
print("huffman round trip", table.concat(out) == text)
local function lzw(s)
  local dict, size = {}, 256
  for i = 0, 255 do dict[string.char(i)] = i end
  local w, result = "", {}
  for c in s:gmatch(".") do
    local wc = w .. c
    if dict[wc] then w = wc else
      result[#result + 1] = dict[w]
      dict[wc] = size; size = size + 1
      w = c
    end
  end
  if w ~= "" then result[#result + 1] = dict[w] end
  return result
end
local function unlzw(codes_)
  local dict, size = {}, 256
  for i = 0, 255 do dict[i] = string.char(i) end
  local w = dict[codes_[1]]
  local out_ = {w}
  for i = 2, #codes_ do
    local k = codes_[i]
    local entry = dict[k] or (w .. w:sub(1, 1))
    out_[#out_ + 1] = entry
    dict[size] = w .. entry:sub(1, 1); size = size + 1
    w = entry
  end
  return table.concat(out_)
end
for _, s in ipairs({"TOBEORNOTTOBEORTOBEORNOT", text, ("ab"):rep(20), "aaaaaaaaaaaaaaaaaaaaaaaa"}) do
  local c = lzw(s)
  print("lzw", #s, #c, table.concat(c, ",", 1, math.min(#c, 12)), unlzw(c) == s)
end
