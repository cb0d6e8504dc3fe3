-- calendar arithmetic with integer division: day of week, leap years, month grids (manual §3.4.1)
local function is_leap(y) return y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0) end
local function days_in(y, m) return ({31, is_leap(y) and 29 or 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31})[m] end
local function weekday(y, m, d)
  -- Zeller-like formula with January and February counted as months 13 and 14 of the previous year
  if m < 3 then m = m + 12; y = y - 1 end
  local k, j = y % 100, y // 100
  local h = (d + (13 * (m + 1)) // 5 + k + k // 4 + j // 4 + 5 * j) % 7
  return (h + 6) % 7 -- 0 = Sunday
end
local names = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
for _, date in ipairs({{2000, 1, 1}, {1969, 7, 20}, {2024, 2, 29}, {1900, 3, 1}, {2100, 12, 31}, {1582, 10, 15}, {2038, 1, 19}}) do
  print(string.format("%04d-%02d-%02d", date[1], date[2], date[3]), names[weekday(date[1], date[2], date[3]) + 1])
end
local leaps = {}
for y = 1896, 1912 do if is_leap(y) then leaps[#leaps + 1] = y end end
print("leap years 1896-1912", table.concat(leaps, " "), is_leap(2000), is_leap(1900))
local function month_grid(y, m)
  print(string.format("%d-%02d", y, m))
  print("Su Mo Tu We Th Fr Sa")
  local first = weekday(y, m, 1)
  local cells = {}
  for _ = 1, first do cells[#cells + 1] = "  " end
  for d = 1, days_in(y, m) do cells[#cells + 1] = string.format("%2d", d) end
  for i = 1, #cells, 7 do print(table.concat(cells, " ", i, math.min(i + 6, #cells))) end
end
month_grid(2024, 2)
month_grid(2023, 10)
local function day_number(y, m, d)
  local n = d
  for mm = 1, m - 1 do n = n + days_in(y, mm) end
  return n
end
print("day of year", day_number(2024, 12, 31), day_number(2023, 12, 31), day_number(2024, 3, 1))
