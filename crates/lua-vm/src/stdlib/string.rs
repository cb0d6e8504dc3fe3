//! The string library (lstrlib.c) and the string metatable, on top of lua-prims'
//! patterns, `string.format`, pack/unpack and the small string rules.

use lua_prims::format::{FormatParser, Kind, Literal, Piece};
use lua_prims::number::{ArithOp, Number};
use lua_prims::pack::{self, PackArg, PackValue, Unpacked};
use lua_prims::pattern::{self, Capture, Found, Gmatch, MatchState};
use lua_prims::strlib;

use crate::func::NativeClosure;
use crate::native;
use crate::native::Args;
use crate::stdlib::{new_lib, register, set_field};
use crate::table::Table;
use crate::value::{StrRef, Value};
use crate::vm::{Throw, Vm};

native!(BYTE, "byte", byte);
native!(CHAR, "char", char_);
native!(DUMP, "dump", dump);
native!(FIND, "find", find);
native!(FORMAT, "format", format);
native!(GMATCH, "gmatch", gmatch);
native!(GMATCH_AUX, "gmatch_aux", gmatch_aux);
native!(GSUB, "gsub", gsub);
native!(LEN, "len", len);
native!(LOWER, "lower", lower);
native!(MATCH, "match", match_);
native!(PACK, "pack", pack_);
native!(PACKSIZE, "packsize", packsize);
native!(REP, "rep", rep);
native!(REVERSE, "reverse", reverse);
native!(SUB, "sub", sub);
native!(UNPACK, "unpack", unpack_);
native!(UPPER, "upper", upper);
native!(MM_ADD, "__add", mm_add);
native!(MM_SUB, "__sub", mm_sub);
native!(MM_MUL, "__mul", mm_mul);
native!(MM_MOD, "__mod", mm_mod);
native!(MM_POW, "__pow", mm_pow);
native!(MM_DIV, "__div", mm_div);
native!(MM_IDIV, "__idiv", mm_idiv);
native!(MM_UNM, "__unm", mm_unm);

pub fn open(vm: &mut Vm) {
    let string = new_lib(
        vm,
        "string",
        &[
            &BYTE, &CHAR, &DUMP, &FIND, &FORMAT, &GMATCH, &GSUB, &LEN, &LOWER, &MATCH, &PACK,
            &PACKSIZE, &REP, &REVERSE, &SUB, &UNPACK, &UPPER,
        ],
    );
    let mt = vm.new_table(Table::new());
    register(
        vm,
        mt,
        &[
            &MM_ADD, &MM_SUB, &MM_MUL, &MM_MOD, &MM_POW, &MM_DIV, &MM_IDIV, &MM_UNM,
        ],
    );
    set_field(vm, mt, "__index", Value::Table(string));
    vm.type_mt[crate::value::Type::String.index()] = Some(mt);
}

/// An error from lua-prims or one the engine raised, for the generic prims drivers.
enum PErr {
    Prims(lua_prims::Error),
    Throw(Throw),
}

impl From<lua_prims::Error> for PErr {
    fn from(e: lua_prims::Error) -> PErr {
        PErr::Prims(e)
    }
}

impl From<Throw> for PErr {
    fn from(e: Throw) -> PErr {
        PErr::Throw(e)
    }
}

fn perr(vm: &mut Vm, a: &Args, e: PErr) -> Throw {
    match e {
        PErr::Prims(e) => a.prims_error(vm, e),
        PErr::Throw(t) => t,
    }
}

fn push_str(vm: &mut Vm, bytes: &[u8]) {
    let s = vm.str_value(bytes);
    vm.push(s);
}

fn len(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let l = vm.str_bytes(s).len() as i64;
    vm.push(Value::Integer(l));
    Ok(1)
}

