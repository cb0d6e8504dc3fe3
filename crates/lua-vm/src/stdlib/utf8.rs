//! The utf8 library (lutf8lib.c) on lua-prims' UTF-8 rules.

use lua_prims::utf8 as pu;

use crate::native;
use crate::native::Args;
use crate::stdlib::{new_lib, set_field};
use crate::value::Value;
use crate::vm::{EXTRA_STACK, MAX_STACK, Throw, Vm};

native!(CHAR, "char", char_);
native!(CODEPOINT, "codepoint", codepoint);
native!(CODES, "codes", codes);
native!(LEN, "len", len);
native!(OFFSET, "offset", offset);
native!(ITER_STRICT, "codes_iter", iter_strict);
native!(ITER_LAX, "codes_iter_lax", iter_lax);

pub fn open(vm: &mut Vm) {
    let t = new_lib(vm, "utf8", &[&CHAR, &CODEPOINT, &CODES, &LEN, &OFFSET]);
    let pattern = vm.str_value(pu::CHARPATTERN);
    set_field(vm, t, "charpattern", pattern);
}

fn char_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let mut out = Vec::new();
    for i in 1..=n {
        let code = a.check_integer(vm, i)?;
        if let Err(e) = pu::char(code, i, &mut out) {
            return Err(a.prims_error(vm, e));
        }
    }
    let s = vm.str_value(&out);
    vm.push(s);
    Ok(1)
}

fn codepoint(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let i = a.opt_integer(vm, 2, 1)?;
    // The default end is the (unnormalised) start, as PUC passes `posi` after u_posrelat;
    // u_posrelat is idempotent on valid positions, so the raw start works too.
    let len = vm.str_bytes(s).len();
    let posi = if i >= 0 {
        i
    } else if i.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + i + 1
    };
    let j = a.opt_integer(vm, 3, posi)?;
    let lax = a.get(vm, 4).truthy();
    let mut codes = Vec::new();
    let r = pu::codepoint(
        vm.str_bytes(s),
        i,
        j,
        lax,
        |c| -> Result<(), lua_prims::Error> {
            codes.push(c);
            Ok(())
        },
    );
    if let Err(e) = r {
        return Err(a.prims_error(vm, e));
    }
    if codes.len() >= MAX_STACK {
        return Err(Throw::Exhausted(lua_engine::Resource::Depth));
    }
    vm.ensure_stack(vm.th.top + codes.len() + EXTRA_STACK)?;
    for &c in &codes {
        vm.push(Value::Integer(c));
    }
    Ok(codes.len())
}

fn len(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let i = a.opt_integer(vm, 2, 1)?;
    let j = a.opt_integer(vm, 3, -1)?;
    let lax = a.get(vm, 4).truthy();
    match pu::len(vm.str_bytes(s), i, j, lax) {
        Ok(Ok(count)) => {
            vm.push(Value::Integer(count));
            Ok(1)
        }
        Ok(Err(pos)) => {
            vm.push(Value::Nil);
            vm.push(Value::Integer(pos));
            Ok(2)
        }
        Err(e) => Err(a.prims_error(vm, e)),
    }
}

fn offset(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let k = a.check_integer(vm, 2)?;
    let i = if a.is_none_or_nil(vm, 3) {
        None
    } else {
        Some(a.check_integer(vm, 3)?)
    };
    match pu::offset(vm.str_bytes(s), k, i) {
        Ok(Some(p)) => vm.push(Value::Integer(p)),
        Ok(None) => vm.push(Value::Nil),
        Err(e) => return Err(a.prims_error(vm, e)),
    }
    Ok(1)
}

fn codes(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let lax = a.get(vm, 2).truthy();
    let s = a.check_str(vm, 1)?;
    if let Err(e) = pu::codes_check(vm.str_bytes(s)) {
        return Err(a.prims_error(vm, e));
    }
    vm.push(Value::Native(if lax { &ITER_LAX } else { &ITER_STRICT }));
    vm.push(Value::String(s));
    vm.push(Value::Integer(0));
    Ok(3)
}

fn iter(vm: &mut Vm, base: usize, n: usize, strict: bool) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let s = a.check_str(vm, 1)?;
    let control = vm.to_integer_coerce(a.get(vm, 2)).unwrap_or(0);
    match pu::codes_next(vm.str_bytes(s), control, strict) {
        Ok(Some((pos, code))) => {
            vm.push(Value::Integer(pos));
            vm.push(Value::Integer(code));
            Ok(2)
        }
        Ok(None) => Ok(0),
        Err(e) => Err(a.prims_error(vm, e)),
    }
}

fn iter_strict(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    iter(vm, base, n, true)
}

fn iter_lax(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    iter(vm, base, n, false)
}
