//! The math library (lmathlib.c, with the 5.3 compatibility functions), on lua-prims'
//! number rules and its xoshiro256** generator.

use lua_prims::math as pm;
use lua_prims::number::Number;
use lua_prims::random::Xoshiro256;

use crate::native;
use crate::native::Args;
use crate::stdlib::{new_lib, set_field};
use crate::value::Value;
use crate::vm::{Throw, Vm};

native!(ABS, "abs", abs);
native!(ACOS, "acos", acos);
native!(ASIN, "asin", asin);
native!(ATAN, "atan", atan);
native!(ATAN2, "atan2", atan);
native!(CEIL, "ceil", ceil);
native!(COS, "cos", cos);
native!(COSH, "cosh", cosh);
native!(DEG, "deg", deg);
native!(EXP, "exp", exp);
native!(FLOOR, "floor", floor);
native!(FMOD, "fmod", fmod);
native!(FREXP, "frexp", frexp);
native!(LDEXP, "ldexp", ldexp);
native!(LOG, "log", log);
native!(LOG10, "log10", log10);
native!(MAX, "max", max);
native!(MIN, "min", min);
native!(MODF, "modf", modf);
native!(POW, "pow", pow);
native!(RAD, "rad", rad);
native!(RANDOM, "random", random);
native!(RANDOMSEED, "randomseed", randomseed);
native!(SIN, "sin", sin);
native!(SINH, "sinh", sinh);
native!(SQRT, "sqrt", sqrt);
native!(TAN, "tan", tan);
native!(TANH, "tanh", tanh);
native!(TOINTEGER, "tointeger", tointeger);
native!(TYPE, "type", type_);
native!(ULT, "ult", ult);

pub fn open(vm: &mut Vm) {
    let t = new_lib(
        vm,
        "math",
        &[
            &ABS,
            &ACOS,
            &ASIN,
            &ATAN,
            &ATAN2,
            &CEIL,
            &COS,
            &COSH,
            &DEG,
            &EXP,
            &FLOOR,
            &FMOD,
            &FREXP,
            &LDEXP,
            &LOG,
            &LOG10,
            &MAX,
            &MIN,
            &MODF,
            &POW,
            &RAD,
            &RANDOM,
            &RANDOMSEED,
            &SIN,
            &SINH,
            &SQRT,
            &TAN,
            &TANH,
            &TOINTEGER,
            &TYPE,
            &ULT,
        ],
    );
    set_field(vm, t, "pi", Value::Float(pm::PI));
    set_field(vm, t, "huge", Value::Float(f64::INFINITY));
    set_field(vm, t, "maxinteger", Value::Integer(i64::MAX));
    set_field(vm, t, "mininteger", Value::Integer(i64::MIN));
}

fn push_num(vm: &mut Vm, n: Number) -> Result<usize, Throw> {
    vm.push(Value::from_number(n));
    Ok(1)
}

fn float1(vm: &mut Vm, base: usize, n: usize, f: fn(f64) -> f64) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = a.check_float(vm, 1)?;
    vm.push(Value::Float(f(x)));
    Ok(1)
}

