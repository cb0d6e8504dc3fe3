-- which line an error reports for statements and expressions spread over several lines in a loaded chunk (manual §2.3)
local cases = {
  {"index on line 3", "local t = nil\n\nreturn t.x"},
  {"call split over lines", "local f = nil\nreturn f(\n1,\n2\n)"},
  {"arith with operands on separate lines", "local a = {}\nreturn 1\n+\na"},
  {"concat chain", "local n\nreturn 'a'\n..\n'b'\n..\nn"},
  {"method call", "local o = {}\nreturn o\n:m()"},
  {"table constructor field", "return {\n1,\n2,\nnil .. 1,\n}"},
  {"error() call", "\n\n\nerror('here')"},
  {"error() with level 2 from a function", "local function f()\nerror('lvl2', 2)\nend\n\nf()"},
  {"assert", "local x = false\n\nassert(x, 'failed')"},
  {"for limit", "for i = 1,\nnil\ndo end"},
  {"generic for iterator", "for k in\n42\ndo end"},
  {"comparison", "local a, b = {}, 1\nif a\n<\nb then end"},
  {"return expression", "return\n#nil_global"},
  {"nested function", "local function outer()\n  local function inner()\n    return nil + 1\n  end\n  return inner()\nend\nreturn outer()"},
  {"after long string", "local s = [[\n\n\n]]\nreturn s + 1"},
  {"after comment", "--[[\n\n]] return {} .. ''"},
}
for _, c in ipairs(cases) do
  local f = assert(load(c[2], "=chunk"))
  print(c[1], select(2, pcall(f)))
end
