-- a fluent builder whose methods return self: long method-call chains, string method chains and calls on call results (manual §3.4.10)
local Query = {}
Query.__index = Query
function Query.new(t) return setmetatable({table = t, wheres = {}, order = nil, lim = nil, cols = {"*"}}, Query) end
function Query:select(...) self.cols = {...} return self end
function Query:where(cond) self.wheres[#self.wheres + 1] = cond return self end
function Query:orderBy(col, dir) self.order = col .. " " .. (dir or "ASC") return self end
function Query:limit(n) self.lim = n return self end
function Query:build()
  local s = "SELECT " .. table.concat(self.cols, ", ") .. " FROM " .. self.table
  if #self.wheres > 0 then s = s .. " WHERE " .. table.concat(self.wheres, " AND ") end
  if self.order then s = s .. " ORDER BY " .. self.order end
  if self.lim then s = s .. " LIMIT " .. self.lim end
  return s
end
print(Query.new("users"):build())
print(Query.new("users"):select("id", "name"):where("age > 18"):where("active = 1"):orderBy("name"):limit(10):build())
print(Query.new("t"):orderBy("x", "DESC"):orderBy("y"):limit(1):limit(2):build())
print(("  Mixed Case Text  "):gsub("^%s+", ""):gsub("%s+$", ""):lower():gsub("%s", "_"):upper():rep(2, "|"))
print(("a,b,c"):gsub(",", ";"):len(), ("x"):rep(3):byte(1, -1))
local calls = {}
local obj = {}
function obj:step(n) calls[#calls + 1] = n return self end
obj:step(1):step(2):step(3)["step"](obj, 4):step(5)
print("calls in order", table.concat(calls, " "))
local function make(n) return {val = n, next = function(self) return make(self.val + 1) end} end
print("chained constructors", make(1):next():next():next().val)
print("index after call", ({string.find("hello", "l")})[1], (("abc"):upper()):lower())
