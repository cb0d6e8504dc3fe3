-- every pair of adjacent operator characters written with and without a space: how the lexer splits them (manual §3.1)
local ops = {"+", "-", "*", "/", "%", "^", "#", "&", "~", "|", "<", ">", "=", ".", ":"}
for _, a in ipairs(ops) do
  local row = {}
  for _, b in ipairs(ops) do
    local tight = load("return 6 " .. a .. b .. " 2", "=t")
    local spaced = load("return 6 " .. a .. " " .. b .. " 2", "=t")
    local function r(f) if not f then return "x" end local ok, v = pcall(f) if not ok then return "E" end return tostring(v) end
    row[#row + 1] = a .. b .. "=" .. r(tight) .. "/" .. r(spaced)
  end
  print(table.concat(row, " "))
end
