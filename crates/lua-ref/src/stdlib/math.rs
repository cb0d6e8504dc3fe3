//! The mathematical library (manual §6.7, lmathlib.c), with the 5.3 compatibility functions
//! of the native build (`pow`, `ldexp`, `frexp`, `cosh`, `sinh`, `tanh`, `log10`).

use std::rc::Rc;

use lua_prims::Number;
use lua_prims::math as pm;
use lua_prims::random::Xoshiro256;

use super::{library, set_field};
use crate::interp::Exec;
use crate::runtime::Runtime;
use crate::value::{LResult, TableRef, Value};

pub fn open(rt: &Rc<Runtime>) -> TableRef {
    let t = library(
        rt,
        &[
            ("abs", "math.abs", abs),
            ("ceil", "math.ceil", ceil),
            ("floor", "math.floor", floor),
            ("fmod", "math.fmod", fmod),
            ("modf", "math.modf", modf),
            ("sqrt", "math.sqrt", |e, a| float1(e, a, f64::sqrt)),
            ("exp", "math.exp", |e, a| float1(e, a, f64::exp)),
            ("sin", "math.sin", |e, a| float1(e, a, f64::sin)),
            ("cos", "math.cos", |e, a| float1(e, a, f64::cos)),
            ("tan", "math.tan", |e, a| float1(e, a, f64::tan)),
            ("asin", "math.asin", |e, a| float1(e, a, f64::asin)),
            ("acos", "math.acos", |e, a| float1(e, a, f64::acos)),
            ("atan", "math.atan", atan),
            ("deg", "math.deg", |e, a| float1(e, a, pm::deg)),
            ("rad", "math.rad", |e, a| float1(e, a, pm::rad)),
            ("log", "math.log", log),
            ("max", "math.max", max),
            ("min", "math.min", min),
            ("tointeger", "math.tointeger", tointeger),
            ("type", "math.type", type_),
            ("ult", "math.ult", ult),
            ("random", "math.random", random),
            ("randomseed", "math.randomseed", randomseed),
            // LUA_COMPAT_MATHLIB
            ("cosh", "math.cosh", |e, a| float1(e, a, f64::cosh)),
            ("sinh", "math.sinh", |e, a| float1(e, a, f64::sinh)),
            ("tanh", "math.tanh", |e, a| float1(e, a, f64::tanh)),
            ("pow", "math.pow", pow),
            ("frexp", "math.frexp", frexp),
            ("ldexp", "math.ldexp", ldexp),
            ("log10", "math.log10", |e, a| float1(e, a, f64::log10)),
        ],
    );
    // LUA_COMPAT_MATHLIB: `atan2` is the same function as `atan`.
    let atan_fn = t.borrow().get(&Value::str("atan"));
    set_field(&t, "atan2", atan_fn);
    set_field(&t, "pi", Value::Float(pm::PI));
    set_field(&t, "huge", Value::Float(f64::INFINITY));
    set_field(&t, "maxinteger", Value::Integer(i64::MAX));
    set_field(&t, "mininteger", Value::Integer(i64::MIN));
    t
}

fn num(n: Number) -> Vec<Value> {
    vec![Value::from_number(n)]
}

fn float1(exec: &mut Exec<'_>, args: Vec<Value>, f: fn(f64) -> f64) -> LResult<Vec<Value>> {
    let x = exec.check_number(&args, 1)?.to_float();
    Ok(vec![Value::Float(f(x))])
}

/// An argument as lmathlib reads it with `lua_isinteger` first: an integer value stays an
/// integer, anything else goes through `luaL_checknumber` as a float.
fn int_or_float(exec: &mut Exec<'_>, args: &[Value], n: usize) -> LResult<Number> {
    match args.get(n - 1) {
        Some(Value::Integer(i)) => Ok(Number::Integer(*i)),
        _ => Ok(Number::Float(exec.check_number(args, n)?.to_float())),
    }
}

fn abs(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let n = int_or_float(exec, &args, 1)?;
    Ok(num(pm::abs(n)))
}

fn floor(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let n = int_or_float(exec, &args, 1)?;
    Ok(num(pm::floor(n)))
}

fn ceil(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let n = int_or_float(exec, &args, 1)?;
    Ok(num(pm::ceil(n)))
}

