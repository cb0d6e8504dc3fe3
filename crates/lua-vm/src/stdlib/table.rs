//! The table library (ltablib.c): every access goes through metamethods as in 5.4
//! (`lua_geti`/`lua_seti`), with raw fast paths for tables without a metatable; `sort` is
//! lua-prims' copy of PUC's quicksort.

use lua_prims::sort::{self, SortTarget};
use lua_prims::strlib;

use crate::native;
use crate::native::Args;
use crate::stdlib::new_lib;
use crate::table::Table;
use crate::value::Value;
use crate::vm::{EXTRA_STACK, MAX_STACK, Throw, Vm};

native!(CONCAT, "concat", concat);
native!(INSERT, "insert", insert);
native!(MOVE, "move", move_);
native!(PACK, "pack", pack);
native!(REMOVE, "remove", remove);
native!(SORT, "sort", sort_);
native!(UNPACK, "unpack", unpack);

pub fn open(vm: &mut Vm) {
    new_lib(
        vm,
        "table",
        &[&CONCAT, &INSERT, &MOVE, &PACK, &REMOVE, &SORT, &UNPACK],
    );
}

const TAB_R: u8 = 1;
const TAB_W: u8 = 2;
const TAB_L: u8 = 4;

/// `checktab`: a table, or a value whose metatable has the metamethods the operation
/// needs.
fn check_tab(vm: &mut Vm, a: &Args, arg: usize, what: u8) -> Result<Value, Throw> {
    let v = a.get(vm, arg);
    if let Value::Table(_) = v {
        return Ok(v);
    }
    if let Some(mt) = vm.metatable(v) {
        let t = vm.heap.table(mt);
        let has = |name: crate::opcodes::TagMethod| {
            !t.get_str(Value::String(vm.names.tm[name as usize]))
                .is_nil()
        };
        let ok = (what & TAB_R == 0 || has(crate::opcodes::TagMethod::Index))
            && (what & TAB_W == 0 || has(crate::opcodes::TagMethod::NewIndex))
            && (what & TAB_L == 0 || has(crate::opcodes::TagMethod::Len));
        if ok {
            return Ok(v);
        }
    }
    Err(a.type_error(vm, arg, "table"))
}

/// `t[i]` with metamethods (raw when `t` has no metatable).
fn geti(vm: &mut Vm, t: Value, i: i64) -> Result<Value, Throw> {
    if let Value::Table(h) = t {
        let tbl = vm.heap.table(h);
        let v = tbl.get_int(i);
        if !v.is_nil() || tbl.metatable.is_none() {
            return Ok(v);
        }
    }
    vm.index_sync(t, Value::Integer(i))
}

/// `t[i] = v` with metamethods.
fn seti(vm: &mut Vm, t: Value, i: i64, v: Value) -> Result<(), Throw> {
    if let Value::Table(h) = t
        && vm.heap.table(h).metatable.is_none()
    {
        vm.heap.table_set_int(h, i, v);
        return Ok(());
    }
    vm.newindex_sync(t, Value::Integer(i), v)
}

/// `aux_getn`: `#t` (with `__len`) as an integer.
fn getn(vm: &mut Vm, a: &Args, arg: usize, what: u8) -> Result<(Value, i64), Throw> {
    let t = check_tab(vm, a, arg, what | TAB_L)?;
    if let Value::Table(h) = t
        && vm.heap.table(h).metatable.is_none()
    {
        return Ok((t, vm.heap.table(h).length() as i64));
    }
    let n = vm.len_integer(t)?;
    Ok((t, n))
}

fn insert(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let (t, e) = getn(vm, &a, 1, TAB_R | TAB_W)?;
    let e = e.wrapping_add(1);
    let pos = match n {
        2 => e,
        3 => {
            let pos = a.check_integer(vm, 2)?;
            if let Err(err) = strlib::insert_position_check(pos, e) {
                return Err(a.prims_error(vm, err));
            }
            let mut i = e;
            while i > pos {
                let v = geti(vm, t, i - 1)?;
                seti(vm, t, i, v)?;
                i -= 1;
            }
            pos
        }
        _ => return Err(a.prims_error(vm, strlib::insert_wrong_arguments())),
    };
    let v = a.get(vm, n);
    seti(vm, t, pos, v)?;
    Ok(0)
}

fn remove(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let (t, size) = getn(vm, &a, 1, TAB_R | TAB_W)?;
    let mut pos = a.opt_integer(vm, 2, size)?;
    if let Err(err) = strlib::remove_position_check(pos, size) {
        return Err(a.prims_error(vm, err));
    }
    let result = geti(vm, t, pos)?;
    // Keep the result on the stack while metamethods may run.
    vm.push(result);
    while pos < size {
        let v = geti(vm, t, pos + 1)?;
        seti(vm, t, pos, v)?;
        pos += 1;
    }
    seti(vm, t, pos, Value::Nil)?;
    Ok(1)
}

