-- a vending machine as a coroutine state machine driven by events, with the state after each event (manual §2.6)
local machine = coroutine.wrap(function(event)
  local credit, stock = 0, {cola = 2, water = 1}
  local prices = {cola = 150, water = 100}
  local function reply(msg) event = coroutine.yield(msg .. " | credit " .. credit) end
  while true do
    local kind, arg = event[1], event[2]
    if kind == "coin" then
      if arg == 50 or arg == 100 then credit = credit + arg; reply("accepted " .. arg)
      else reply("rejected coin " .. tostring(arg)) end
    elseif kind == "select" then
      local price = prices[arg]
      if not price then reply("unknown item " .. tostring(arg))
      elseif (stock[arg] or 0) == 0 then reply("sold out " .. arg)
      elseif credit < price then reply("need " .. (price - credit) .. " more for " .. arg)
      else
        credit = credit - price
        stock[arg] = stock[arg] - 1
        reply("vend " .. arg .. " (left " .. stock[arg] .. ")")
      end
    elseif kind == "refund" then
      local r = credit
      credit = 0
      reply("refund " .. r)
    else
      reply("ignored " .. tostring(kind))
    end
  end
end)
local events = {
  {"coin", 100}, {"select", "cola"}, {"coin", 50}, {"select", "cola"}, {"coin", 20}, {"select", "tea"},
  {"coin", 100}, {"coin", 100}, {"select", "water"}, {"select", "water"}, {"select", "cola"}, {"select", "cola"},
  {"refund"}, {"refund"}, {"kick"}, {"coin", 100}, {"coin", 50}, {"select", "cola"}, {"refund"},
}
for i, e in ipairs(events) do print(i, e[1] .. (e[2] and (" " .. e[2]) or ""), machine(e)) end
