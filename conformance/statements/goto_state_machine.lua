-- a number recogniser written with goto between labelled states, run over many inputs (manual §3.3.4)
local function classify(s)
  local i, c = 0, nil
  local function nextc() i = i + 1; c = s:sub(i, i) end
  nextc()
  if c == "+" or c == "-" then nextc() end
  if c:match("%d") then goto int_part end
  if c == "." then goto frac_start end
  do return "reject at " .. i end
  ::int_part::
  while c:match("%d") do nextc() end
  if c == "." then nextc() goto frac_part end
  if c == "e" or c == "E" then goto exp_start end
  if c == "" then return "integer" end
  do return "reject at " .. i end
  ::frac_start::
  nextc()
  if not c:match("%d") then return "reject at " .. i end
  ::frac_part::
  while c:match("%d") do nextc() end
  if c == "e" or c == "E" then goto exp_start end
  if c == "" then return "decimal" end
  do return "reject at " .. i end
  ::exp_start::
  nextc()
  if c == "+" or c == "-" then nextc() end
  if not c:match("%d") then return "reject at " .. i end
  while c:match("%d") do nextc() end
  if c == "" then return "exponent" end
  return "reject at " .. i
end
local inputs = {"0", "42", "-7", "+3", "3.14", ".5", "5.", "1e10", "1E-3", "2.5e+7", "", "-", "abc", "1.2.3", "1e", "1e+", ".e1", "12a", "--1", "0.0e0", "+.5e-2", "9.", "7e7e7"}
for _, s in ipairs(inputs) do
  local mine = classify(s)
  local lua = tonumber(s)
  print(string.format("%-9s", string.format("%q", s)), mine, lua ~= nil)
end
