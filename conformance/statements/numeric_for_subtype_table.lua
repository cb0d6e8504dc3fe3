-- numeric for with every combination of integer, float and numeric-string start, limit and step: loop kind and values (manual §3.3.5)
local kinds = {{"int", 1}, {"float", 1.0}, {"string", "1"}}
local limits = {{"int", 3}, {"float", 3.0}, {"frac", 3.5}, {"string", "3"}}
local steps = {{"int", 1}, {"float", 1.0}, {"string", "1"}, {"none", nil}}
for _, a in ipairs(kinds) do
  for _, b in ipairs(limits) do
    for _, c in ipairs(steps) do
      local ok, r = pcall(function()
        local out = {}
        if c[2] == nil then
          for i = a[2], b[2] do out[#out + 1] = tostring(i) .. (math.type(i) == "integer" and "i" or "f") end
        else
          for i = a[2], b[2], c[2] do out[#out + 1] = tostring(i) .. (math.type(i) == "integer" and "i" or "f") end
        end
        return table.concat(out, " ")
      end)
      print(a[1], b[1], c[1], ok and r or r:gsub("^.-:%d+: ", ""))
    end
  end
end
