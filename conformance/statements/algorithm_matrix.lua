-- integer matrix algebra: multiplication, powers, transposition and an exact integer determinant (manual §3.3)
local function mat(rows) return rows end
local function mul(a, b)
  local r = {}
  for i = 1, #a do
    r[i] = {}
    for j = 1, #b[1] do
      local s = 0
      for k = 1, #b do s = s + a[i][k] * b[k][j] end
      r[i][j] = s
    end
  end
  return r
end
local function ident(n) local r = {} for i = 1, n do r[i] = {} for j = 1, n do r[i][j] = i == j and 1 or 0 end end return r end
local function pow(m, e)
  local result = ident(#m)
  while e > 0 do
    if e % 2 == 1 then result = mul(result, m) end
    m = mul(m, m)
    e = e // 2
  end
  return result
end
local function transpose(m) local r = {} for i = 1, #m[1] do r[i] = {} for j = 1, #m do r[i][j] = m[j][i] end end return r end
local function det(m)
  -- Bareiss fraction-free elimination keeps every intermediate value an integer
  local n = #m
  local a = {}
  for i = 1, n do a[i] = {} for j = 1, n do a[i][j] = m[i][j] end end
  local sign, prev = 1, 1
  for k = 1, n - 1 do
    if a[k][k] == 0 then
      local swap
      for i = k + 1, n do if a[i][k] ~= 0 then swap = i break end end
      if not swap then return 0 end
      a[k], a[swap] = a[swap], a[k]
      sign = -sign
    end
    for i = k + 1, n do
      for j = k + 1, n do
        a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) // prev
      end
    end
    prev = a[k][k]
  end
  return sign * a[n][n]
end
local function show(label, m)
  local rows = {}
  for i = 1, #m do rows[i] = table.concat(m[i], " ") end
  print(label, table.concat(rows, " | "))
end
local A = mat({{1, 2}, {3, 4}})
local B = mat({{0, 1}, {1, 0}})
show("A*B", mul(A, B))
show("B*A", mul(B, A))
show("A^5", pow(A, 5))
local F = mat({{1, 1}, {1, 0}})
for _, e in ipairs({10, 50, 90, 92}) do print("fib via matrix power", e, pow(F, e)[1][2]) end
show("fib wraps at 100", pow(F, 100))
local C = mat({{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}})
show("C^3", pow(C, 3))
show("transpose", transpose(mat({{1, 2, 3}, {4, 5, 6}})))
print("det A", det(A), "det C", det(C), "det singular", det(mat({{1, 2}, {2, 4}})))
print("det needs a swap", det(mat({{0, 1}, {1, 0}})), det(mat({{0, 2, 1}, {1, 0, 0}, {0, 0, 3}})))
local H = {}
for i = 1, 5 do H[i] = {} for j = 1, 5 do H[i][j] = (i * i + 3 * j + i * j) % 11 - 5 end end
show("H", H)
print("det H", det(H), "det H^2", det(mul(H, H)))
