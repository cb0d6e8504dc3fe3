-- fannkuch_redux: pancake flips over all permutations, three times (integer arrays, tight loops).
-- sizes: full=9 small=5
local N = N or 9

local function fannkuch(n)
  local perm, perm1, count = {}, {}, {}
  for i = 1, n do
    perm1[i] = i
  end
  local max_flips, checksum, sign = 0, 0, 1
  local r = n
  while true do
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end
    for i = 1, n do
      perm[i] = perm1[i]
    end
    local flips = 0
    local k = perm[1]
    while k ~= 1 do
      -- Reverse the first k elements.
      local lo, hi = 1, k
      while lo < hi do
        perm[lo], perm[hi] = perm[hi], perm[lo]
        lo = lo + 1
        hi = hi - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > max_flips then
      max_flips = flips
    end
    checksum = checksum + sign * flips
    sign = -sign
    -- The next permutation, in the order of the original algorithm.
    while true do
      if r == n then
        return checksum, max_flips
      end
      local first = perm1[1]
      for i = 1, r do
        perm1[i] = perm1[i + 1]
      end
      perm1[r + 1] = first
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then
        break
      end
      r = r + 1
    end
  end
end

local checksum, flips
for _ = 1, 3 do
  checksum, flips = fannkuch(N)
end
print(checksum)
print("Pfannkuchen(" .. N .. ") = " .. flips)
