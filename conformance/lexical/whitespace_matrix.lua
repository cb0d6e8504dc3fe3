-- every whitespace character (space, \t, \n, \v, \f, \r) between and around tokens, and non-whitespace control bytes (manual §3.1)
local ws = {{"space", " "}, {"tab", "\t"}, {"newline", "\n"}, {"vtab", "\v"}, {"formfeed", "\f"}, {"return", "\r"}, {"crlf", "\r\n"}}
for _, w in ipairs(ws) do
  local s = w[2]
  local src = "return" .. s .. "1" .. s .. "+" .. s .. "2" .. s .. "," .. s .. "'a'" .. s .. ".." .. s .. "'b'"
  local f, err = load(src, "=ws")
  if f then print(w[1], f()) else print(w[1], err) end
  local f2 = load(s .. s .. "local" .. s .. "x" .. s .. "=" .. s .. "3" .. s .. "error('line')", "=ws")
  print(w[1] .. " line counting", select(2, pcall(f2)))
end
for _, b in ipairs({0, 1, 8, 14, 27, 127}) do
  print("control byte " .. b, load("return 1" .. string.char(b) .. "+ 1", "=ctl"))
end
print("no space needed", load("return(1)+(2)")(), load("return{1}")()[1], load("return'a'..'b'")(), load("return-1")())
print("names run together form one name", load("localx=1 return localx")(), load("local x=1 return x")())