fn fmod(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (a, b) = match (args.first(), args.get(1)) {
        (Some(Value::Integer(a)), Some(Value::Integer(b))) => {
            (Number::Integer(*a), Number::Integer(*b))
        }
        _ => {
            // C evaluates the two `luaL_checknumber` calls of PUC's `fmod(...)` call
            // right to left: the second argument is checked first.
            let b = exec.check_number(&args, 2)?.to_float();
            let a = exec.check_number(&args, 1)?.to_float();
            (Number::Float(a), Number::Float(b))
        }
    };
    match pm::fmod(a, b) {
        Ok(n) => Ok(num(n)),
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn modf(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let n = int_or_float(exec, &args, 1)?;
    let (ip, frac) = pm::modf(n);
    Ok(vec![Value::from_number(ip), Value::Float(frac)])
}

fn atan(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let y = exec.check_number(&args, 1)?.to_float();
    let x = exec.opt_number(&args, 2, Number::Float(1.0))?.to_float();
    Ok(vec![Value::Float(y.atan2(x))])
}

fn log(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let x = exec.check_number(&args, 1)?.to_float();
    let base = if Exec::is_none_or_nil(&args, 2) {
        None
    } else {
        Some(exec.check_number(&args, 2)?.to_float())
    };
    Ok(vec![Value::Float(pm::log(x, base))])
}

fn pow(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let x = exec.check_number(&args, 1)?.to_float();
    let y = exec.check_number(&args, 2)?.to_float();
    Ok(vec![Value::Float(x.powf(y))])
}

fn frexp(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let x = exec.check_number(&args, 1)?.to_float();
    let (m, e) = pm::frexp(x);
    Ok(vec![Value::Float(m), Value::Integer(e)])
}

fn ldexp(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let m = exec.check_number(&args, 1)?.to_float();
    let e = exec.check_integer(&args, 2)?;
    Ok(vec![Value::Float(pm::ldexp(m, e as i32))])
}

/// `math.max`/`math.min`: compares the arguments with `<` (metamethods included) and
/// returns the winning argument itself.
fn minmax(exec: &mut Exec<'_>, args: Vec<Value>, want_max: bool) -> LResult<Vec<Value>> {
    if args.is_empty() {
        return Err(exec.arg_error(1, "value expected"));
    }
    let mut best = 0;
    for i in 1..args.len() {
        let better = if want_max {
            exec.less_than(&args[best], &args[i], 0)?
        } else {
            exec.less_than(&args[i], &args[best], 0)?
        };
        if better {
            best = i;
        }
    }
    Ok(vec![args[best].clone()])
}

fn max(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    minmax(exec, args, true)
}

fn min(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    minmax(exec, args, false)
}

fn tointeger(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = exec.check_any(&args, 1)?;
    let n = match &v {
        Value::Integer(_) | Value::Float(_) => v.as_number(),
        Value::String(s) => lua_prims::number::str_to_number(s.as_bytes()),
        _ => None,
    };
    Ok(vec![match n.and_then(pm::tointeger) {
        Some(i) => Value::Integer(i),
        None => Value::Nil,
    }])
}

fn type_(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = exec.check_any(&args, 1)?;
    Ok(vec![match v.as_number() {
        Some(n) => Value::str(n.subtype_name()),
        None => Value::Nil,
    }])
}

fn ult(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let a = exec.check_integer(&args, 1)?;
    let b = exec.check_integer(&args, 2)?;
    Ok(vec![Value::Boolean(pm::ult(a, b))])
}

fn random(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    // The next value is drawn before the arguments are looked at.
    let rv = exec.rt.rng.borrow_mut().next_raw();
    let (low, up) = match args.len() {
        0 => return Ok(vec![Value::Float(Xoshiro256::float(rv))]),
        1 => {
            let up = exec.check_integer(&args, 1)?;
            if up == 0 {
                return Ok(vec![Value::Integer(rv as i64)]);
            }
            (1, up)
        }
        2 => {
            let low = exec.check_integer(&args, 1)?;
            let up = exec.check_integer(&args, 2)?;
            (low, up)
        }
        _ => return Err(exec.error("wrong number of arguments")),
    };
    let r = exec.rt.rng.borrow_mut().project_range(rv, low, up);
    match r {
        Ok(i) => Ok(vec![Value::Integer(i)]),
        Err(e) => Err(exec.prims_error(e)),
    }
}

fn randomseed(exec: &mut Exec<'_>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (n1, n2) = if args.is_empty() {
        // PUC seeds from the time and an address; any seed will do.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        (t, exec.rt.steps_taken() as i64)
    } else {
        let n1 = exec.check_integer(&args, 1)?;
        let n2 = exec.opt_integer(&args, 2, 0)?;
        (n1, n2)
    };
    exec.rt.rng.borrow_mut().seed(n1, n2);
    Ok(vec![Value::Integer(n1), Value::Integer(n2)])
}
