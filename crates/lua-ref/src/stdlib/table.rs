//! The table library (manual §6.6, ltablib.c). Element access goes through metamethods
//! (`lua_geti`/`lua_seti`), lengths through `__len`, as in PUC.

use std::rc::Rc;

use lua_prims::sort::{SortTarget, sort};
use lua_prims::strlib;

use super::library;
use crate::interp::{Exec, Throw};
use crate::runtime::{Event, Runtime};
use crate::table::Table;
use crate::value::{LResult, TableRef, Type, Value};

pub fn open(rt: &Rc<Runtime>) -> TableRef {
    library(
        rt,
        &[
            ("concat", "table.concat", concat),
            ("insert", "table.insert", insert),
            ("move", "table.move", move_),
            ("pack", "table.pack", pack),
            ("remove", "table.remove", remove),
            ("sort", "table.sort", sort_),
            ("unpack", "table.unpack", unpack),
        ],
    )
}

/// What `checktab` requires of a non-table argument's metatable.
const TAB_R: u8 = 1;
const TAB_W: u8 = 2;
const TAB_L: u8 = 4;

impl Exec<'_> {
    /// `checktab`: a table, or a value whose metatable has the metamethods needed.
    fn check_tab(&mut self, args: &[Value], n: usize, what: u8) -> LResult<Value> {
        let v = Exec::arg(args, n);
        if let Value::Table(_) = v {
            return Ok(v);
        }
        if let Some(mt) = self.rt.metatable(&v) {
            let mt = mt.borrow();
            let has = |e: Event| !mt.get_str(self.rt.event(e)).is_nil();
            if (what & TAB_R == 0 || has(Event::Index))
                && (what & TAB_W == 0 || has(Event::NewIndex))
                && (what & TAB_L == 0 || has(Event::Len))
            {
                return Ok(v);
            }
        }
        Err(self.type_arg_error(args, n, "table"))
    }

    /// `luaL_len`: the length with `__len`, which must be an integer.
    pub fn len_of(&mut self, v: Value) -> LResult<i64> {
        let n = self.length(v, 0, None)?;
        match n {
            Value::Integer(i) => Ok(i),
            other => match other.as_number().and_then(|n| n.to_integer()) {
                Some(i) => Ok(i),
                None => Err(self.error("object length is not an integer")),
            },
        }
    }

    /// `lua_geti`.
    fn geti(&mut self, t: &Value, i: i64) -> LResult<Value> {
        if let Value::Table(tab) = t {
            let tb = tab.borrow();
            let v = tb.get_int(i);
            if !v.is_nil() || tb.meta.is_none() {
                return Ok(v);
            }
        }
        self.get_index(t.clone(), Value::Integer(i))
    }

    /// `lua_seti`.
    fn seti(&mut self, t: &Value, i: i64, v: Value) -> LResult<()> {
        if let Value::Table(tab) = t {
            let mut tb = tab.borrow_mut();
            if tb.meta.is_none() {
                tb.set_int(i, v);
                return Ok(());
            }
        }
        self.set_index_api(t.clone(), Value::Integer(i), v)
    }
}

fn insert(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = exec.check_tab(&args, 1, TAB_R | TAB_W | TAB_L)?;
    let e = exec.len_of(t.clone())?.wrapping_add(1);
    let pos = match args.len() {
        2 => e,
        3 => {
            let pos = exec.check_integer(&args, 2)?;
            if let Err(err) = strlib::insert_position_check(pos, e) {
                return Err(exec.prims_error(err));
            }
            let mut i = e;
            while i > pos {
                exec.rt.step()?;
                let v = exec.geti(&t, i - 1)?;
                exec.seti(&t, i, v)?;
                i -= 1;
            }
            pos
        }
        _ => return Err(exec.prims_error(strlib::insert_wrong_arguments())),
    };
    let v = args.last().cloned().unwrap_or_default();
    exec.seti(&t, pos, v)?;
    Ok(Vec::new())
}

fn remove(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = exec.check_tab(&args, 1, TAB_R | TAB_W | TAB_L)?;
    let size = exec.len_of(t.clone())?;
    let mut pos = exec.opt_integer(&args, 2, size)?;
    if pos != size
        && let Err(e) = strlib::remove_position_check(pos, size)
    {
        return Err(exec.prims_error(e));
    }
    let result = exec.geti(&t, pos)?;
    while pos < size {
        exec.rt.step()?;
        let v = exec.geti(&t, pos + 1)?;
        exec.seti(&t, pos, v)?;
        pos += 1;
    }
    exec.seti(&t, pos, Value::Nil)?;
    Ok(vec![result])
}

