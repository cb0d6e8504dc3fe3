#!/usr/bin/lua
local a = [==[
]=]]]==] .. "\z
  \u{7FFFFFFF}\255\x00"return a