fn move_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let f = a.check_integer(vm, 2)?;
    let e = a.check_integer(vm, 3)?;
    let t = a.check_integer(vm, 4)?;
    let tt = if !a.is_none_or_nil(vm, 5) { 5 } else { 1 };
    let src = check_tab(vm, &a, 1, TAB_R)?;
    let dst = check_tab(vm, &a, tt, TAB_W)?;
    if e >= f {
        let same = if tt == 1 {
            true
        } else {
            let c = vm.equal(src, dst);
            vm.compare_sync(c)?
        };
        let forward = match strlib::move_check(f, e, t, same) {
            Ok(fw) => fw,
            Err(err) => return Err(a.prims_error(vm, err)),
        };
        let count = e - f + 1;
        if forward {
            for i in 0..count {
                let v = geti(vm, src, f + i)?;
                seti(vm, dst, t + i, v)?;
            }
        } else {
            for i in (0..count).rev() {
                let v = geti(vm, src, f + i)?;
                seti(vm, dst, t + i, v)?;
            }
        }
    }
    vm.push(dst);
    Ok(1)
}

fn concat(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let (t, last) = getn(vm, &a, 1, TAB_R)?;
    let sep = match a.opt_str(vm, 2)? {
        Some(s) => vm.str_bytes(s).to_vec(),
        None => Vec::new(),
    };
    let i = a.opt_integer(vm, 3, 1)?;
    let last = a.opt_integer(vm, 4, last)?;
    let mut out = Vec::new();
    let mut k = i;
    while k <= last {
        let v = geti(vm, t, k)?;
        match v {
            Value::String(s) => out.extend_from_slice(vm.str_bytes(s)),
            Value::Integer(_) | Value::Float(_) => out.extend_from_slice(&vm.raw_tostring(v)),
            other => {
                let tname = other.type_name();
                return Err(a.prims_error(vm, strlib::concat_invalid_value(tname, k)));
            }
        }
        if k != last {
            out.extend_from_slice(&sep);
            if out.len() > (1 << 24) {
                vm.reserve(out.len())?;
            }
        }
        if k == i64::MAX {
            break;
        }
        k += 1;
    }
    vm.reserve(out.len())?;
    let s = vm.intern_vec(out);
    vm.push(Value::String(s));
    Ok(1)
}

fn pack(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let mut t = Table::with_capacity(n, 1);
    t.set_list(1, &vm.th.stack[base..base + n]);
    let r = vm.new_table(t);
    let key = Value::String(vm.names.n);
    vm.heap.table_set(r, key, Value::Integer(n as i64));
    vm.push(Value::Table(r));
    Ok(1)
}

fn unpack(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let t = a.get(vm, 1);
    let i = a.opt_integer(vm, 2, 1)?;
    let e = if a.is_none_or_nil(vm, 3) {
        match t {
            Value::Table(h) if vm.heap.table(h).metatable.is_none() => {
                vm.heap.table(h).length() as i64
            }
            _ => vm.len_integer(t)?,
        }
    } else {
        a.check_integer(vm, 3)?
    };
    let count = match strlib::unpack_count(i, e) {
        Ok(c) => c,
        Err(err) => return Err(a.prims_error(vm, err)),
    };
    if count as usize >= MAX_STACK.saturating_sub(vm.th.top) {
        return Err(vm.lib_error("too many results to unpack"));
    }
    let count = count as usize;
    vm.ensure_stack(vm.th.top + count + EXTRA_STACK)?;
    let mut k = i;
    for done in 0..count {
        let v = geti(vm, t, k)?;
        vm.push(v);
        if done + 1 < count {
            k += 1;
        }
    }
    Ok(count)
}

/// `table.sort`'s view of the table for lua-prims' quicksort.
struct Sorter<'v> {
    vm: &'v mut Vm,
    t: Value,
    cmp: Value,
}

impl SortTarget for Sorter<'_> {
    type Value = Value;
    type Error = Throw;

    fn get(&mut self, i: u64) -> Result<Value, Throw> {
        geti(self.vm, self.t, i as i64)
    }

    fn set(&mut self, i: u64, v: Value) -> Result<(), Throw> {
        seti(self.vm, self.t, i as i64, v)
    }

    fn less(&mut self, a: &Value, b: &Value) -> Result<bool, Throw> {
        if self.cmp.is_nil() {
            if let (Value::Integer(x), Value::Integer(y)) = (*a, *b) {
                return Ok(x < y);
            }
            let c = self.vm.less_than(*a, *b)?;
            return self.vm.compare_sync(c);
        }
        Ok(self.vm.call1(self.cmp, &[*a, *b])?.truthy())
    }

    fn invalid_order(&mut self) -> Throw {
        self.vm.lib_error("invalid order function for sorting")
    }
}

fn sort_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let (t, len) = getn(vm, &a, 1, TAB_R | TAB_W)?;
    if len > 1 {
        if let Err(err) = strlib::sort_size_check(len) {
            return Err(a.prims_error(vm, err));
        }
        let cmp = a.get(vm, 2);
        if !cmp.is_nil() && !cmp.is_function() {
            return Err(a.type_error(vm, 2, "function"));
        }
        // The sort holds values in Rust locals while the comparator runs.
        vm.gc_block += 1;
        let r = sort::sort(&mut Sorter { vm, t, cmp }, len);
        vm.gc_block -= 1;
        r?;
    }
    Ok(0)
}
