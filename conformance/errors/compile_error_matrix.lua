-- compile-time errors from load: syntax errors, scoping rules, attributes, limits, with their exact messages (manual §3, §9)
local sources = {
  "x = ", "x = 1 +", "x = (1", "x = {1, 2", "x = f(", "x = a.", "x = a:", "x = a:b", "x = a[", "x = a[1",
  "if x", "if x then", "if x then else", "if x then elseif", "while x", "while x do", "repeat", "repeat until",
  "for", "for i", "for i =", "for i = 1", "for i = 1,", "for i = 1, 2", "for i = 1, 2 do", "for k, v", "for k, v in",
  "function", "function f", "function f(", "function f()", "function f(a,", "function f(...) return ... end return ...",
  "local", "local x <", "local x <const", "local x <bad> = 1", "local function", "local function f", "local 1",
  "return 1 2", "return,", "x, = 1", "x, y", "x.y", "x[1]", "x:y()z", "(x)", "1", "'s'", "nil = 1", "... = 1",
  "::", "::l", "::l::", "goto", "goto 1", "break break", "do", "end", "else", "until x", "then", "::a:: goto a",
  "local x <const> = 1; x = 2", "local x <close> = nil; x = 1", "for i = 1, 2 do i = 3 end", "goto l; local y; ::l:: print(y)",
  "return function(...) local t = {...} end", "local a, b <close>, c <close> = 1", "x = 0x", "x = 3..4", "x = 'abc", "x = [=[ abc ]]",
  "x = \"\\400\"", "x = 1e", "a.b.c.d.e = ", "f{} {}", "f'' ''", "x = ~", "x = not", "x = #", "x = -", "x = 1 // // 2",
}
for _, src in ipairs(sources) do
  local f, err = load(src, "=c")
  print(string.format("%-42s", string.format("%q", src)), f and "compiles" or err)
end
