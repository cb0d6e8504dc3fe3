//! The string library (manual §6.4, lstrlib.c) and the string metatable, whose arithmetic
//! metamethods convert numeric strings (`"10" + 1`).

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use lua_prims::format::{FormatParser, Kind, Literal, Piece};
use lua_prims::number::{ArithOp, str_to_number};
use lua_prims::pack::{self, PackArg, PackValue, Unpacked};
use lua_prims::pattern::{self, Capture, Found, Gmatch, MatchState};
use lua_prims::strlib;

use super::{library, native, native_closure, set_field};
use crate::interp::{Exec, Throw};
use crate::runtime::{Event, Runtime};
use crate::table::Table;
use crate::value::{LResult, LuaStr, TableRef, Type, Value};

/// An error of a primitive or of the engine, for primitives generic over errors.
pub(crate) enum LibError {
    Prims(lua_prims::Error),
    Throw(Throw),
}

impl From<lua_prims::Error> for LibError {
    fn from(e: lua_prims::Error) -> LibError {
        LibError::Prims(e)
    }
}

impl From<Throw> for LibError {
    fn from(t: Throw) -> LibError {
        LibError::Throw(t)
    }
}

impl Exec<'_> {
    pub(crate) fn lib_error(&mut self, e: LibError) -> Throw {
        match e {
            LibError::Prims(p) => self.prims_error(p),
            LibError::Throw(t) => t,
        }
    }
}

pub fn open(rt: &Rc<Runtime>) -> TableRef {
    let t = library(
        rt,
        &[
            ("byte", "string.byte", byte),
            ("char", "string.char", char),
            ("dump", "string.dump", dump),
            ("find", "string.find", find),
            ("format", "string.format", format),
            ("gmatch", "string.gmatch", gmatch),
            ("gsub", "string.gsub", gsub),
            ("len", "string.len", len),
            ("lower", "string.lower", lower),
            ("match", "string.match", match_),
            ("rep", "string.rep", rep),
            ("reverse", "string.reverse", reverse),
            ("sub", "string.sub", sub),
            ("upper", "string.upper", upper),
            ("pack", "string.pack", pack_),
            ("packsize", "string.packsize", packsize),
            ("unpack", "string.unpack", unpack),
        ],
    );
    let meta = rt.new_table(Table::new());
    let arith: &[(&str, crate::value::NativeFn)] = &[
        ("__add", |e, a| arith(e, a, ArithOp::Add)),
        ("__sub", |e, a| arith(e, a, ArithOp::Sub)),
        ("__mul", |e, a| arith(e, a, ArithOp::Mul)),
        ("__mod", |e, a| arith(e, a, ArithOp::Mod)),
        ("__pow", |e, a| arith(e, a, ArithOp::Pow)),
        ("__div", |e, a| arith(e, a, ArithOp::Div)),
        ("__idiv", |e, a| arith(e, a, ArithOp::IDiv)),
        ("__unm", |e, a| arith(e, a, ArithOp::Unm)),
    ];
    for (name, f) in arith {
        set_field(&meta, name, native("", *f));
    }
    set_field(&meta, "__index", Value::Table(t.clone()));
    rt.set_type_metatable(Type::String, Some(meta));
    t
}

/// The arithmetic metamethods of strings (`arith_add`...): both operands converted to
/// numbers, else the other operand's metamethod, else an error.
fn arith(exec: &mut Exec<'_>, args: Vec<Value>, op: ArithOp) -> LResult<Vec<Value>> {
    let a = Exec::arg(&args, 1);
    let b = Exec::arg(&args, 2);
    if let (Some(x), Some(y)) = (tonum(&a), tonum(&b)) {
        let r = exec.arith_api(op, Value::from_number(x), Value::from_number(y))?;
        return Ok(vec![r]);
    }
    let event = match op {
        ArithOp::Add => Event::Add,
        ArithOp::Sub => Event::Sub,
        ArithOp::Mul => Event::Mul,
        ArithOp::Mod => Event::Mod,
        ArithOp::Pow => Event::Pow,
        ArithOp::Div => Event::Div,
        ArithOp::IDiv => Event::IDiv,
        _ => Event::Unm,
    };
    // `trymt`: the second operand's metamethod, unless it is a string.
    let tm = if let Value::String(_) = b {
        Value::Nil
    } else {
        match exec.rt.metatable(&b) {
            Some(mt) => mt.borrow().get_str(exec.rt.event(event)),
            None => Value::Nil,
        }
    };
    if tm.is_nil() {
        let msg = format!(
            "attempt to {} a '{}' with a '{}'",
            &event.key()[2..],
            a.type_name(),
            b.type_name()
        );
        return Err(exec.error(msg));
    }
    let r = exec.call(tm, vec![a, b])?;
    Ok(vec![r.into_iter().next().unwrap_or_default()])
}