fn sub(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let i = a.check_integer(vm, 2)?;
    let j = a.opt_integer(vm, 3, -1)?;
    let len = vm.str_bytes(s).len();
    let r = strlib::sub_range(i, j, len);
    if r.start == 0 && r.end == len {
        vm.push(Value::String(s));
    } else {
        let sub = vm.intern_sub(s, r);
        vm.push(Value::String(sub));
    }
    Ok(1)
}

fn byte(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let i = a.opt_integer(vm, 2, 1)?;
    let j = a.opt_integer(vm, 3, i)?;
    let len = vm.str_bytes(s).len();
    let r = match strlib::byte_range(i, j, len) {
        Ok(r) => r,
        Err(e) => return Err(a.prims_error(vm, e)),
    };
    if r.len() >= crate::vm::MAX_STACK {
        return Err(Throw::Exhausted(lua_engine::Resource::Depth));
    }
    let count = r.len();
    vm.ensure_stack(vm.th.top + count + crate::vm::EXTRA_STACK)?;
    for k in r {
        let b = vm.str_bytes(s)[k];
        vm.push(Value::Integer(b as i64));
    }
    Ok(count)
}

fn char_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let mut out = Vec::with_capacity(n);
    for i in 1..=n {
        let c = a.check_integer(vm, i)?;
        match strlib::char_code(c, i) {
            Ok(b) => out.push(b),
            Err(e) => return Err(a.prims_error(vm, e)),
        }
    }
    push_str(vm, &out);
    Ok(1)
}

/// `string.dump`: a binary chunk with PUC 5.4's header. The body is this engine's own
/// (its disassembly): binary chunks cannot be loaded in the sandbox anyway (`load`
/// refuses them), so only their being strings starting with the signature is observable.
fn dump(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.get(vm, 1);
    let Value::LuaFn(r) = f else {
        if f.is_function() {
            return Err(vm.lib_error("unable to dump given function"));
        }
        return Err(a.type_error(vm, 1, "function"));
    };
    let mut out = b"\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08".to_vec();
    out.extend_from_slice(&0x5678i64.to_le_bytes());
    out.extend_from_slice(&370.5f64.to_le_bytes());
    let text = crate::disasm::disassemble(&vm.heap.lua_fns.get(r.0).proto().info);
    out.extend_from_slice(text.as_bytes());
    let s = vm.intern_vec(out);
    vm.push(Value::String(s));
    Ok(1)
}

fn lower(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let out = strlib::lower(vm.str_bytes(s));
    let r = vm.intern_vec(out);
    vm.push(Value::String(r));
    Ok(1)
}

fn upper(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let out = strlib::upper(vm.str_bytes(s));
    let r = vm.intern_vec(out);
    vm.push(Value::String(r));
    Ok(1)
}

fn reverse(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let out = strlib::reverse(vm.str_bytes(s));
    let r = vm.intern_vec(out);
    vm.push(Value::String(r));
    Ok(1)
}

fn rep(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let count = a.check_integer(vm, 2)?;
    let sep = a.opt_str(vm, 3)?;
    let sep_len = sep.map_or(0, |x| vm.str_bytes(x).len());
    let total = match strlib::rep_len(vm.str_bytes(s).len(), count, sep_len) {
        Ok(t) => t,
        Err(e) => return Err(a.prims_error(vm, e)),
    };
    vm.reserve(total)?;
    let sep_bytes = sep.map_or(Vec::new(), |x| vm.str_bytes(x).to_vec());
    let out = match strlib::rep(vm.str_bytes(s), count, &sep_bytes) {
        Ok(o) => o,
        Err(e) => return Err(a.prims_error(vm, e)),
    };
    let r = vm.intern_vec(out);
    vm.push(Value::String(r));
    Ok(1)
}

/// A capture as an owned description (so the matcher's borrow of the heap can end
/// before the values are created).
#[derive(Clone, Copy)]
enum Cap {
    Range(usize, usize),
    Position(i64),
}

