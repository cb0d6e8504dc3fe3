-- mandelbrot: the Mandelbrot set on an N x N grid, one bit per point, checksummed.
-- sizes: full=700 small=40
local N = N or 700
local limit2 = 4.0
local iterations = 50
local checksum, inside = 0, 0
for y = 0, N - 1 do
  local ci = 2.0 * y / N - 1.0
  local bits, bitnum = 0, 0
  for x = 0, N - 1 do
    local cr = 2.0 * x / N - 1.5
    local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
    local escaped = false
    for _ = 1, iterations do
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2 = zr * zr
      zi2 = zi * zi
      if zr2 + zi2 > limit2 then
        escaped = true
        break
      end
    end
    bits = bits << 1
    if not escaped then
      bits = bits | 1
      inside = inside + 1
    end
    bitnum = bitnum + 1
    if bitnum == 8 or x == N - 1 then
      checksum = (checksum * 31 + bits) % 1000000007
      bits, bitnum = 0, 0
    end
  end
end
print(N, inside, checksum)
