-- caught: float * chose the second NaN when both operands are NaN (LLVM commuted the multiplication); found by luadiff fuzz --seed 11
local n = 0.0 / 0.0
local a, b = n ^ 1, n // 0.25
print(a * b, b * a)