fn capture_of(subject: &[u8], c: Capture<'_>) -> Cap {
    match c {
        Capture::Str(bytes) => {
            let start = bytes.as_ptr() as usize - subject.as_ptr() as usize;
            Cap::Range(start, start + bytes.len())
        }
        Capture::Position(p) => Cap::Position(p),
    }
}

fn captures(state: &MatchState<'_>, m: Found, whole: bool) -> Result<Vec<Cap>, lua_prims::Error> {
    let n = state.capture_count(whole);
    let subject = state.subject();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(capture_of(subject, state.capture(i, m)?));
    }
    Ok(out)
}

fn push_caps(vm: &mut Vm, s: StrRef, caps: &[Cap]) {
    for &c in caps {
        match c {
            Cap::Range(a, b) => {
                let v = vm.intern_sub(s, a..b);
                vm.push(Value::String(v));
            }
            Cap::Position(p) => vm.push(Value::Integer(p)),
        }
    }
}

fn find_aux(vm: &mut Vm, base: usize, n: usize, find: bool) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let p = a.check_str(vm, 2)?;
    let init = a.opt_integer(vm, 3, 1)?;
    let plain = a.get(vm, 4).truthy();
    let result = {
        let src = vm.str_bytes(s);
        let pat = vm.str_bytes(p);
        match pattern::find(src, pat, init, plain, find) {
            Ok(Some((m, state))) => captures(&state, m, !find).map(|c| Some((m, c))),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        }
    };
    match result {
        Err(e) => Err(a.prims_error(vm, e)),
        Ok(None) => {
            vm.push(Value::Nil);
            Ok(1)
        }
        Ok(Some((m, caps))) => {
            let mut count = caps.len();
            if find {
                vm.push(Value::Integer(m.start as i64 + 1));
                vm.push(Value::Integer(m.end as i64));
                count += 2;
            }
            push_caps(vm, s, &caps);
            Ok(count)
        }
    }
}

fn find(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    find_aux(vm, base, n, true)
}

fn match_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    find_aux(vm, base, n, false)
}

fn gmatch(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let p = a.check_str(vm, 2)?;
    let init = a.opt_integer(vm, 3, 1)?;
    let len = vm.str_bytes(s).len();
    let f = vm.heap.new_native_closure(NativeClosure {
        def: Some(&GMATCH_AUX),
        upvals: vec![Value::String(s), Value::String(p)],
        gmatch: Some(Gmatch::new(len, init)),
    });
    vm.push(Value::NativeClosure(f));
    Ok(1)
}

fn gmatch_aux(vm: &mut Vm, base: usize, _n: usize) -> Result<usize, Throw> {
    let Value::NativeClosure(f) = vm.th.stack[base - 1] else {
        unreachable!("gmatch's iterator is a native closure");
    };
    let (s, p, mut g) = {
        let nc = vm.heap.natives.get(f.0);
        match (nc.upvals[0], nc.upvals[1], nc.gmatch) {
            (Value::String(s), Value::String(p), Some(g)) => (s, p, g),
            _ => unreachable!("gmatch's iterator state"),
        }
    };
    let result = {
        let src = vm.str_bytes(s);
        let pat = vm.str_bytes(p);
        match g.next(src, pat) {
            Ok(Some((m, state))) => captures(&state, m, true).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        }
    };
    vm.heap.natives.get_mut(f.0).gmatch = Some(g);
    match result {
        Err(e) => Err(Args::new(base, 0).prims_error(vm, e)),
        Ok(None) => Ok(0),
        Ok(Some(caps)) => {
            push_caps(vm, s, &caps);
            Ok(caps.len())
        }
    }
}

