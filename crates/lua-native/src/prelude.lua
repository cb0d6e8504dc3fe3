-- The trusted Lua code that turns a fresh PUC-Rio state into the sandbox luadiff runs programs in.
--
-- It runs once per state, before the program, with the Rust helpers in a table, and
-- returns two functions: `install(stdout)` puts the wrappers below into the globals, and
-- `run(source, chunkname, ...)` loads and runs the program.
--
-- The chunk is compiled with its debug information stripped. That matters: a stripped
-- function has no line information, so `luaL_where` inside it yields "", exactly as for
-- the C functions these wrappers stand in for, and errors raised at level 2 point at
-- the wrapper's caller, as `luaL_argerror` does for a C function. Wrappers never call a
-- program's value directly when PUC would call it from C: they go through a C function
-- (`pcall`, `tostring`, ipairs' iterator) or tail-call a value known to be a function,
-- so that a runtime error carries no "?:-1:" position.
--
-- Every wrapper raises its own errors at its caller, as luaL_error and luaL_argerror do
-- from a C function (`caller_level`, `argerror_at`). Two differences remain, because a
-- wrapper is a real frame (see COMPATIBILITY.md): a tail-called wrapper has lost its
-- caller's frame, so its errors get no position; and error levels counted from a
-- function that a wrapper calls (pcall's, xpcall's, a __tostring, a load reader) count
-- the wrapper's frame too.
--
-- Why wrap at all:
--   * print and io.write must write into the outcome, not the process's stdout;
--   * load must refuse binary chunks (tampered bytecode is memory-unsafe);
--   * every place where Lua code can catch an error (pcall, xpcall, coroutine.resume,
--     coroutine.close, load's reader) reports the caught value to Rust, which recognises
--     Lua's own resource errors ("stack overflow", "not enough memory", ...); once a
--     resource limit has been hit, these catch points re-raise instead of returning, so
--     the program cannot swallow the abort.

local H = ...
local sink, check, tripped = H.sink, H.check, H.tripped
local callee, globalname, rust_rawmetafield = H.callee, H.globalname, H.rawmetafield
local traceback, exec_mode = H.traceback, H.exec_mode

local select, type, tostring, error, rawget, rawequal, ipairs = select, type, tostring, error, rawget, rawequal, ipairs
local format, byte, gsub = string.format, string.byte, string.gsub
local mathtype, math_tointeger, tonumber = math.type, math.tointeger, tonumber
local C_pcall, C_xpcall, C_load = pcall, xpcall, load
local C_resume, C_close, C_status = coroutine.resume, coroutine.close, coroutine.status
local string_metatable = getmetatable("")

-- luaL_getmetafield: a field of the raw metatable (ignores __metatable), nil if none.
-- Only tables, full userdata and strings can have metatables without the debug library.
local function rawmetafield(v, name)
  if type(v) == "string" then
    return rawget(string_metatable, name)
  end
  return rust_rawmetafield(v, name)
end

-- The level for `error` that points at the caller of the wrapper `depth` frames below
-- the function calling this one, as luaL_where(L, 1) does for a C function. When the
-- wrapper was tail-called, its caller's frame no longer exists (PUC keeps it for a C
-- function), so its position is unknown and the message gets none (level 0) rather
-- than a wrong one.
local function caller_level(depth)
  local _, _, tail = callee(depth + 1)
  if tail then
    return 0
  end
  return depth + 1
end

-- luaL_argerror for the wrapper `fn`, which is `depth` frames below this function.
-- The name is how the caller named `fn` (or its global name, as pushglobalfuncname
-- finds it); the position is the caller's.
local function argerror_at(depth, fn, arg, extramsg)
  local name, namewhat, tail = callee(depth + 1)
  local level = tail and 0 or depth + 2
  if namewhat == "method" then
    arg = arg - 1
    if arg == 0 then
      error(format("calling '%s' on bad self (%s)", name, extramsg), level)
    end
  end
  if name == nil then
    name = globalname(fn) or "?"
  end
  error(format("bad argument #%d to '%s' (%s)", arg, name, extramsg), level)
end

-- luaL_typeerror, called directly by the wrapper `fn`. `present` is false when the
-- argument is missing altogether ("no value").
local function typeerror(fn, arg, tname, v, present)
  local typearg
  if not present then
    typearg = "no value"
  else
    typearg = rawmetafield(v, "__name")
    if type(typearg) ~= "string" then
      typearg = type(v)
    end
  end
  argerror_at(2, fn, arg, format("%s expected, got %s", tname, typearg))
end

-- After a catch point: report a caught error, and re-raise it once the run has hit a
-- resource limit.
local function after_catch(ok, ...)
  if not ok then
    check((...))
    if tripped() then
      error((...), 0)
    end
  end
  return ok, ...
end

-- luaL_tolstring's call of a `__tostring` metamethod: from C, with one result, and
-- without allowing yields (PUC calls it with lua_call, so a yield inside fails with
-- "attempt to yield across a C-call boundary"). ipairs' iterator indexes its table with
-- lua_geti, which calls an `__index` function in exactly that way; `call_proxy`'s
-- `__index` tail-calls the pending metamethod, so the metamethod's own errors reach the
-- caller unchanged and no frame of the prelude sits between it and the C function.
-- Only a function is called this way: calling anything else from a stripped chunk
-- would give a runtime error a "?:-1:" position.
local pending_tm, pending_v
local call_proxy = setmetatable({}, {
  __index = function()
    local tm, v = pending_tm, pending_v
    pending_tm, pending_v = nil, nil
    return tm(v)
  end,
})
local ipairs_step = ipairs(call_proxy)

-- print (lbaselib.c luaB_print): luaL_tolstring on each argument, tabs between, a
-- newline at the end. luaL_tolstring's one error of its own, "'__tostring' must
-- return a string", is raised at print's caller, as luaL_error does from inside PUC's
-- print; every error of the metamethod itself goes through untouched.
local TOSTRING_MUST_RETURN = "'__tostring' must return a string"
local function print(...)
  local n = select("#", ...)
  for i = 1, n do
    -- luaL_tolstring, written out here so that a metamethod has only this wrapper's
    -- frame between it and print's caller.
    local v = (select(i, ...))
    local t = type(v)
    local s
    -- Without the debug library only tables, full userdata and strings have metatables.
    local tm = nil
    if t == "table" or t == "userdata" or t == "string" then
      tm = rawmetafield(v, "__tostring")
    end
    if tm == nil then
      s = tostring(v)
    elseif type(tm) == "function" then
      pending_tm, pending_v = tm, v
      local _, r = ipairs_step(call_proxy, 0)
      local rt = type(r)
      if rt == "string" then
        s = r
      elseif rt == "number" then
        s = tostring(r)
      else
        error(TOSTRING_MUST_RETURN, caller_level(1))
      end
    else
      -- A callable table, or something not callable, whose "attempt to call" error
      -- `tostring` raises just as print would. `tostring`'s own check fails without a
      -- position (its caller is `pcall`), so that error is moved to print's caller.
      local ok, r = C_pcall(tostring, v)
      if not ok then
        if r == TOSTRING_MUST_RETURN then
          error(r, caller_level(1))
        end
        check(r)
        error(r, 0)
      end
      s = r
    end
    if i > 1 then
      sink("\t")
    end
    sink(s)
  end
  sink("\n")
end

-- io.write and file:write (liolib.c g_write): numbers with LUA_INTEGER_FMT or
-- LUA_NUMBER_FMT ("%.14g", so 3.0 writes "3"), strings as they are. Returns the index
-- and value of the first argument that is neither, after writing those before it.
local function write_all(...)
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    local t = type(v)
    if t == "string" then
      sink(v)
    elseif t == "number" then
      if mathtype(v) == "integer" then
        sink(format("%d", v))
      else
        sink(format("%.14g", v))
      end
    else
      return i, v
    end
  end
end

local stdout -- the FILE* userdata io.write returns (set by install)

local function io_write(...)
  local bad, v = write_all(...)
  if bad then
    typeerror(io_write, bad, "string", v, true)
  end
  return stdout
end

local function file_write(...)
  local self = ...
  if not rawequal(self, stdout) then
    typeerror(file_write, 1, "FILE*", self, select("#", ...) >= 1)
  end
  local bad, v = write_all(select(2, ...))
  if bad then
    typeerror(file_write, bad + 1, "string", v, true)
  end
  return self
end

local function file_tostring(f)
  return format("file (%p)", f)
end

-- The `__close` metamethod (f_gc): closing a standard file does nothing in PUC either
-- (io_noclose).
local function file_close()
end

-- The other methods of a standard output file whose results do not depend on what the
-- process's standard output is (a terminal, a pipe, a file): read, lines and seek would,
-- so they are left out.

-- file:close (f_close, io_noclose): a standard file stays open.
local function file_close_method(...)
  local self = ...
  if not rawequal(self, stdout) then
    typeerror(file_close_method, 1, "FILE*", self, select("#", ...) >= 1)
  end
  return nil, "cannot close standard file"
end

-- file:flush (f_flush): the output is already in the outcome.
local function file_flush(...)
  local self = ...
  if not rawequal(self, stdout) then
    typeerror(file_flush, 1, "FILE*", self, select("#", ...) >= 1)
  end
  return true
end

-- file:setvbuf (f_setvbuf): arguments checked as luaL_checkoption and luaL_optinteger
-- check them; buffering itself makes no visible difference here.
local VBUF_MODES = { no = true, full = true, line = true }
local function file_setvbuf(...)
  local self, mode, size = ...
  local n = select("#", ...)
  if not rawequal(self, stdout) then
    typeerror(file_setvbuf, 1, "FILE*", self, n >= 1)
  end
  local mode_type = type(mode)
  if mode_type == "number" then
    mode = tostring(mode)
  elseif mode_type ~= "string" then
    typeerror(file_setvbuf, 2, "string", mode, n >= 2)
  end
  if not VBUF_MODES[mode] then
    argerror_at(1, file_setvbuf, 2, format("invalid option '%s'", mode))
  end
  if size ~= nil then
    local number = size
    if type(size) == "string" then
      number = tonumber(size)
    end
    if type(number) ~= "number" then
      typeerror(file_setvbuf, 3, "number", size, true)
    end
    if math_tointeger(number) == nil then
      argerror_at(1, file_setvbuf, 3, "number has no integer representation")
    end
  end
  return true
end

-- pcall (luaB_pcall)
local function pcall_wrapper(...)
  if select("#", ...) == 0 then
    argerror_at(1, pcall_wrapper, 1, "value expected")
  end
  return after_catch(C_pcall(...))
end

-- xpcall (luaB_xpcall): the message handler sees the error first, so it is reported
-- there too (a handler may return something else).
local function xpcall_wrapper(...)
  local f, msgh = ...
  if type(msgh) ~= "function" then
    typeerror(xpcall_wrapper, 2, "function", msgh, select("#", ...) >= 2)
  end
  local function report_then_handle(e)
    check(e)
    return msgh(e)
  end
  return after_catch(C_xpcall(f, report_then_handle, select(3, ...)))
end

-- coroutine.resume (lcorolib.c luaB_coresume)
local function resume_wrapper(...)
  local co = ...
  if type(co) ~= "thread" then
    typeerror(resume_wrapper, 1, "thread", co, select("#", ...) >= 1)
  end
  return after_catch(C_resume(...))
end

-- coroutine.close (lcorolib.c luaB_close): closing runs pending __close handlers, whose
-- errors it returns.
local function close_wrapper(...)
  local co = ...
  if type(co) ~= "thread" then
    typeerror(close_wrapper, 1, "thread", co, select("#", ...) >= 1)
  end
  local status = C_status(co)
  if status == "running" or status == "normal" then
    error(format("cannot close a %s coroutine", status), caller_level(1))
  end
  return after_catch(C_close(co))
end

-- string.dump (lstrlib.c str_dump): the wrappers stand in for C functions, which PUC
-- cannot dump.
local C_dump = string.dump
local UNABLE_TO_DUMP = "unable to dump given function"
local wrappers = {}
local function dump_wrapper(...)
  local f = ...
  if type(f) ~= "function" then
    typeerror(dump_wrapper, 1, "function", f, select("#", ...) >= 1)
  end
  if wrappers[f] then
    error(UNABLE_TO_DUMP, caller_level(1))
  end
  -- str_dump raises its own error for a C function with luaL_error, at its caller;
  -- under `pcall` that has no position, so it is raised again at this wrapper's
  -- caller. Dumping runs no Lua code: the only other error is running out of memory.
  local ok, s = C_pcall(C_dump, ...)
  if ok then
    return s
  end
  if s == UNABLE_TO_DUMP then
    error(s, caller_level(1))
  end
  check(s)
  error(s, 0)
end

local function after_load(f, msg)
  if f == nil then
    check(msg)
    if tripped() then
      error(msg, 0)
    end
    return nil, msg
  end
  return f
end

-- load (luaB_load) in text mode only. Arguments are checked in PUC's order (mode,
-- chunk name, chunk); a text chunk loads exactly as in PUC with the given mode. A
-- binary chunk is refused with PUC's mode-mismatch message, as if the mode had no 'b'.
local function load_wrapper(...)
  local n = select("#", ...)
  local chunk, chunkname, mode, env = ...
  if mode == nil then
    mode = "bt"
  elseif type(mode) == "number" then
    mode = tostring(mode)
  elseif type(mode) ~= "string" then
    typeerror(load_wrapper, 3, "string", mode, true)
  end
  local text_mode = (gsub(mode, "b", ""))
  local chunk_type = type(chunk)
  if chunk_type == "string" or chunk_type == "number" then
    local s = tostring(chunk)
    if chunkname == nil then
      chunkname = s
    elseif type(chunkname) == "number" then
      chunkname = tostring(chunkname)
    elseif type(chunkname) ~= "string" then
      typeerror(load_wrapper, 2, "string", chunkname, true)
    end
    if byte(s, 1) == 27 then
      return nil, format("attempt to load a binary chunk (mode is '%s')", text_mode)
    end
    if n >= 4 then
      return after_load(C_load(s, chunkname, mode, env))
    end
    return after_load(C_load(s, chunkname, mode))
  end
  if chunkname == nil then
    chunkname = "=(load)"
  elseif type(chunkname) == "number" then
    chunkname = tostring(chunkname)
  elseif type(chunkname) ~= "string" then
    typeerror(load_wrapper, 2, "string", chunkname, true)
  end
  if chunk_type ~= "function" then
    typeerror(load_wrapper, 1, "function", chunk, n >= 1)
  end
  -- The first piece decides text or binary (an empty piece ends the chunk).
  local first, binary = true, false
  local function reader()
    local piece = chunk()
    local piece_type = type(piece)
    if piece ~= nil and piece_type ~= "string" and piece_type ~= "number" then
      -- Levels: reader, load (C), load_wrapper, the caller of load.
      error("reader function must return a string", caller_level(3))
    end
    if first then
      first = false
      if piece_type == "string" and byte(piece, 1) == 27 then
        binary = true
        return nil
      end
    end
    return piece
  end
  local f, msg
  if n >= 4 then
    f, msg = C_load(reader, chunkname, mode, env)
  else
    f, msg = C_load(reader, chunkname, mode)
  end
  if binary then
    return nil, format("attempt to load a binary chunk (mode is '%s')", text_mode)
  end
  return after_load(f, msg)
