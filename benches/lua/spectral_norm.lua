-- spectral_norm: the spectral norm of an infinite matrix by power iteration (float loops, calls).
-- sizes: full=500 small=20
local N = N or 500

local function a(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local function times(v, u, n)
  for i = 1, n do
    local s = 0.0
    for j = 1, n do
      s = s + a(i, j) * u[j]
    end
    v[i] = s
  end
end

local function times_transposed(v, u, n)
  for i = 1, n do
    local s = 0.0
    for j = 1, n do
      s = s + a(j, i) * u[j]
    end
    v[i] = s
  end
end

local function times_ata(v, u, n, scratch)
  times(scratch, u, n)
  times_transposed(v, scratch, n)
end

local u, v, scratch = {}, {}, {}
for i = 1, N do
  u[i] = 1.0
end
for _ = 1, 10 do
  times_ata(v, u, N, scratch)
  times_ata(u, v, N, scratch)
end
local vbv, vv = 0.0, 0.0
for i = 1, N do
  local ui, vi = u[i], v[i]
  vbv = vbv + ui * vi
  vv = vv + vi * vi
end
print(string.format("%.9f", math.sqrt(vbv / vv)))