fn gsub(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let p = a.check_str(vm, 2)?;
    let src_len = vm.str_bytes(s).len();
    let max_n = a.opt_integer(vm, 4, src_len as i64 + 1)?;
    let repl = a.get(vm, 3);
    let repl_str: Option<Vec<u8>> = match repl {
        Value::String(r) => Some(vm.str_bytes(r).to_vec()),
        Value::Integer(_) | Value::Float(_) => Some(vm.raw_tostring(repl)),
        Value::Table(_) => None,
        v if v.is_function() => None,
        _ => return Err(a.type_error(vm, 3, "string/function/table")),
    };
    // The subject and pattern are copied: a function or table replacement runs Lua code,
    // which needs the whole VM (both strings stay on the stack as arguments).
    let src = vm.str_bytes(s).to_vec();
    let pat = vm.str_bytes(p).to_vec();
    let mut out = Vec::with_capacity(src.len());
    let r = pattern::gsub(
        &src,
        &pat,
        max_n,
        &mut out,
        |state, m, out| -> Result<bool, PErr> {
            if let Some(r) = &repl_str {
                pattern::add_replacement(state, m, r, out)?;
                return Ok(true);
            }
            let value = if repl.is_function() {
                let caps = captures(state, m, true)?;
                let at = vm.safe_top();
                vm.ensure_stack(at + caps.len() + 1 + crate::vm::EXTRA_STACK)?;
                vm.th.top = at;
                vm.push(repl);
                push_caps(vm, s, &caps);
                vm.call(at, 1)?;
                let v = vm.th.stack[at];
                vm.th.top = at;
                v
            } else {
                let cap = capture_of(state.subject(), state.capture(0, m)?);
                let key = match cap {
                    Cap::Range(x, y) => Value::String(vm.intern_sub(s, x..y)),
                    Cap::Position(p) => Value::Integer(p),
                };
                vm.index_sync(repl, key)?
            };
            match value {
                Value::Nil | Value::Boolean(false) => {
                    out.extend_from_slice(&src[m.start..m.end]);
                    Ok(false)
                }
                Value::String(r) => {
                    out.extend_from_slice(vm.str_bytes(r));
                    Ok(true)
                }
                Value::Integer(_) | Value::Float(_) => {
                    out.extend_from_slice(&vm.raw_tostring(value));
                    Ok(true)
                }
                other => Err(pattern::invalid_replacement(other.type_name()).into()),
            }
        },
    );
    match r {
        Err(PErr::Prims(lua_prims::Error::Message(m))) => Err(vm.lib_error(m)),
        Err(e) => Err(perr(vm, &a, e)),
        Ok(res) => {
            if res.changed {
                let r = vm.intern_vec(out);
                vm.push(Value::String(r));
            } else {
                vm.push(Value::String(s));
            }
            vm.push(Value::Integer(res.count));
            Ok(2)
        }
    }
}

fn format(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let fs = a.check_str(vm, 1)?;
    let fmt = vm.str_bytes(fs).to_vec();
    let mut out: Vec<u8> = Vec::new();
    for piece in FormatParser::new(&fmt) {
        match piece {
            Piece::Literal(bytes) => out.extend_from_slice(bytes),
            Piece::Conversion { arg, conversion } => {
                if arg > n {
                    return Err(vm.arg_error(arg, "no value"));
                }
                let conv = match conversion {
                    Ok(c) => c,
                    Err(e) => return Err(a.prims_error(vm, e)),
                };
                if let Err(e) = conv.check_before_argument() {
                    return Err(a.prims_error(vm, e));
                }
                let r = match conv.kind {
                    Kind::Char | Kind::Integer | Kind::Unsigned => {
                        let i = a.check_integer(vm, arg)?;
                        conv.format_integer(&mut out, i)
                    }
                    Kind::HexFloat | Kind::Float => {
                        let f = a.check_float(vm, arg)?;
                        conv.format_float(&mut out, f)
                    }
                    Kind::Pointer => {
                        let v = a.get(vm, arg);
                        conv.format_pointer(&mut out, vm.pseudo_address(v))
                    }
                    Kind::Quoted => {
                        let v = a.get(vm, arg);
                        let bytes;
                        let lit = match v {
                            Value::Nil => Literal::Nil,
                            Value::Boolean(b) => Literal::Boolean(b),
                            Value::Integer(i) => Literal::Integer(i),
                            Value::Float(f) => Literal::Float(f),
                            Value::String(s) => {
                                bytes = vm.str_bytes(s).to_vec();
                                Literal::String(&bytes)
                            }
                            _ => Literal::Other,
                        };
                        conv.format_literal(&mut out, lit)
                    }
                    Kind::String => {
                        let v = a.get(vm, arg);
                        let text = vm.tostring_sync(v)?;
                        conv.format_string(&mut out, &text)
                    }
                };
                if let Err(e) = r {
                    return Err(a.prims_error(vm, e));
                }
            }
        }
    }
    vm.reserve(out.len())?;
    let r = vm.intern_vec(out);
    vm.push(Value::String(r));
    Ok(1)
}

