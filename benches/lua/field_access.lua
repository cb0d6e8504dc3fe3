-- field_access: reading and writing record fields with constant names.
-- sizes: full=3000000 small=3000
local N = N or 3000000
local p = {x = 1, y = 2, z = 3, vx = 0, vy = 0, vz = 0, mass = 4}
for i = 1, N do
  p.vx = p.vx + p.x
  p.vy = p.vy + p.y - p.mass
  p.vz = p.vz + (p.z & 7)
  p.x = (p.x + i) % 1000
end
print(p.x, p.y, p.z, p.vx, p.vy, p.vz)
