-- load over chunk sources × environments × modes: results, errors and where globals go (manual §6.1)
local sources = {
  "return 1 + 1", "return x", "x = 5 return x", "return ...", "return _ENV ~= nil", "local a = 1", "return tostring(1)",
  "return", "return (", "error('e')", "return #{...}", "return select('#', ...)",
}
local envs = {{"default", nil, false}, {"empty table", {}, true}, {"with x", {x = 42, tostring = tostring}, true}, {"nil env", nil, true}}
for _, src in ipairs(sources) do
  local row = {}
  for _, e in ipairs(envs) do
    local f, err
    if e[3] then f, err = load(src, "=m", "t", e[2]) else f, err = load(src, "=m") end
    if not f then
      row[#row + 1] = "compile error"
    else
      local r = table.pack(pcall(f, "a", "b"))
      local parts = {}
      for i = 2, r.n do parts[#parts + 1] = tostring(r[i]) end
      row[#row + 1] = (r[1] and "ok" or "err") .. "(" .. table.concat(parts, ","):gsub("table: %w+", "table") .. ")"
    end
  end
  print(string.format("%-26s", src), table.concat(row, " | "))
end
print("global x set only by the default-environment chunk", x)
print("mode b rejects text", load("return 1", "=m", "b"))
print("mode with text allowed", load("return 1", "=m", "tb") ~= nil, load("return 1", "=m", "bt") ~= nil)
