-- linked list, binary heap priority queue and LRU cache built from tables, with an operation log (manual §3.3)
local List = {}
List.__index = List
function List.new() return setmetatable({head = nil, size = 0}, List) end
function List:push_front(v) self.head = {value = v, next = self.head}; self.size = self.size + 1 end
function List:reverse()
  local prev, cur = nil, self.head
  while cur do cur.next, prev, cur = prev, cur, cur.next end
  self.head = prev
end
function List:items() local out, n = {}, self.head while n do out[#out + 1] = tostring(n.value) n = n.next end return table.concat(out, "->") end
local l = List.new()
for i = 1, 6 do l:push_front(i * i) end
print("list", l.size, l:items())
l:reverse()
print("reversed", l:items())
local Heap = {}
Heap.__index = Heap
function Heap.new() return setmetatable({n = 0}, Heap) end
function Heap:push(p, v)
  self.n = self.n + 1
  local i = self.n
  self[i] = {p = p, v = v}
  while i > 1 and self[i // 2].p > self[i].p do self[i // 2], self[i] = self[i], self[i // 2]; i = i // 2 end
end
function Heap:pop()
  if self.n == 0 then return nil end
  local top = self[1]
  self[1] = self[self.n]; self[self.n] = nil; self.n = self.n - 1
  local i = 1
  while true do
    local l, r, m = 2 * i, 2 * i + 1, i
    if l <= self.n and self[l].p < self[m].p then m = l end
    if r <= self.n and self[r].p < self[m].p then m = r end
    if m == i then break end
    self[i], self[m] = self[m], self[i]; i = m
  end
  return top.v, top.p
end
local h = Heap.new()
for _, p in ipairs({5, 3, 8, 1, 9, 2, 7, 4, 6}) do h:push(p, "task" .. p) end
local order = {}
while true do local v, p = h:pop() if not v then break end order[#order + 1] = v .. "@" .. p end
print("heap order", table.concat(order, " "))
local function lru(capacity)
  local map, order, log = {}, {}, {}
  local function touch(k)
    for i, x in ipairs(order) do if x == k then table.remove(order, i) break end end
    order[#order + 1] = k
  end
  return {
    get = function(k) local v = map[k] if v ~= nil then touch(k) end log[#log + 1] = "get " .. k .. "=" .. tostring(v) return v end,
    put = function(k, v)
      if map[k] == nil and #order >= capacity then
        local old = table.remove(order, 1); map[old] = nil; log[#log + 1] = "evict " .. old
      end
      map[k] = v; touch(k); log[#log + 1] = "put " .. k
    end,
    log = log, order = order,
  }
end
local c = lru(3)
c.put("a", 1); c.put("b", 2); c.put("c", 3); c.get("a"); c.put("d", 4); c.get("b"); c.get("c"); c.put("e", 5); c.get("a"); c.get("d")
for i, entry in ipairs(c.log) do print("lru " .. i, entry) end
print("lru final order", table.concat(c.order, " "))
