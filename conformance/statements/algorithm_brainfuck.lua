-- a brainfuck interpreter: loops, table memory, bracket matching and string output (manual §3.3)
local function run(code, input)
  local jump, stack = {}, {}
  for i = 1, #code do
    local c = code:sub(i, i)
    if c == "[" then stack[#stack + 1] = i
    elseif c == "]" then
      local open = table.remove(stack)
      jump[open], jump[i] = i, open
    end
  end
  local mem, ptr, pc, out, inpos, steps = {}, 1, 1, {}, 1, 0
  while pc <= #code do
    local c = code:sub(pc, pc)
    steps = steps + 1
    if c == ">" then ptr = ptr + 1
    elseif c == "<" then ptr = ptr - 1
    elseif c == "+" then mem[ptr] = ((mem[ptr] or 0) + 1) % 256
    elseif c == "-" then mem[ptr] = ((mem[ptr] or 0) - 1) % 256
    elseif c == "." then out[#out + 1] = string.char(mem[ptr] or 0)
    elseif c == "," then mem[ptr] = input:byte(inpos) or 0; inpos = inpos + 1
    elseif c == "[" and (mem[ptr] or 0) == 0 then pc = jump[pc]
    elseif c == "]" and (mem[ptr] or 0) ~= 0 then pc = jump[pc]
    end
    pc = pc + 1
  end
  return table.concat(out), steps
end
local hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++."
print("hello", run(hello, ""))
print("echo reversed", run(">,[>,]<[.<]", "stressed"))
print("add digits", run(",>,[<+>-]<------------------------------------------------.", "34"))
print("wrap around", run("-.", ""):byte(), run("+[+]+.", ""):byte())
local squares = {}
for i = 0, 10 do
  local prog = ("+"):rep(i) .. "[>" .. ("+"):rep(i) .. "<-]>."
  squares[#squares + 1] = run(prog, ""):byte()
end
print("squares via loops", table.concat(squares, " "))
