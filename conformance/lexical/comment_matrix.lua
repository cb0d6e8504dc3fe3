-- comments of every form placed between tokens, at line ends and at the end of chunks, compiled with load (manual §3.1)
local cases = {
  "return 1 -- trailing",
  "return --[[inline]] 2",
  "return --[==[ level 2 ]] ]=] ]==] 3",
  "return 4 --[[ unterminated",
  "--[[ block ]] return 5",
  "-- only a comment\nreturn 6",
  "return 7 ---[[ not a block\n",
  "return --[[\nmulti\nline\n]] 8",
  "return 9 --",
  "return 10 --[",
  "return 11 --[=",
  "return 12 --[==[]==]",
  "return 1--[[x]]+--[[y]]12",
  "return '--not a comment'",
  "return [[--not a comment either]]",
  "return 13 --[[]] -- two comments",
  "return 14 -- \\ backslash in comment",
  "return --[=[ ]] ]=] 15",
  "--\nreturn 16",
  "return 17 --\r\n",
  "return -- comment\n-18",
  "return 19 - -- minus then comment\n1",
}
for _, src in ipairs(cases) do
  local f, err = load(src, "=c")
  local shown = string.format("%q", src):gsub("\\\n", "\\n"):gsub("\r", "\\r")
  if f then print(shown, "->", f()) else print(shown, "-> error:", err) end
end