fn abs(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = match a.get(vm, 1) {
        Value::Integer(i) => Number::Integer(i),
        _ => Number::Float(a.check_float(vm, 1)?),
    };
    push_num(vm, pm::abs(x))
}
fn acos(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::acos)
}
fn asin(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::asin)
}
fn atan(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let y = a.check_float(vm, 1)?;
    let x = match a.opt_number(vm, 2)? {
        Some(x) => x.to_float(),
        None => 1.0,
    };
    vm.push(Value::Float(y.atan2(x)));
    Ok(1)
}
fn ceil(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    if let Value::Integer(_) = a.get(vm, 1) {
        let v = a.get(vm, 1);
        vm.push(v);
        return Ok(1);
    }
    let x = a.check_float(vm, 1)?;
    push_num(vm, pm::ceil(Number::Float(x)))
}
fn cos(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::cos)
}
fn cosh(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::cosh)
}
fn deg(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, pm::deg)
}
fn exp(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::exp)
}
fn floor(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    if let Value::Integer(_) = a.get(vm, 1) {
        let v = a.get(vm, 1);
        vm.push(v);
        return Ok(1);
    }
    let x = a.check_float(vm, 1)?;
    push_num(vm, pm::floor(Number::Float(x)))
}
fn fmod(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = a.get(vm, 1);
    let y = a.get(vm, 2);
    let r = if let (Value::Integer(i), Value::Integer(j)) = (x, y) {
        pm::fmod(Number::Integer(i), Number::Integer(j))
    } else {
        // PUC's compiler evaluates the second luaL_checknumber first.
        let fy = a.check_float(vm, 2)?;
        let fx = a.check_float(vm, 1)?;
        pm::fmod(Number::Float(fx), Number::Float(fy))
    };
    match r {
        Ok(v) => push_num(vm, v),
        Err(e) => Err(a.prims_error(vm, e)),
    }
}
fn frexp(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = a.check_float(vm, 1)?;
    let (m, e) = pm::frexp(x);
    vm.push(Value::Float(m));
    vm.push(Value::Integer(e));
    Ok(2)
}
fn ldexp(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let m = a.check_float(vm, 1)?;
    let e = a.check_integer(vm, 2)?;
    vm.push(Value::Float(pm::ldexp(m, e as i32)));
    Ok(1)
}
fn log(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = a.check_float(vm, 1)?;
    let b = if a.is_none_or_nil(vm, 2) {
        None
    } else {
        Some(a.check_float(vm, 2)?)
    };
    vm.push(Value::Float(pm::log(x, b)));
    Ok(1)
}
fn log10(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::log10)
}
fn minmax(vm: &mut Vm, base: usize, n: usize, want_max: bool) -> Result<usize, Throw> {
    // PUC compares the arguments with `lua_compare` (no number check in 5.4.9).
    if n < 1 {
        return Err(vm.arg_error(1, "value expected"));
    }
    let a = Args::new(base, n);
    let mut best = a.get(vm, 1);
    for i in 2..=n {
        let x = a.get(vm, i);
        let c = if want_max {
            vm.less_than(best, x)?
        } else {
            vm.less_than(x, best)?
        };
        if vm.compare_sync(c)? {
            best = a.get(vm, i);
        }
    }
    vm.push(best);
    Ok(1)
}
fn max(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    minmax(vm, b, n, true)
}
fn min(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    minmax(vm, b, n, false)
}
fn modf(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let num = match a.get(vm, 1) {
        Value::Integer(i) => Number::Integer(i),
        _ => Number::Float(a.check_float(vm, 1)?),
    };
    let (ip, frac) = pm::modf(num);
    vm.push(Value::from_number(ip));
    vm.push(Value::Float(frac));
    Ok(2)
}
fn pow(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = a.check_float(vm, 1)?;
    let y = a.check_float(vm, 2)?;
    vm.push(Value::Float(x.powf(y)));
    Ok(1)
}
fn rad(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, pm::rad)
}
fn random(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let rv = vm.rng.next_raw();
    let (low, up) = match n {
        0 => {
            vm.push(Value::Float(Xoshiro256::float(rv)));
            return Ok(1);
        }
        1 => {
            let up = a.check_integer(vm, 1)?;
            if up == 0 {
                vm.push(Value::Integer(rv as i64));
                return Ok(1);
            }
            (1, up)
        }
        2 => (a.check_integer(vm, 1)?, a.check_integer(vm, 2)?),
        _ => return Err(vm.lib_error("wrong number of arguments")),
    };
    match vm.rng.project_range(rv, low, up) {
        Ok(x) => {
            vm.push(Value::Integer(x));
            Ok(1)
        }
        Err(e) => Err(a.prims_error(vm, e)),
    }
}
fn randomseed(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let (n1, n2) = if n == 0 {
        // PUC seeds from the clock and an address; any seed will do.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i64);
        (t, vm.steps as i64)
    } else {
        (a.check_integer(vm, 1)?, a.opt_integer(vm, 2, 0)?)
    };
    vm.rng.seed(n1, n2);
    vm.push(Value::Integer(n1));
    vm.push(Value::Integer(n2));
    Ok(2)
}
fn sin(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::sin)
}
fn sinh(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::sinh)
}
fn sqrt(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::sqrt)
}
fn tan(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::tan)
}
fn tanh(vm: &mut Vm, b: usize, n: usize) -> Result<usize, Throw> {
    float1(vm, b, n, f64::tanh)
}
fn tointeger(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let v = a.get(vm, 1);
    match vm.to_integer_coerce(v) {
        Some(i) => vm.push(Value::Integer(i)),
        None => {
            a.check_any(vm, 1)?;
            vm.push(Value::Nil);
        }
    }
    Ok(1)
}
fn type_(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    match a.get(vm, 1) {
        Value::Integer(_) => {
            let s = vm.str_value(b"integer");
            vm.push(s);
        }
        Value::Float(_) => {
            let s = vm.str_value(b"float");
            vm.push(s);
        }
        _ => {
            a.check_any(vm, 1)?;
            vm.push(Value::Nil);
        }
    }
    Ok(1)
}
fn ult(vm: &mut Vm, base: usize, n: usize) -> Result<usize, Throw> {
    let a = Args::new(base, n);
    let x = a.check_integer(vm, 1)?;
    let y = a.check_integer(vm, 2)?;
    vm.push(Value::Boolean(pm::ult(x, y)));
    Ok(1)
}