end

-- The uncaught error, as lua.c's msghandler sees it: its message, and a traceback
-- (exec mode only) unless __tostring produced the message.
local captured_value, captured_message, captured_traceback

local function message_without_handler(e)
  local t = type(e)
  if t == "string" or t == "number" then
    return tostring(e)
  end
  return format("(error object is a %s value)", t)
end

local function handler(e)
  check(e)
  local message, with_traceback = nil, true
  local t = type(e)
  if t == "string" or t == "number" then
    message = tostring(e)
  else
    local tm = rawmetafield(e, "__tostring")
    if tm ~= nil then
      local ok, s = C_pcall(tm, e)
      if not ok then
        -- In lua.c an error inside the handler re-enters the handler with that error.
        return handler(s)
      end
      if type(s) == "string" then
        message, with_traceback = s, false
      end
    end
    if message == nil then
      message = format("(error object is a %s value)", t)
    end
  end
  captured_value, captured_message = e, message
  captured_traceback = (exec_mode and with_traceback) and traceback() or nil
  return e
end

local function finish(ok, ...)
  if ok then
    return "returned", ...
  end
  local e = ...
  check(e)
  if captured_message ~= nil and rawequal(e, captured_value) then
    return "error", e, captured_message, captured_traceback
  end
  -- Memory errors and "error in error handling" do not call the handler.
  return "error", e, message_without_handler(e)
end

local function run(source, chunkname, ...)
  local main, message = C_load(source, chunkname, "t")
  if not main then
    check(message)
    return "syntax", message
  end
  return finish(C_xpcall(main, handler, ...))
end

local function install(stdout_userdata)
  stdout = stdout_userdata
  _G.print = print
  _G.pcall = pcall_wrapper
  _G.xpcall = xpcall_wrapper
  _G.load = load_wrapper
  _G.dofile = nil
  _G.loadfile = nil
  coroutine.resume = resume_wrapper
  coroutine.close = close_wrapper
  string.dump = dump_wrapper
  local io = { write = io_write }
  _G.io = io
  for _, f in ipairs({ print, pcall_wrapper, xpcall_wrapper, load_wrapper, resume_wrapper, close_wrapper,
                       dump_wrapper, io_write, file_write, file_tostring, file_close, file_close_method,
                       file_flush, file_setvbuf }) do
    wrappers[f] = true
  end
  return io
end

local file_methods = { close = file_close_method, flush = file_flush, setvbuf = file_setvbuf, write = file_write }
return install, run, file_methods, file_tostring, file_close
