-- substring search three ways (naive loop, Knuth-Morris-Pratt, string.find plain) agreeing on all occurrences (manual §6.4)
local function naive(text, pat)
  local out = {}
  for i = 1, #text - #pat + 1 do
    local j = 1
    while j <= #pat and text:byte(i + j - 1) == pat:byte(j) do j = j + 1 end
    if j > #pat then out[#out + 1] = i end
  end
  return out
end
local function kmp(text, pat)
  local fail, k = {0}, 0
  for i = 2, #pat do
    while k > 0 and pat:byte(k + 1) ~= pat:byte(i) do k = fail[k] end
    if pat:byte(k + 1) == pat:byte(i) then k = k + 1 end
    fail[i] = k
  end
  local out, q = {}, 0
  for i = 1, #text do
    while q > 0 and pat:byte(q + 1) ~= text:byte(i) do q = fail[q] end
    if pat:byte(q + 1) == text:byte(i) then q = q + 1 end
    if q == #pat then out[#out + 1] = i - #pat + 1; q = fail[q] end
  end
  return out
end
local function builtin(text, pat)
  local out, init = {}, 1
  while true do
    local s = text:find(pat, init, true)
    if not s then return out end
    out[#out + 1] = s
    init = s + 1
  end
end
local texts = {"abababab", "aaaaaa", "the cat sat on the mat with the hat", "abcabcabd abcabd", ("ab"):rep(20) .. "c", "mississippi"}
local pats = {"ab", "aa", "the", "abcabd", "bab", "issi", "zz", "a"}
for _, t in ipairs(texts) do
  for _, p in ipairs(pats) do
    local a, b, c = naive(t, p), kmp(t, p), builtin(t, p)
    local sa, sb, sc = table.concat(a, ","), table.concat(b, ","), table.concat(c, ",")
    if #a > 0 then print(string.format("%-12s %-8s", t:sub(1, 12), p), #a, sa, sa == sb and sb == sc) end
  end
end
