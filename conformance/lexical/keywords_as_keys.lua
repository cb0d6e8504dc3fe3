-- reserved words cannot follow a dot, name a field in a constructor or a method, but work as bracketed string keys (manual §3.1)
local keywords = {"and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"}
for _, k in ipairs(keywords) do
  local dot = load("local t = {} return t." .. k, "=kw")
  local bracket = load("local t = {['" .. k .. "'] = '" .. k .. "!'} return t['" .. k .. "']", "=kw")
  local ctor = load("return {" .. k .. " = 1}", "=kw")
  local method = load("local t = {} function t:" .. k .. "() end", "=kw")
  print(k, dot and "dot ok" or "dot rejected", bracket and bracket() or "bracket rejected",
    ctor and "ctor ok" or "ctor rejected", method and "method ok" or "method rejected")
end
print("case variants are names", load("local And, END, Nil = 1, 2, 3 return And + END + Nil")())
print("_ENV and _G are plain names", load("local _G = 5 return _G")(), load("return _ENV ~= nil")())