fn pack_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let fs = a.check_str(vm, 1)?;
    let fmt = vm.str_bytes(fs).to_vec();
    let mut out = Vec::new();
    loop {
        out.clear();
        let r = {
            let vmr: &Vm = vm;
            pack::pack(
                &fmt,
                &mut out,
                |i, kind| -> Result<PackValue<'_>, PackErr> {
                    // PUC pushes a nil mark above the arguments: a missing one reads as nil.
                    let v = if i <= n { a.get(vmr, i) } else { Value::Nil };
                    match kind {
                        PackArg::Integer => match v {
                            Value::Integer(x) => Ok(PackValue::Integer(x)),
                            _ => match vmr.to_integer_coerce(v) {
                                Some(x) => Ok(PackValue::Integer(x)),
                                None if vmr.to_number_coerce(v).is_some() => {
                                    Err(PackErr::NoInteger(i))
                                }
                                None => Err(PackErr::Type(i, "number")),
                            },
                        },
                        PackArg::Number => match vmr.to_number_coerce(v) {
                            Some(x) => Ok(PackValue::Number(x.to_float())),
                            None => Err(PackErr::Type(i, "number")),
                        },
                        PackArg::String => match v {
                            Value::String(s) => Ok(PackValue::String(vmr.str_bytes(s).into())),
                            Value::Integer(_) | Value::Float(_) => Err(PackErr::NeedString(i)),
                            _ => Err(PackErr::Type(i, "string")),
                        },
                    }
                },
            )
        };
        match r {
            Ok(()) => break,
            Err(PackErr::NeedString(i)) => {
                // luaL_checklstring converts a number argument to a string in place;
                // then the packing starts again with it.
                a.check_str(vm, i)?;
            }
            Err(PackErr::Prims(e)) => return Err(a.prims_error(vm, e)),
            Err(PackErr::NoInteger(i)) => {
                return Err(vm.arg_error(i, "number has no integer representation"));
            }
            Err(PackErr::Type(i, expected)) => {
                let v = if i <= n { a.get(vm, i) } else { Value::Nil };
                return Err(pack_type_error(vm, i, expected, v));
            }
        }
    }
    vm.reserve(out.len())?;
    let s = vm.intern_vec(out);
    vm.push(Value::String(s));
    Ok(1)
}