/// `tonum` in lstrlib.c: a number, or a string that is a numeral.
fn tonum(v: &Value) -> Option<lua_prims::Number> {
    match v {
        Value::Integer(_) | Value::Float(_) => v.as_number(),
        Value::String(s) => str_to_number(s.as_bytes()),
        _ => None,
    }
}

fn len(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    Ok(vec![Value::Integer(s.len() as i64)])
}

fn sub(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let i = exec.check_integer(&args, 2)?;
    let j = exec.opt_integer(&args, 3, -1)?;
    let r = strlib::sub_range(i, j, s.len());
    if r.start == 0 && r.end == s.len() {
        return Ok(vec![Value::String(s)]);
    }
    Ok(vec![Value::bytes(&s.as_bytes()[r])])
}

fn upper(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    Ok(vec![Value::String(LuaStr::new(strlib::upper(
        s.as_bytes(),
    )))])
}

fn lower(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    Ok(vec![Value::String(LuaStr::new(strlib::lower(
        s.as_bytes(),
    )))])
}

fn reverse(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    Ok(vec![Value::String(LuaStr::new(strlib::reverse(
        s.as_bytes(),
    )))])
}

fn rep(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let n = exec.check_integer(&args, 2)?;
    let sep = exec.opt_string(&args, 3)?;
    let sep = sep.as_ref().map_or(&b""[..], |s| s.as_bytes());
    let total = match strlib::rep_len(s.len(), n, sep.len()) {
        Ok(t) => t,
        Err(e) => return Err(exec.prims_error(e)),
    };
    exec.rt.reserve(total)?;
    exec.rt.steps_n(total as u64 / 64)?;
    match strlib::rep(s.as_bytes(), n, sep) {
        Ok(r) => Ok(vec![Value::String(LuaStr::new(r))]),
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn byte(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let i = exec.opt_integer(&args, 2, 1)?;
    let j = exec.opt_integer(&args, 3, i)?;
    match strlib::byte_range(i, j, s.len()) {
        Ok(r) => {
            exec.rt.steps_n(r.len() as u64)?;
            exec.rt.reserve(r.len() * 24)?;
            Ok(s.as_bytes()[r]
                .iter()
                .map(|&c| Value::Integer(i64::from(c)))
                .collect())
        }
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn char(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let mut out = Vec::with_capacity(args.len());
    for n in 1..=args.len() {
        let c = exec.check_integer(&args, n)?;
        match strlib::char_code(c, n) {
            Ok(b) => out.push(b),
            Err(e) => return Err(exec.prims_error(e)),
        }
    }
    Ok(vec![Value::String(LuaStr::new(out))])
}

/// `string.dump`: this engine has no bytecode. A Lua function dumps to PUC's binary
/// chunk header alone, which is enough for what programs can observe portably (a string
/// starting with the escape byte, which the sandbox's `load` refuses); native functions
/// cannot be dumped, as in PUC.
fn dump(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = exec.check_type(&args, 1, Type::Function)?;
    match f {
        Value::Function(f) if matches!(&*f.0, crate::value::Function::Lua(_)) => {
            let mut header = b"\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08".to_vec();
            header.extend_from_slice(&0x5678i64.to_le_bytes());
            header.extend_from_slice(&370.5f64.to_le_bytes());
            Ok(vec![Value::bytes(&header)])
        }
        _ => Err(exec.error("unable to dump given function")),
    }
}

/// The values of a match: captures `0..count` (positions as integers).
fn push_captures(
    exec: &mut Exec<'_>,
    state: &MatchState<'_>,
    m: Found,
    count: usize,
) -> LResult<Vec<Value>> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        match state.capture(i, m) {
            Ok(Capture::Str(s)) => out.push(Value::bytes(s)),
            Ok(Capture::Position(p)) => out.push(Value::Integer(p)),
            Err(e) => return Err(exec.prims_error(e)),
        }
    }
    Ok(out)
}

fn find(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    str_find_aux(exec, args, true)
}

fn match_(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    str_find_aux(exec, args, false)
}

fn str_find_aux(exec: &mut Exec<'_>, args: Vec<Value>, find: bool) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let p = exec.check_string(&args, 2)?;
    let init = exec.opt_integer(&args, 3, 1)?;
    let plain = find && Exec::arg(&args, 4).truthy();
    exec.rt.steps_n(s.len() as u64 / 16)?;
    match pattern::find(s.as_bytes(), p.as_bytes(), init, plain, find) {
        Ok(None) => Ok(vec![Value::Nil]),
        Ok(Some((m, state))) => {
            if find {
                let mut out = vec![
                    Value::Integer(m.start as i64 + 1),
                    Value::Integer(m.end as i64),
                ];
                out.extend(push_captures(exec, &state, m, state.capture_count(false))?);
                Ok(out)
            } else {
                push_captures(exec, &state, m, state.capture_count(true))
            }
        }
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn gmatch(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let p = exec.check_string(&args, 2)?;
    let init = exec.opt_integer(&args, 3, 1)?;
    let state = RefCell::new(Gmatch::new(s.len(), init));
    let iter = native_closure(move |exec, _args| {
        exec.rt.steps_n(s.len() as u64 / 16)?;
        let next = state.borrow_mut().next(s.as_bytes(), p.as_bytes());
        match next {
            Ok(None) => Ok(Vec::new()),
            Ok(Some((m, st))) => push_captures(exec, &st, m, st.capture_count(true)),
            Err(e) => Err(exec.prims_error(e)),
        }
    });
    Ok(vec![iter])
}

fn gsub(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = exec.check_string(&args, 1)?;
    let p = exec.check_string(&args, 2)?;
    let repl = Exec::arg(&args, 3);
    let max_n = exec.opt_integer(&args, 4, s.len() as i64 + 1)?;
    match repl {
        Value::Integer(_)
        | Value::Float(_)
        | Value::String(_)
        | Value::Table(_)
        | Value::Function(_) => {}
        _ => return Err(exec.type_arg_error(&args, 3, "string/function/table")),
    }
    let repl_str = match &repl {
        Value::String(_) | Value::Integer(_) | Value::Float(_) => {
            Some(exec.check_string(&args, 3)?)
        }
        _ => None,
    };
    exec.rt.steps_n(s.len() as u64 / 16)?;
    let mut out = Vec::new();
    let result = pattern::gsub::<LibError>(
        s.as_bytes(),
        p.as_bytes(),
        max_n,
        &mut out,
        |state, m, out| {
            exec.rt.step()?;
            // The result grows inside the matcher: keep it within the memory limit.
            exec.rt.reserve(out.len())?;
            if let Some(r) = &repl_str {
                pattern::add_replacement(state, m, r.as_bytes(), out)?;
                return Ok(true);
            }
            let value = match &repl {
                Value::Table(_) => {
                    let key = match state.capture(0, m)? {
                        Capture::Str(c) => Value::bytes(c),
                        Capture::Position(p) => Value::Integer(p),
                    };
                    exec.get_index(repl.clone(), key)?
                }
                _ => {
                    let n = state.capture_count(true);
                    let caps = push_captures(exec, state, m, n)?;
                    exec.call(repl.clone(), caps)?
                        .into_iter()
                        .next()
                        .unwrap_or_default()
                }
            };
            match value {
                Value::Nil | Value::Boolean(false) => {
                    out.extend_from_slice(&state.subject()[m.start..m.end]);
                    Ok(false)
                }
                Value::String(r) => {
                    out.extend_from_slice(r.as_bytes());
                    Ok(true)
                }
                v @ (Value::Integer(_) | Value::Float(_)) => {
                    let n = v.as_number().unwrap_or(lua_prims::Number::Integer(0));
                    out.extend_from_slice(lua_prims::numfmt::fmt_number(n).as_bytes());
                    Ok(true)
                }
                other => Err(pattern::invalid_replacement(other.type_name()).into()),
            }
        },
    );
    match result {
        Ok(g) => {
            let text = if g.changed {
                Value::bytes(&out)
            } else {
                Value::String(s)
            };
            Ok(vec![text, Value::Integer(g.count)])
        }
        Err(e) => Err(exec.lib_error(e)),
    }
}

fn format(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let fmt = exec.check_string(&args, 1)?;
    let mut out = Vec::new();
    for piece in FormatParser::new(fmt.as_bytes()) {
        match piece {
            Piece::Literal(bytes) => out.extend_from_slice(bytes),
            Piece::Conversion { arg, conversion } => {
                if arg > args.len() {
                    return Err(exec.arg_error(arg, "no value"));
                }
                let conversion = match conversion {
                    Ok(c) => c,
                    Err(e) => return Err(exec.prims_error(e)),
                };
                if let Err(e) = conversion.check_before_argument() {
                    return Err(exec.prims_error(e));
                }
                let r = match conversion.kind {
                    Kind::Char => {
                        let n = exec.check_integer(&args, arg)?;
                        conversion.format_char(&mut out, n)
                    }
                    Kind::Integer | Kind::Unsigned => {
                        let n = exec.check_integer(&args, arg)?;
                        conversion.format_integer(&mut out, n)
                    }
                    Kind::HexFloat | Kind::Float => {
                        let x = exec.check_number(&args, arg)?.to_float();
                        conversion.format_float(&mut out, x)
                    }
                    Kind::Pointer => {
                        let v = Exec::arg(&args, arg);
                        let p = match v {
                            Value::Table(_)
                            | Value::Function(_)
                            | Value::Thread(_)
                            | Value::Userdata(_)
                            | Value::String(_) => v.addr(),
                            _ => None,
                        };
                        conversion.format_pointer(&mut out, p)
                    }
                    Kind::Quoted => {
                        let v = Exec::arg(&args, arg);
                        let lit = match &v {
                            Value::Nil => Literal::Nil,
                            Value::Boolean(b) => Literal::Boolean(*b),
                            Value::Integer(i) => Literal::Integer(*i),
                            Value::Float(f) => Literal::Float(*f),
                            Value::String(s) => Literal::String(s.as_bytes()),
                            _ => Literal::Other,
                        };
                        conversion.format_literal(&mut out, lit)
                    }
                    Kind::String => {
                        let v = Exec::arg(&args, arg);
                        let s = exec.tostring(&v)?;
                        conversion.format_string(&mut out, s.as_bytes())
                    }
                };
                if let Err(e) = r {
                    return Err(exec.prims_error(e));
                }
                exec.rt.reserve(out.len())?;
            }
        }
    }
    Ok(vec![Value::String(LuaStr::new(out))])
}

fn pack_(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let fmt = exec.check_string(&args, 1)?;
    let mut out = Vec::new();
    let r = pack::pack::<LibError>(fmt.as_bytes(), &mut out, |n, kind| {
        // PUC reads a missing argument as nil ("got nil", not "got no value").
        let padded;
        let args_ref: &[Value] = if n > args.len() {
            let mut a = args.clone();
            a.resize(n, Value::Nil);
            padded = a;
            &padded
        } else {
            &args
        };
        match kind {
            PackArg::Integer => Ok(PackValue::Integer(exec.check_integer(args_ref, n)?)),
            PackArg::Number => Ok(PackValue::Number(
                exec.check_number(args_ref, n)?.to_float(),
            )),
            PackArg::String => match args.get(n - 1) {
                Some(Value::String(s)) => Ok(PackValue::String(Cow::Borrowed(s.as_bytes()))),
                _ => {
                    let s = exec.check_string(args_ref, n)?;
                    Ok(PackValue::String(Cow::Owned(s.as_bytes().to_vec())))
                }
            },
        }
    });
    match r {
        Ok(()) => {
            exec.rt.reserve(out.len())?;
            Ok(vec![Value::bytes(&out)])
        }
        Err(e) => Err(exec.lib_error(e)),
    }
}

fn packsize(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let fmt = exec.check_string(&args, 1)?;
    match pack::packsize(fmt.as_bytes()) {
        Ok(n) => Ok(vec![Value::Integer(n)]),
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn unpack(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let fmt = exec.check_string(&args, 1)?;
    let data = exec.check_string(&args, 2)?;
    let init = exec.opt_integer(&args, 3, 1)?;
    let mut out = Vec::new();
    let r = pack::unpack::<LibError>(fmt.as_bytes(), data.as_bytes(), init, |v| {
        out.push(match v {
            Unpacked::Integer(i) => Value::Integer(i),
            Unpacked::Float(f) => Value::Float(f),
            Unpacked::String(s) => Value::bytes(s),
        });
        Ok(())
    });
    match r {
        Ok(next) => {
            out.push(Value::Integer(next));
            Ok(out)
        }
        Err(e) => Err(exec.lib_error(e)),
    }
}