fn concat(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = exec.check_tab(&args, 1, TAB_R | TAB_L)?;
    let last = exec.len_of(t.clone())?;
    let sep = exec.opt_string(&args, 2)?;
    let sep = sep.as_ref().map_or(&b""[..], |s| s.as_bytes()).to_vec();
    let mut i = exec.opt_integer(&args, 3, 1)?;
    let last = exec.opt_integer(&args, 4, last)?;
    let mut out = Vec::new();
    while i <= last {
        exec.rt.step()?;
        let v = exec.geti(&t, i)?;
        match &v {
            Value::String(s) => out.extend_from_slice(s.as_bytes()),
            Value::Integer(_) | Value::Float(_) => out.extend_from_slice(
                lua_prims::numfmt::fmt_number(
                    v.as_number().unwrap_or(lua_prims::Number::Integer(0)),
                )
                .as_bytes(),
            ),
            other => {
                let e = strlib::concat_invalid_value(other.type_name(), i);
                return Err(exec.prims_error(e));
            }
        }
        if i < last {
            out.extend_from_slice(&sep);
        }
        exec.rt.reserve(out.len())?;
        if i == last {
            break;
        }
        i += 1;
    }
    Ok(vec![Value::bytes(&out)])
}

fn pack(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let n = args.len();
    exec.rt.reserve(n * 24)?;
    let t = exec.rt.new_table(Table::with_capacity(n, 1));
    t.borrow_mut().set_list(1, args);
    let _ = t
        .borrow_mut()
        .set(Value::str("n"), Value::Integer(n as i64));
    Ok(vec![Value::Table(t)])
}

/// The most values `table.unpack` returns (PUC's stack limit, `LUAI_MAXSTACK`).
const MAX_UNPACK: u64 = 1_000_000;

fn unpack(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = Exec::arg(&args, 1);
    let i = exec.opt_integer(&args, 2, 1)?;
    let e = if Exec::is_none_or_nil(&args, 3) {
        exec.len_of(t.clone())?
    } else {
        exec.check_integer(&args, 3)?
    };
    let n = match strlib::unpack_count(i, e) {
        Ok(n) => n,
        Err(err) => return Err(exec.prims_error(err)),
    };
    if n >= MAX_UNPACK {
        return Err(exec.error("too many results to unpack"));
    }
    exec.rt.reserve(n as usize * 24)?;
    exec.rt.steps_n(n)?;
    let mut out = Vec::with_capacity(n as usize);
    for k in 0..n {
        let v = exec.geti(&t, i.wrapping_add(k as i64))?;
        out.push(v);
    }
    Ok(out)
}

fn move_(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = exec.check_integer(&args, 2)?;
    let e = exec.check_integer(&args, 3)?;
    let t = exec.check_integer(&args, 4)?;
    let tt = if Exec::is_none_or_nil(&args, 5) { 1 } else { 5 };
    let a1 = exec.check_tab(&args, 1, TAB_R)?;
    let a2 = exec.check_tab(&args, tt, TAB_W)?;
    if e >= f {
        let same = tt == 1 || exec.equals(&a1, &a2, 0)?;
        let forward = match strlib::move_check(f, e, t, same) {
            Ok(fwd) => fwd,
            Err(err) => return Err(exec.prims_error(err)),
        };
        let n = e - f + 1;
        if forward {
            for i in 0..n {
                exec.rt.step()?;
                let v = exec.geti(&a1, f + i)?;
                exec.seti(&a2, t + i, v)?;
            }
        } else {
            let mut i = n - 1;
            while i >= 0 {
                exec.rt.step()?;
                let v = exec.geti(&a1, f + i)?;
                exec.seti(&a2, t + i, v)?;
                i -= 1;
            }
        }
    }
    Ok(vec![a2])
}

/// `table.sort` through lua-prims' copy of PUC's quicksort.
struct Sorter<'e, 'y> {
    exec: &'e mut Exec<'y>,
    t: Value,
    comp: Value,
}

impl SortTarget for Sorter<'_, '_> {
    type Value = Value;
    type Error = Throw;

    fn get(&mut self, i: u64) -> Result<Value, Throw> {
        self.exec.geti(&self.t, i as i64)
    }

    fn set(&mut self, i: u64, v: Value) -> Result<(), Throw> {
        self.exec.seti(&self.t, i as i64, v)
    }

    fn less(&mut self, a: &Value, b: &Value) -> Result<bool, Throw> {
        self.exec.rt.step()?;
        if self.comp.is_nil() {
            self.exec.less_than(a, b, 0)
        } else {
            let r = self
                .exec
                .call(self.comp.clone(), vec![a.clone(), b.clone()])?;
            Ok(r.first().is_some_and(Value::truthy))
        }
    }

    fn invalid_order(&mut self) -> Throw {
        self.exec.error("invalid order function for sorting")
    }
}

fn sort_(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = exec.check_tab(&args, 1, TAB_R | TAB_W | TAB_L)?;
    let n = exec.len_of(t.clone())?;
    if n > 1 {
        if let Err(e) = strlib::sort_size_check(n) {
            return Err(exec.prims_error(e));
        }
        if !Exec::is_none_or_nil(&args, 2) {
            exec.check_type(&args, 2, Type::Function)?;
        }
        let comp = Exec::arg(&args, 2);
        let mut sorter = Sorter { exec, t, comp };
        sort(&mut sorter, n)?;
    }
    Ok(Vec::new())
}
