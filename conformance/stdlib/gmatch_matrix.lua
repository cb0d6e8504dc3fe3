-- string.gmatch over a matrix of subjects and patterns, listing every match (manual §6.4.1)
local subjects = {"one two three", "a1b2c3", "key=val; k2=v2", "  ", "", "aaa", "x,y,,z"}
local patterns = {"%a+", "%d", "(%w+)=(%w+)", "%s*", "[^,]*", "()a", ".-", "%w*"}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    local out = {}
    for a, b in s:gmatch(p) do
      out[#out + 1] = b ~= nil and (tostring(a) .. "/" .. tostring(b)) or tostring(a)
      if #out > 20 then break end
    end
    print(string.format("%-18s %-12s", string.format("%q", s), p), #out, "[" .. table.concat(out, "|") .. "]")
  end
end