/// Why `string.pack` stopped.
enum PackErr {
    Prims(lua_prims::Error),
    /// Argument `i` is a number that must first become a string.
    NeedString(usize),
    NoInteger(usize),
    Type(usize, &'static str),
}

impl From<lua_prims::Error> for PackErr {
    fn from(e: lua_prims::Error) -> PackErr {
        PackErr::Prims(e)
    }
}

/// A value `string.unpack` produced.
enum OwnedPack {
    Integer(i64),
    Number(f64),
    String(Vec<u8>),
}

fn pack_type_error(vm: &mut Vm, i: usize, expected: &str, v: Value) -> Throw {
    let got = vm.type_name_for_error(v);
    let mut msg = format!("{expected} expected, got ").into_bytes();
    msg.extend_from_slice(&got);
    vm.arg_error(i, msg)
}

fn packsize(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let fs = a.check_str(vm, 1)?;
    match pack::packsize(vm.str_bytes(fs)) {
        Ok(size) => {
            vm.push(Value::Integer(size));
            Ok(1)
        }
        Err(e) => Err(a.prims_error(vm, e)),
    }
}

fn unpack_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let fs = a.check_str(vm, 1)?;
    let ds = a.check_str(vm, 2)?;
    let init = a.opt_integer(vm, 3, 1)?;
    let mut results: Vec<OwnedPack> = Vec::new();
    let r = {
        let fmt = vm.str_bytes(fs);
        let data = vm.str_bytes(ds);
        pack::unpack(fmt, data, init, |u| -> Result<(), lua_prims::Error> {
            results.push(match u {
                Unpacked::Integer(i) => OwnedPack::Integer(i),
                Unpacked::Float(f) => OwnedPack::Number(f),
                Unpacked::String(s) => OwnedPack::String(s.to_vec()),
            });
            Ok(())
        })
    };
    match r {
        Err(e) => Err(a.prims_error(vm, e)),
        Ok(next) => {
            let count = results.len() + 1;
            if count >= crate::vm::MAX_STACK {
                return Err(Throw::Exhausted(lua_engine::Resource::Depth));
            }
            vm.ensure_stack(vm.th.top + count + crate::vm::EXTRA_STACK)?;
            for r in results {
                match r {
                    OwnedPack::Integer(i) => vm.push(Value::Integer(i)),
                    OwnedPack::Number(f) => vm.push(Value::Float(f)),
                    OwnedPack::String(s) => {
                        let v = vm.intern_vec(s);
                        vm.push(Value::String(v));
                    }
                }
            }
            vm.push(Value::Integer(next));
            Ok(count)
        }
    }
}

/// The string metamethods: arithmetic on numeric strings (`tonum`, `trymt`).
fn string_arith(vm: &mut Vm, base: usize, n: usize, op: ArithOp) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = a.get(vm, 1);
    let y = a.get(vm, 2);
    let tonum = |vm: &Vm, v: Value| -> Option<Number> {
        match v {
            Value::Integer(i) => Some(Number::Integer(i)),
            Value::Float(f) => Some(Number::Float(f)),
            Value::String(_) => vm.str_to_num(v),
            _ => None,
        }
    };
    if let (Some(nx), Some(ny)) = (tonum(vm, x), tonum(vm, y)) {
        let r = vm.arith_sync(op, Value::from_number(nx), Value::from_number(ny))?;
        vm.push(r);
        return Ok(1);
    }
    // trymt: the second operand's metamethod, unless it is a string.
    let event = crate::opcodes::TagMethod::for_arith(op);
    let mtname = event.name();
    let tm = if matches!(y, Value::String(_)) {
        Value::Nil
    } else {
        vm.metamethod(y, event)
    };
    if tm.is_nil() {
        let msg = format!(
            "attempt to {} a '{}' with a '{}'",
            &mtname[2..],
            x.type_name(),
            y.type_name()
        );
        return Err(vm.lib_error(msg));
    }
    let r = vm.call1(tm, &[x, y])?;
    vm.push(r);
    Ok(1)
}

fn mm_add(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    string_arith(vm, b, n, ArithOp::Add)
}
fn mm_sub(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    string_arith(vm, b, n, ArithOp::Sub)
}
fn mm_mul(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    string_arith(vm, b, n, ArithOp::Mul)
}
fn mm_mod(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    string_arith(vm, b, n, ArithOp::Mod)
}
fn mm_pow(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    string_arith(vm, b, n, ArithOp::Pow)
}
fn mm_div(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    string_arith(vm, b, n, ArithOp::Div)
}
fn mm_idiv(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    string_arith(vm, b, n, ArithOp::IDiv)
}
fn mm_unm(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    string_arith(vm, b, n, ArithOp::Unm)
}
